import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runGrader } from '../../src/grading/grader.ts';
import type { CheckResult } from '../../src/shared/report.ts';
import { sharedSkip } from '../../tests/shared-fixtures.ts';
import { makeSnapshot } from '../../tests/snapshot-builder.ts';
import { crlf } from '../common/testing/variants.ts';
import { grader as lab03 } from '../lab-03/grader.ts';
import { criPs, MASTER_CONTAINERS, WORKER_CONTAINERS } from '../lab-03/test-cri.ts';
import { grader } from './grader.ts';
import { masterPs, psAux, workerPs } from './test-ps.ts';

/** lab-02 (and lab-03's host-process check) on `ps aux` output that is cut, very long, CRLF, or shows a stopped kubelet. */

const byId = (results: CheckResult[]) => new Map(results.map((r) => [r.id, r]));
const grade = (master: string, worker: string, g = grader) =>
  byId(
    runGrader(
      g,
      makeSnapshot({
        master: { 'host.ps': master, 'cri.ps': criPs(MASTER_CONTAINERS) },
        worker: { 'host.ps': worker, 'cri.ps': criPs(WORKER_CONTAINERS) },
      }),
    ),
  );
/** `ps aux` as a terminal of `width` columns shows it (COLUMNS set, or copied from a window). */
const cut = (text: string, width: number) =>
  text
    .split('\n')
    .map((l) => l.slice(0, width))
    .join('\n');

test('ps cut at 80 columns: the components cannot be read, so the checks are errors, not failures', { skip: sharedSkip }, () => {
  // Before: "The master does not run kube-apiserver, kube-controller-manager, …" (failed) on a correct cluster.
  const r = grade(cut(masterPs(), 80), cut(workerPs(), 80));
  for (const id of ['master-control-plane', 'master-node-agents', 'worker-node-agents']) {
    assert.equal(r.get(id)?.status, 'error', id);
    assert.match(r.get(id)?.message.en ?? '', /cut at column 80/);
    assert.match(r.get(id)?.hint?.en ?? '', /ps auxww/);
  }
  assert.equal(r.get('worker-no-control-plane')?.status, 'passed');
  const l3 = grade(cut(masterPs(), 80), cut(workerPs(), 80), lab03);
  assert.equal(l3.get('kubelet-host-process')?.status, 'error');
});

test('a stopped kubelet beside equally long containerd-shim rows still fails (those rows are not a cut)', { skip: sharedSkip }, () => {
  const shim = (i: number) => ({
    pid: 3000 + i,
    cmd: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${String(i).repeat(64).slice(0, 64)} -address /run/containerd/containerd.sock`,
  });
  const worker = psAux([
    { pid: 700, cmd: '/usr/bin/containerd' },
    { pid: 2388, cmd: '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=worker1' },
    ...[1, 2, 3, 4].map(shim),
  ]);
  const r = grade(masterPs(), worker);
  assert.equal(r.get('worker-node-agents')?.status, 'failed');
  assert.match(r.get('worker-node-agents')?.message.en ?? '', /does not run kubelet/);
  // lab-03 says the same, in Chinese too (before: English fragments inside the Chinese message).
  const l3 = grade(masterPs(), worker, lab03).get('kubelet-host-process');
  assert.equal(l3?.status, 'failed');
  assert.match(l3?.message.zh ?? '', /worker上没有 kubelet 进程/);
  assert.doesNotMatch(l3?.message.zh ?? '', /no kubelet process/);
});

test('very long command lines, CRLF and trailing blanks still parse', { skip: sharedSkip }, () => {
  const long = masterPs().replace(/kube-apiserver --/, `kube-apiserver --tls-cipher-suites=${'TLS_AES_128_GCM_SHA256,'.repeat(400)}x --`);
  const r = grade(crlf(long), crlf(workerPs()));
  for (const c of r.values()) assert.equal(c.status, 'passed', `${c.id}: ${c.message.en}`);
});
