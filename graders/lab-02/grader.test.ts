import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runGrader } from '../../src/grading/grader.ts';
import type { CheckResult } from '../../src/shared/report.ts';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { makeSnapshot, type ProbeInput } from '../../tests/snapshot-builder.ts';
import { grader } from './grader.ts';
import { masterPs, psAux, workerPs } from './test-ps.ts';

function grade(master: ProbeInput | undefined, worker: ProbeInput | undefined): Map<string, CheckResult> {
  const snap = makeSnapshot({
    master: master === undefined ? {} : { 'host.ps': master },
    worker: worker === undefined ? {} : { 'host.ps': worker },
  });
  return new Map(runGrader(grader, snap).map((r) => [r.id, r]));
}
const get = (m: Map<string, CheckResult>, id: string) => m.get(id) as CheckResult;
const without = (ps: string, exe: RegExp) =>
  ps
    .split('\n')
    .filter((l) => !exe.test(l))
    .join('\n');

test('the answer sheet’s nodes pass; the learner’s grep and vim lines are ignored', { skip: sharedSkip }, () => {
  const r = grade(masterPs(), workerPs());
  for (const c of r.values()) assert.equal(c.status, 'passed', `${c.id}: ${c.message.en}`);
  assert.match(
    get(r, 'master-control-plane').message.en,
    /kube-apiserver \(PID 14215\), kube-controller-manager \(PID 14254\), kube-scheduler \(PID 14207\), etcd \(PID 14230\)/,
  );
  assert.match(get(r, 'worker-node-agents').message.en, /kubelet \(PID 2210\), kube-proxy \(PID 2388\)/);
  // Evidence is the ps header and the component rows, verbatim.
  const ev = get(r, 'master-node-agents').evidence[0]?.excerpt ?? '';
  assert.match(ev, /^USER\s+PID/);
  assert.match(ev, /\/usr\/bin\/kubelet --bootstrap-kubeconfig/);
  assert.doesNotMatch(ev, /grep/);
});

test('scheduler running on the worker: named, with PID, and the kubeadm-init-on-the-worker hint', { skip: sharedSkip }, () => {
  const worker = psAux([
    { pid: 2210, cmd: '/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml' },
    { pid: 2388, cmd: '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=worker1' },
    { pid: 2501, cmd: 'kube-scheduler --authentication-kubeconfig=/etc/kubernetes/scheduler.conf --leader-elect=true' },
  ]);
  const r = grade(masterPs(), worker);
  assert.equal(get(r, 'worker-no-control-plane').status, 'failed');
  assert.match(get(r, 'worker-no-control-plane').message.en, /kube-scheduler \(PID 2501\)/);
  assert.match(get(r, 'worker-no-control-plane').message.zh, /kube-scheduler/);
  assert.match(get(r, 'worker-no-control-plane').hint?.en ?? '', /kubeadm reset/);
  assert.equal(get(r, 'worker-node-agents').status, 'passed');
});

test('kube-proxy missing on the worker; kubelet missing on the master', { skip: sharedSkip }, () => {
  const r = grade(without(masterPs(), /\/usr\/bin\/kubelet/), without(workerPs(), /kube-proxy/));
  assert.equal(get(r, 'worker-node-agents').status, 'failed');
  assert.match(get(r, 'worker-node-agents').message.en, /does not run kube-proxy \(found: kubelet \(PID 2210\)\)/);
  assert.match(get(r, 'worker-node-agents').hint?.en ?? '', /k8s-app=kube-proxy/);
  assert.equal(get(r, 'master-node-agents').status, 'failed');
  assert.match(get(r, 'master-node-agents').hint?.en ?? '', /systemctl status kubelet/);
  assert.equal(get(r, 'master-control-plane').status, 'passed');
});

test(
  'etcd missing on the master; substrings never count (an editor on kube-apiserver.yaml is not kube-apiserver)',
  { skip: sharedSkip },
  () => {
    const master =
      without(without(masterPs(), /^root\s+14215 /), /^root\s+14230 /) +
      psAux([{ user: 'student', pid: 16000, tty: 'pts/3', stat: 'S+', cmd: 'vim /etc/kubernetes/manifests/kube-apiserver.yaml' }])
        .split('\n')
        .slice(1)
        .join('\n');
    const r = grade(master, workerPs());
    assert.equal(get(r, 'master-control-plane').status, 'failed');
    assert.match(get(r, 'master-control-plane').message.en, /does not run kube-apiserver, etcd/);
    assert.match(get(r, 'master-control-plane').hint?.en ?? '', /\/etc\/kubernetes\/manifests/);
  },
);

test('a real Charmed Kubernetes master (snap binaries, no etcd, no kubelet) fails naming what is missing', { skip: sharedSkip }, () => {
  const r = grade(realFixture('ps/hotsos-cdk-v1.23-control-plane-ps_auxwwwm.txt'), workerPs());
  assert.equal(get(r, 'master-control-plane').status, 'failed');
  assert.match(
    get(r, 'master-control-plane').message.en,
    /does not run etcd \(found: kube-apiserver \(PID 82375\), kube-controller-manager \(PID 82610\), kube-scheduler \(PID 81900\)\)/,
  );
  assert.equal(get(r, 'master-node-agents').status, 'failed');
  assert.match(get(r, 'master-node-agents').message.en, /does not run kubelet \(found: kube-proxy \(PID 77707\)\)/);
});

test('probe missing or failed → error, never failed', { skip: sharedSkip }, () => {
  const r = grade(masterPs(), undefined);
  for (const id of ['worker-node-agents', 'worker-no-control-plane']) {
    assert.equal(get(r, id).status, 'error');
    assert.equal(get(r, id).points, 0);
  }
  assert.equal(get(r, 'master-control-plane').status, 'passed');
  const broken = grade({ stdout: '', stderr: 'ps: command not found', exitCode: 127 }, 'not ps output at all\n');
  assert.equal(get(broken, 'master-control-plane').status, 'error');
  assert.equal(get(broken, 'worker-node-agents').status, 'error');
  assert.match(get(broken, 'worker-node-agents').message.en, /not ps aux output/);
});
