import type { HostRole, ProbeResult, Snapshot } from '../src/shared/snapshot.ts';

/** A probe's output: a string (exit 0) or a full result (to test failures). */
export type ProbeInput = string | Partial<ProbeResult>;

/**
 * Builds a Snapshot v1 for tests: `{ master: { 'kube.nodes': json }, worker: {...} }`.
 * Objects given as probe output are JSON-stringified like `kubectl -o json` prints them.
 */
export function makeSnapshot(
  hosts: Partial<Record<HostRole, Record<string, ProbeInput | object>>>,
  extra: Partial<Snapshot> = {},
): Snapshot {
  const out: Snapshot = { format: 'k8s-lab-snapshot', version: 1, takenAt: '2026-11-27T12:00:00Z', hosts: {}, ...extra };
  for (const [role, probes] of Object.entries(hosts) as [HostRole, Record<string, ProbeInput | object>][]) {
    const converted: Record<string, ProbeResult> = {};
    for (const [name, value] of Object.entries(probes)) converted[name] = toProbe(value);
    out.hosts[role] = { role, probes: converted };
  }
  return out;
}

export function toProbe(value: ProbeInput | object): ProbeResult {
  if (typeof value === 'string') return { stdout: value, stderr: '', exitCode: 0 };
  if ('stdout' in value || 'exitCode' in value || 'stderr' in value) {
    const v = value as Partial<ProbeResult>;
    return { stdout: v.stdout ?? '', stderr: v.stderr ?? '', exitCode: v.exitCode === undefined ? 0 : v.exitCode, ...v };
  }
  return { stdout: JSON.stringify(value, null, 4), stderr: '', exitCode: 0 };
}

/** Wraps items in a `kind: List` as `kubectl get X -A -o json` prints. */
export function kubeList(items: object[]): object {
  return { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
}
