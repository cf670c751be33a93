/**
 * The answer sheet's cluster as one model (see types.ts): nodes, pods, and lookups used by the
 * network builder and by the generator of the recorded kubectl/crictl outputs.
 */
import { NODES } from './nodes.ts';
import { masterPods, workerPods } from './pods.ts';
import type { PodModel, Role } from './types.ts';

export { NODES } from './nodes.ts';
export { CLUSTER, type ContainerModel, type NodeModel, type PodModel, type Role } from './types.ts';

export const PODS: PodModel[] = [...masterPods(NODES.master), ...workerPods(NODES.worker)];

export function podsOn(role: Role): PodModel[] {
  return PODS.filter((p) => p.node === role);
}

export function otherRole(role: Role): Role {
  return role === 'master' ? 'worker' : 'master';
}
