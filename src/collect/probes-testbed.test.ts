import assert from 'node:assert/strict';
import { before, test, type TestContext } from 'node:test';
import { loadHostsConfig } from '../config/hosts-config.ts';
import type { ProbeResult, Snapshot } from '../shared/snapshot.ts';
import { collectSnapshot } from './collector.ts';
import { loadTestbed, type Testbed } from './test-testbed.ts';

/**
 * What the probes added for graders' follow-ups print on the namespace testbed (real sshd, sudo,
 * ps and iptables; recorded kubectl and crictl). Probes the testbed's recorded kubectl cannot
 * answer yet skip with a notice instead of failing (see the queries in docs/probes.md).
 */
const tb = await loadTestbed();
const skip = typeof tb === 'string' ? tb : false;

let snapshot: Snapshot | undefined;
before(async () => {
  if (skip) return;
  const plan = {
    master: ['host.ps', 'iptables.legacy-save', 'kube.pv', 'http.service1', 'pvc.share-test'],
    worker: ['cri.ps', 'cri.pods', 'pod.default.pod1.addr', 'iptables.legacy-save'],
  };
  snapshot = (await collectSnapshot(loadHostsConfig((tb as Testbed).configPath), plan)).snapshot;
});

const probe = (role: 'master' | 'worker', name: string): ProbeResult =>
  Object.values(snapshot?.hosts ?? {}).find((h) => h.role === role)?.probes[name] ?? assert.fail(`${role} has no ${name}`);

/** The recorded kubectl fails with its own words for queries nobody recorded. */
function unrecorded(t: TestContext, r: ProbeResult): boolean {
  if (r.exitCode === 0 || !/k8s-labs testbed|doesn't have a resource type|unknown command "exec"/.test(r.stderr)) return false;
  t.skip(`the testbed's kubectl does not answer this query yet: ${r.stderr.trim().split('\n')[0]}`);
  return true;
}

test('testbed: crictl without crictl.yaml or kubelet files runs as before (sudo, JSON)', { skip }, () => {
  for (const [name, key] of [
    ['cri.ps', 'containers'],
    ['cri.pods', 'items'],
  ] as const) {
    const r = probe('worker', name);
    assert.equal(r.exitCode, 0, r.stderr);
    const list = (JSON.parse(r.stdout) as Record<string, unknown>)[key];
    assert.ok(Array.isArray(list) && list.length > 0, `${name} lists the worker's ${key}`);
  }
  const addr = probe('worker', 'pod.default.pod1.addr');
  assert.equal(addr.exitCode, 0, addr.stderr);
  assert.match(addr.stdout, /"ifname":"eth0"/);
});

test('testbed: host.ps keeps the whole kube-apiserver command line', { skip }, () => {
  const line =
    probe('master', 'host.ps')
      .stdout.split('\n')
      .find((l) => l.includes('kube-apiserver --')) ?? assert.fail('no kube-apiserver');
  assert.ok(line.length > 300, `${line.length} characters`);
  assert.match(line, /--service-cluster-ip-range=\S+/);
});

test('testbed: iptables.legacy-save runs through sudo (or says it is not installed)', { skip }, () => {
  for (const role of ['master', 'worker'] as const) {
    const r = probe(role, 'iptables.legacy-save');
    assert.ok(r.exitCode === 0 || (r.exitCode === 127 && /not installed/.test(r.stderr)), `${role}: ${r.exitCode} ${r.stderr}`);
  }
});

test('testbed: kube.pv is a List', { skip }, (t) => {
  const r = probe('master', 'kube.pv');
  if (unrecorded(t, r)) return;
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { kind: string }).kind, 'List');
});

test('testbed: http.service1 finds service1 in default and gets HTTP 200 through the real iptables path', { skip }, async (t) => {
  let r = probe('master', 'http.service1');
  if (unrecorded(t, r)) return;
  // curl could not connect: after the CLI's testbed tests, service1's path refuses connections for
  // a moment (seen in clean-clone CI runs on 2026-11-27 and reproduced by running src/cli and
  // src/collect together; cause not found yet). Up to 10 more attempts, 1 s apart; each failure
  // is printed, so a path that stays broken still fails the test.
  for (let attempt = 1; r.exitCode === 7 && attempt <= 10; attempt++) {
    console.log(`# http.service1 exit 7 (stdout ${JSON.stringify(r.stdout)}); attempt ${attempt + 1} in 1 s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const again = await collectSnapshot(loadHostsConfig((tb as Testbed).configPath), { master: ['http.service1'], worker: [] });
    r = Object.values(again.snapshot.hosts).find((h) => h.role === 'master')?.probes['http.service1'] ?? assert.fail('no result');
  }
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'namespace default\n10.108.64.11 200\n');
});

test('testbed: pvc.share-test says deployment1 keeps its files in an emptyDir (exit 5, no exec)', { skip }, (t) => {
  const r = probe('master', 'pvc.share-test');
  if (unrecorded(t, r)) return;
  assert.equal(r.exitCode, 5, r.stderr);
  assert.match(r.stderr, /^k8s-labs: pvc\.share-test: Pod deployment1-\S+ \(namespace default\) has no persistentVolumeClaim volume/);
});
