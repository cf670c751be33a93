import { z } from 'zod';
import { conditionStatus, type Node, type Pod } from '../parse/kube.ts';

/**
 * Pod and node state as `kubectl get` would summarise it, for messages ("CrashLoopBackOff",
 * "Init:0/2", "Pending") and for telling a broken object from one still starting.
 */

/** Seconds after creation during which a not-yet-ready pod or node counts as still starting. */
export const SETTLE_SECONDS = 180;

/** Waiting/terminated reasons that will not fix themselves by waiting. */
const BROKEN_REASONS = new Set([
  'CrashLoopBackOff',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'OOMKilled',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ContainerCannotRun',
  'StartError',
]);

// initContainerStatuses is not in the shared Pod schema; read it loosely here.
const StatusList = z.array(
  z.looseObject({
    name: z.string(),
    ready: z.boolean().optional(),
    state: z.record(z.string(), z.looseObject({ reason: z.string().optional() }).nullable()).optional(),
  }),
);

/** True when the pod's Ready condition is True. */
export function podReady(pod: Pod): boolean {
  return conditionStatus(pod.status?.conditions, 'Ready') === 'True';
}

/** True when the node's Ready condition is True. */
export function nodeReady(node: Node): boolean {
  return conditionStatus(node.status?.conditions, 'Ready') === 'True';
}

/** A short state like kubectl's STATUS column: `Running`, `CrashLoopBackOff`, `Init:ImagePullBackOff`, `Pending`. */
export function podState(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const init = StatusList.safeParse(pod.status?.['initContainerStatuses']);
  for (const s of init.success ? init.data : []) {
    const why = s.state?.['waiting']?.reason ?? s.state?.['terminated']?.reason;
    if (why && why !== 'Completed') return `Init:${why}`;
  }
  for (const s of pod.status?.containerStatuses ?? []) {
    const why = s.state?.['waiting']?.reason ?? s.state?.['terminated']?.reason;
    if (why) return why;
  }
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase === 'Pending' && conditionStatus(pod.status?.conditions, 'PodScheduled') === 'False') return 'Pending (unschedulable)';
  if (phase === 'Running' && !podReady(pod)) return 'Running, not Ready';
  return phase;
}

/** Seconds from `since` to the snapshot time, or undefined when a timestamp is missing. */
export function ageSeconds(takenAt: string, since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  const ms = Date.parse(takenAt) - Date.parse(since);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/** True when a not-ready pod is young and not in a state that waiting cannot fix. */
export function podStillStarting(pod: Pod, takenAt: string): boolean {
  const age = ageSeconds(takenAt, pod.metadata.creationTimestamp);
  const state = podState(pod).replace(/^Init:/, '');
  return age !== undefined && age < SETTLE_SECONDS && !BROKEN_REASONS.has(state);
}

/** `kubectl -n <ns> <verb> <pod>` for hints. */
export function podRef(pod: Pod): string {
  return `-n ${pod.metadata.namespace ?? 'default'} ${pod.metadata.name}`;
}
