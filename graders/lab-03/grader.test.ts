import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runGrader } from '../../src/grading/grader.ts';
import type { CheckResult } from '../../src/shared/report.ts';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { makeSnapshot, type ProbeInput } from '../../tests/snapshot-builder.ts';
import { masterPs, psAux, workerPs } from '../lab-02/test-ps.ts';
import { grader } from './grader.ts';
import { criPs, MASTER_CONTAINERS, WORKER_CONTAINERS, type CriSpec } from './test-cri.ts';

type Host = Partial<Record<'cri.ps' | 'host.ps', ProbeInput | undefined>>;

function grade(edit: (m: Host, w: Host) => void = () => {}): Map<string, CheckResult> {
  const m: Host = { 'cri.ps': criPs(MASTER_CONTAINERS), 'host.ps': masterPs() };
  const w: Host = { 'cri.ps': criPs(WORKER_CONTAINERS), 'host.ps': workerPs() };
  edit(m, w);
  const clean = (h: Host) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, ProbeInput>;
  return new Map(runGrader(grader, makeSnapshot({ master: clean(m), worker: clean(w) })).map((r) => [r.id, r]));
}
const get = (m: Map<string, CheckResult>, id: string) => m.get(id) as CheckResult;
const drop = (specs: CriSpec[], name: string) => specs.filter((s) => s.name !== name);

test('the answer sheet’s nodes (cri-dockerd) pass every check', { skip: sharedSkip }, () => {
  const r = grade();
  for (const c of r.values()) assert.equal(c.status, 'passed', `${c.id}: ${c.message.en}`);
  assert.match(get(r, 'kubelet-host-process').message.en, /master: kubelet \(PID 14362\), containerd \+ dockerd \+ cri-dockerd/);
  assert.match(get(r, 'control-plane-containers').evidence[0]?.excerpt ?? '', /kube-system\/kube-apiserver-ubuntu/);
});

test('a containerd node (no docker) passes too', { skip: sharedSkip }, () => {
  const r = grade((_m, w) => {
    w['host.ps'] = psAux([
      { pid: 700, cmd: '/usr/bin/containerd' },
      { pid: 2210, cmd: '/usr/bin/kubelet --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock' },
    ]);
  });
  assert.equal(get(r, 'kubelet-host-process').status, 'passed');
});

test('control-plane container missing (scheduler exited) on the master', { skip: sharedSkip }, () => {
  const r = grade((m) => {
    m['cri.ps'] = criPs(MASTER_CONTAINERS.map((s) => (s.name === 'kube-scheduler' ? { ...s, state: 'CONTAINER_EXITED' as const } : s)));
  });
  assert.equal(get(r, 'control-plane-containers').status, 'failed');
  assert.match(get(r, 'control-plane-containers').message.en, /no running container for master: kube-scheduler/);
  assert.match(get(r, 'control-plane-containers').hint?.en ?? '', /crictl ps -a/);
});

test('kube-proxy missing on the worker; flannel missing on the master', { skip: sharedSkip }, () => {
  const r = grade((m, w) => {
    w['cri.ps'] = criPs(drop(WORKER_CONTAINERS, 'kube-proxy'));
    m['cri.ps'] = criPs(drop(MASTER_CONTAINERS, 'kube-flannel'));
  });
  assert.equal(get(r, 'kube-proxy-containers').status, 'failed');
  assert.match(get(r, 'kube-proxy-containers').message.en, /worker: kube-proxy/);
  assert.doesNotMatch(get(r, 'kube-proxy-containers').message.en, /master: kube-proxy/);
  assert.equal(get(r, 'flannel-containers').status, 'failed');
  assert.match(get(r, 'flannel-containers').message.en, /master: kube-flannel/);
});

test('CoreDNS on either node is enough; on neither fails', { skip: sharedSkip }, () => {
  const onWorkerOnly = grade((m) => (m['cri.ps'] = criPs(drop(MASTER_CONTAINERS, 'coredns'))));
  assert.equal(get(onWorkerOnly, 'coredns-container').status, 'passed');
  const none = grade((m, w) => {
    m['cri.ps'] = criPs(drop(MASTER_CONTAINERS, 'coredns'));
    w['cri.ps'] = criPs(drop(WORKER_CONTAINERS, 'coredns'));
  });
  assert.equal(get(none, 'coredns-container').status, 'failed');
  assert.match(get(none, 'coredns-container').hint?.en ?? '', /k8s-app=kube-dns/);
});

test('kubelet-host-process: kubelet missing on the worker, or running in a container, fails', { skip: sharedSkip }, () => {
  const r = grade(
    (_m, w) =>
      (w['host.ps'] = workerPs()
        .split('\n')
        .filter((l) => !/\/usr\/bin\/kubelet/.test(l))
        .join('\n')),
  );
  assert.equal(get(r, 'kubelet-host-process').status, 'failed');
  assert.match(get(r, 'kubelet-host-process').message.en, /worker: no kubelet process/);
  const boxed = grade((_m, w) => (w['cri.ps'] = criPs([...WORKER_CONTAINERS, { name: 'kubelet', pod: 'kubelet-worker1' }])));
  assert.equal(get(boxed, 'kubelet-host-process').status, 'failed');
  assert.match(get(boxed, 'kubelet-host-process').message.en, /worker: kubelet runs in container/);
});

test('a real Charmed Kubernetes master ps: no kubelet on the host → fails', { skip: sharedSkip }, () => {
  const r = grade((m) => (m['host.ps'] = realFixture('ps/hotsos-cdk-v1.23-control-plane-ps_auxwwwm.txt')));
  assert.equal(get(r, 'kubelet-host-process').status, 'failed');
  assert.match(get(r, 'kubelet-host-process').message.en, /master: no kubelet process/);
});

test('crictl talking to the wrong runtime (empty list), probe failed, probe missing → error', { skip: sharedSkip }, () => {
  const empty = grade((_m, w) => (w['cri.ps'] = '{\n  "containers": []\n}\n'));
  for (const id of ['kube-proxy-containers', 'flannel-containers', 'coredns-container', 'kubelet-host-process']) {
    assert.equal(get(empty, id).status, 'error', id);
  }
  assert.match(get(empty, 'kube-proxy-containers').message.en, /not even kube-proxy/);
  assert.match(get(empty, 'kube-proxy-containers').hint?.en ?? '', /cri-dockerd\.sock/);
  assert.equal(get(empty, 'control-plane-containers').status, 'passed');

  const failedProbe = grade(
    (m) =>
      (m['cri.ps'] = {
        stdout: '',
        stderr:
          'time="2024-05-09T00:31:58+08:00" level=fatal msg="validate service connection: CRI v1 runtime API is not implemented for endpoint \\"unix:///run/containerd/containerd.sock\\""',
        exitCode: 1,
      }),
  );
  assert.equal(get(failedProbe, 'control-plane-containers').status, 'error');
  const missing = grade((_m, w) => delete w['cri.ps']);
  assert.equal(get(missing, 'flannel-containers').status, 'error');
  assert.match(get(missing, 'flannel-containers').message.en, /cri\.ps was not collected on the worker/);
});
