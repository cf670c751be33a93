import type { HostEntry, HostsConfig } from '../config/hosts-config.ts';
import type { LabMeta } from '../shared/lab.ts';
import { Snapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type HostSnapshot } from '../shared/snapshot.ts';
import { CollectError } from './collect-error.ts';
import { runBatch, runNaive, type HostRun } from './host-run.ts';
import { openHost, type ProgressEvent } from './host-session.ts';

export { CollectError } from './collect-error.ts';
export type { CollectErrorKind } from './collect-error.ts';
export type { ProgressEvent } from './host-session.ts';
export { observeSeries } from './observe-series.ts';

/** Probe names per role. */
export interface CollectPlan {
  master: string[];
  worker: string[];
}

export interface CollectOptions {
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  /** 'batched' (default): one exec per host. 'naive': one exec per probe (benchmark baseline). */
  mode?: 'batched' | 'naive';
}

export interface CollectStats {
  hosts: { name: string; roundTrips: number; bytesIn: number; bytesOut: number; ms: number }[];
  ms: number;
}

/** The union of the labs' probes, per role, in first-seen order. */
export function planFor(labs: readonly LabMeta[]): CollectPlan {
  const master = new Set<string>();
  const worker = new Set<string>();
  for (const lab of labs) {
    for (const p of lab.probes.master) master.add(p);
    for (const p of lab.probes.worker) worker.add(p);
  }
  return { master: [...master], worker: [...worker] };
}

/**
 * Collects a Snapshot v1 from every configured host that has probes in the plan, hosts in
 * parallel, one SSH connection and (batched) one exec each. Throws CollectError when a host
 * cannot be collected at all; a failing probe is recorded, not thrown.
 */
export async function collectSnapshot(
  config: HostsConfig,
  plan: CollectPlan,
  opts: CollectOptions = {},
): Promise<{ snapshot: Snapshot; stats: CollectStats }> {
  const started = Date.now();
  const takenAt = new Date(started).toISOString();
  const targets = config.hosts.filter((h) => plan[h.role].length > 0);
  const settled = await Promise.allSettled(targets.map((h) => collectHost(config, h, plan[h.role], opts)));
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [CollectError.from(s.reason, targets[i]?.name ?? '?')] : []));
  const first = failures[0];
  if (first) {
    first.failures = failures;
    throw first;
  }
  const hosts: Record<string, HostSnapshot> = {};
  const stats: CollectStats = { hosts: [], ms: 0 };
  settled.forEach((s, i) => {
    const h = targets[i];
    if (s.status !== 'fulfilled' || !h) return;
    hosts[h.name] = { role: h.role, probes: s.value.run.probes };
    stats.hosts.push({
      name: h.name,
      roundTrips: s.value.run.roundTrips,
      bytesIn: s.value.bytesIn,
      bytesOut: s.value.bytesOut,
      ms: s.value.ms,
    });
  });
  stats.ms = Date.now() - started;
  const snapshot = Snapshot.parse({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt, hosts });
  return { snapshot, stats };
}

async function collectHost(
  config: HostsConfig,
  host: HostEntry,
  names: string[],
  opts: CollectOptions,
): Promise<{ run: HostRun; bytesIn: number; bytesOut: number; ms: number }> {
  const started = Date.now();
  const conn = await openHost(config, host, opts.onProgress, opts.signal);
  try {
    opts.onProgress?.({ host: host.name, phase: 'running', probes: names.length, message: `running ${names.length} probes` });
    const limits = {
      probeTimeoutMs: config.probeTimeoutMs,
      hostTimeoutMs: config.hostTimeoutMs,
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    const run = await (opts.mode === 'naive' ? runNaive : runBatch)(conn, host.name, names, limits);
    const bytes = conn.bytes();
    opts.onProgress?.({
      host: host.name,
      phase: 'done',
      probes: names.length,
      message: `${names.length} probes in ${Date.now() - started} ms`,
    });
    return { run, bytesIn: bytes.in, bytesOut: bytes.out, ms: Date.now() - started };
  } catch (err) {
    const ce = CollectError.from(err, host.name);
    opts.onProgress?.({ host: host.name, phase: 'failed', message: ce.detail.en, detail: ce.detail });
    throw ce;
  } finally {
    conn.close();
  }
}
