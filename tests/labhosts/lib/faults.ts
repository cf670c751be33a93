import { writeFileSync } from 'node:fs';
import type { Role } from '../model/topology.ts';
import { nodeDir, nodeNetns } from './paths.ts';
import { inNetns } from './run.ts';

export const KUBECTL_FAULTS = ['none', 'kubectl-hang', 'kubectl-huge', 'kubectl-banner'] as const;
export type KubectlFault = (typeof KUBECTL_FAULTS)[number];

/**
 * Switches the node's recorded kubectl: hang forever, print ~50 MB, or print a banner before
 * the answer. The switch is one file per node, read by every kubectl run on that node, so it is
 * shared by all tests using the testbed at that moment (see README: run fault tests serially).
 */
export function setFault(role: Role, fault: KubectlFault): void {
  if (!KUBECTL_FAULTS.includes(fault)) throw new Error(`unknown fault ${String(fault)}; one of ${KUBECTL_FAULTS.join(', ')}`);
  writeFileSync(`${nodeDir(role)}/usr-local/share/k8s-labs/fault`, `${fault}\n`);
}

const DROP_RULE = ['INPUT', '-p', 'tcp', '--dport', '22', '-m', 'comment', '--comment', 'k8s-labs testbed: unreachable', '-j', 'DROP'];

/**
 * Makes the node's sshd unreachable the way a dead or firewalled VM is: SYNs to port 22 are
 * dropped inside the node (clients hang until their own timeout), or lets them through again.
 */
export function setReachable(role: Role, reachable: boolean): void {
  const ns = nodeNetns(role);
  if (!reachable) {
    inNetns(ns, ['iptables', '-I', ...DROP_RULE]);
    return;
  }
  while (inNetns(ns, ['iptables', '-D', ...DROP_RULE], { allowFail: true }).status === 0) {
    /* remove every copy */
  }
}
