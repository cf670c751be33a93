import type { Snapshot } from '../../src/shared/snapshot.ts';
import { DeploymentList, HorizontalPodAutoscalerList } from '../../src/parse/kube.ts';
import { findHpa1, readHpa } from '../common/hpa-object.ts';
import type { ObservedPoint } from './observed.ts';

/** hpa1 and deployment1 over time, from `snapshot.series` entries holding `kube.hpa` (and maybe `kube.deployments`). */
export interface SeriesRead {
  points: ObservedPoint[];
  /** Entries that carried kube.hpa at all. */
  sampled: number;
  /** Entries whose kube.hpa failed or did not parse. */
  unreadable: number;
  /** Entries where kube.hpa had no hpa1. */
  withoutHpa: number;
  /** A failed sample's stderr, for evidence. */
  firstError?: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function readSeries(snapshot: Snapshot): SeriesRead {
  const entries = [...(snapshot.series ?? [])]
    .filter((e) => e.probes['kube.hpa'] !== undefined)
    .sort((a, b) => Date.parse(a.t) - Date.parse(b.t));
  const out: SeriesRead = { points: [], sampled: entries.length, unreadable: 0, withoutHpa: 0 };
  const t0 = entries[0] === undefined ? 0 : Date.parse(entries[0].t);
  for (const e of entries) {
    const probe = e.probes['kube.hpa'];
    const list = probe?.exitCode === 0 ? HorizontalPodAutoscalerList.safeParse(parseJson(probe.stdout)) : undefined;
    if (list === undefined || !list.success) {
      out.unreadable++;
      if (out.firstError === undefined) out.firstError = probe?.stderr || probe?.stdout.slice(0, 500) || '';
      continue;
    }
    const found = findHpa1(list.data.items);
    if (found === undefined) {
      out.withoutHpa++;
      continue;
    }
    const info = readHpa(found.item);
    const point: ObservedPoint = { t: e.t, s: Math.round((Date.parse(e.t) - t0) / 1000), scale: 0 };
    if (info.currentReplicas !== undefined) point.replicas = info.currentReplicas;
    if (info.desiredReplicas !== undefined) point.desired = info.desiredReplicas;
    if (info.cpuUtilization !== undefined) point.cpu = info.cpuUtilization;
    const deploys = e.probes['kube.deployments'];
    const dl = deploys?.exitCode === 0 ? DeploymentList.safeParse(parseJson(deploys.stdout)) : undefined;
    const d = dl?.success
      ? dl.data.items.find((x) => x.metadata.name === info.target.name && (x.metadata.namespace ?? 'default') === found.namespace)
      : undefined;
    if (d?.spec.replicas !== undefined) point.specReplicas = d.spec.replicas;
    // A freshly created HPA reports desiredReplicas 0 before its first sync: that is not a count.
    const scale = point.specReplicas ?? (point.desired !== undefined && point.desired > 0 ? point.desired : undefined) ?? point.replicas;
    if (scale === undefined) continue;
    point.scale = scale;
    out.points.push(point);
  }
  return out;
}
