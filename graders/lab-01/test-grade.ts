import { runGrader } from '../../src/grading/grader.ts';
import type { CheckResult } from '../../src/shared/report.ts';
import { realFixture } from '../../tests/shared-fixtures.ts';
import { grader } from './grader.ts';
import { lab01Probes, snapshotOf } from './test-cluster.ts';

/** Test support for lab-01's tests: grade the answer sheet's cluster after an edit of its probes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped real-fixture JSON, edited in place by tests
export type Obj = Record<string, any>;
export type Probes = ReturnType<typeof lab01Probes>;

export function grade(edit: (p: Probes) => void = () => {}): Map<string, CheckResult> {
  const probes = lab01Probes();
  edit(probes);
  return new Map(runGrader(grader, snapshotOf(probes)).map((r) => [r.id, r]));
}
export const get = (m: Map<string, CheckResult>, id: string) => m.get(id) as CheckResult;
// `any[]`: tests reach deep into real objects; indexing them must not need a guard each time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped real-fixture JSON, edited in place by tests
export const nodes = (p: Probes): any[] => (p.master['kube.nodes'] as Obj)['items'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped real-fixture JSON, edited in place by tests
export const pods = (p: Probes): any[] => (p.master['kube.pods'] as Obj)['items'];
export const at = <T>(a: readonly T[], i: number): T => a[i] as T;
export const setReady = (n: Obj, status: string, reason: string, message: string) => {
  Object.assign(
    n.status.conditions.find((c: Obj) => c.type === 'Ready'),
    { status, reason, message },
  );
};
// The real Ready=False condition of the ifrog kubeadm node before any CNI was installed.
export const noCni = () =>
  JSON.parse(realFixture('nodes/ifrog-kubeadm-v1.28-controlplane-notready-no-cni-nodelist.json')).items[0].status.conditions.find(
    (c: Obj) => c.type === 'Ready',
  );
/** Sets kube-controller-manager's `--cluster-cidr` (what `kubeadm init --pod-network-cidr` writes) in the static pod. */
export const setClusterCidr = (p: Probes, cidr: string) => {
  const cm = pods(p).find((x: Obj) => x.metadata.name.startsWith('kube-controller-manager'));
  const cmd: string[] = cm.spec.containers[0].command;
  cm.spec.containers[0].command = cmd.map((w) => (w.startsWith('--cluster-cidr=') ? `--cluster-cidr=${cidr}` : w));
};
