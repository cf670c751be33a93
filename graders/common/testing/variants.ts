import type { Snapshot } from '../../../src/shared/snapshot.ts';
import type { Obj } from './obj.ts';

/**
 * Test support: the ways real clusters and real tool output differ from the answer sheet's,
 * applied to objects and probe outputs that tests already build. Each one is something a correct
 * cluster may show (graders must accept it) or noise around the evidence (graders must see past it).
 */

/** A probe result that printed `stdout` with a kubectl deprecation warning on stderr and exit 0 (v1.33 Endpoints). */
export function withWarning(
  stdout: object | string,
  warning = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
): object {
  return { stdout: typeof stdout === 'string' ? stdout : JSON.stringify(stdout, null, 4), stderr: `${warning}\n`, exitCode: 0 };
}

/** Windows line endings and trailing blanks, as text pasted or relayed through another tool arrives. */
export const crlf = (text: string): string => text.replace(/\r?\n/g, '  \r\n');

/** The snapshot with its hosts stored under other keys (users name hosts freely; graders go by role). */
export function rekeyHosts(snapshot: Snapshot, keys: { master: string; worker: string }): Snapshot {
  const hosts: Snapshot['hosts'] = {};
  for (const host of Object.values(snapshot.hosts)) hosts[keys[host.role]] = host;
  return { ...snapshot, hosts };
}

/** A copy of a pod that is being deleted (Terminating) and no longer ready, as during a rollout. */
export function terminating(pod: Obj, name: string, ip?: string): Obj {
  const p = structuredClone(pod);
  p['metadata']['name'] = name;
  p['metadata']['deletionTimestamp'] = '2026-11-27T11:59:40Z';
  p['metadata']['deletionGracePeriodSeconds'] = 30;
  if (ip !== undefined) p['status'] = { ...p['status'], podIP: ip, podIPs: [{ ip }] };
  notReady(p);
  return p;
}

/** A copy of a pod left behind as Failed/Evicted (kubelet eviction); its ReplicaSet already replaced it. */
export function evicted(pod: Obj, name: string): Obj {
  const p = structuredClone(pod);
  p['metadata']['name'] = name;
  p['metadata']['creationTimestamp'] = '2026-11-20T08:00:00Z';
  p['status'] = {
    phase: 'Failed',
    reason: 'Evicted',
    message: 'The node was low on resource: ephemeral-storage. ',
    startTime: '2026-11-20T08:00:05Z',
  };
  return p;
}

/** Marks a pod's Ready condition and containers not ready. */
export function notReady(pod: Obj): Obj {
  for (const c of pod['status']?.['conditions'] ?? []) if (c['type'] === 'Ready' || c['type'] === 'ContainersReady') c['status'] = 'False';
  for (const cs of pod['status']?.['containerStatuses'] ?? []) cs['ready'] = false;
  return pod;
}

/** A pod still being created: Pending, no IP, containers waiting in ContainerCreating, created moments ago. */
export function containerCreating(pod: Obj): Obj {
  const p = notReady(structuredClone(pod));
  p['metadata']['creationTimestamp'] = '2026-11-27T11:59:30Z';
  p['status']['phase'] = 'Pending';
  delete p['status']['podIP'];
  delete p['status']['podIPs'];
  for (const cs of p['status']['containerStatuses'] ?? [])
    Object.assign(cs, { started: false, state: { waiting: { reason: 'ContainerCreating' } } });
  return p;
}

/** The status as some clients print it: `podIPs` only, no `podIP`. */
export function podIPsOnly(pod: Obj): Obj {
  delete pod['status']['podIP'];
  return pod;
}
