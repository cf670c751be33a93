import type { Grader } from '../../src/grading/grader.ts';
import { machineChecks } from './machine-checks.ts';
import { networkChecks } from './network-checks.ts';
import { nodeChecks } from './node-checks.ts';

/**
 * lab-01 (Q1): a two-node kubeadm cluster with flannel, on docker + cri-dockerd or containerd.
 * Nodes (count, Ready, one control plane), the two machines (distinct, same kubelet, swap off,
 * packages held), and the network (flannel on every node, pod CIDR, CoreDNS).
 */
export const grader: Grader = {
  lab: 'lab-01',
  checks: [...nodeChecks, ...machineChecks, ...networkChecks],
};
