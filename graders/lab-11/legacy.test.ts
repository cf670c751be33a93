import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeList, makeSnapshot } from '../../tests/snapshot-builder.ts';
import { assertLabMetaMatches } from '../common/testing/lab-meta.ts';
import { masterProbes, service1Addrs, type Addr } from '../lab-10/testdata/cluster.ts';
import { kubeProxyNat, service1Ports } from '../lab-10/testdata/kube-proxy-dump.ts';
import { grader } from './grader.ts';
import { en, grade, proxyPods, S1, statuses, workerDump } from './testdata/cluster.ts';

/** lab-11 when kube-proxy wrote the legacy tables on a node whose iptables-save is the nft variant. */

const WARNING = '# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n';
/** iptables-nft-save 1.8.9 with empty nft tables: nothing on stdout, the warning on stderr. */
const NFT_EMPTY = { stdout: '', stderr: WARNING, exitCode: 0 };

test('worker rules in the legacy tables (master in nft): both graded, and the messages say which node used legacy', () => {
  const r = grade(workerDump(S1), NFT_EMPTY, {}, () => {}, { 'iptables.legacy-save': workerDump(S1) });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed'], en(r['iptables-mode']));
  assert.match(en(r['iptables-mode']), /rules: master 6, worker 6;.*kube-proxy wrote legacy iptables tables on the worker/);
  assert.doesNotMatch(en(r['iptables-mode']), /legacy iptables tables on the master/);
  assert.match(en(r['rules-follow-endpoints']), /kube-proxy wrote legacy iptables tables on the worker/);
  assert.deepEqual(
    r['rules-follow-endpoints']?.evidence.map((e) => [e.host, e.probe]),
    [
      ['master', 'iptables.save'],
      ['worker', 'iptables.legacy-save'],
    ],
  );
});

test('stale legacy rules on the worker fail; the hint gives each node its own save command', () => {
  const addrs: Addr[] = [...service1Addrs().slice(0, 2), { ip: '10.244.1.7', pod: 'deployment1-6c7f9b8d54-new01' }];
  const fresh = addrs.map((a) => a.ip);
  const r = grade(workerDump(fresh), NFT_EMPTY, { s1Addrs: addrs }, () => {}, { 'iptables.legacy-save': workerDump(S1) });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'failed']);
  assert.match(
    en(r['rules-follow-endpoints']),
    /worker: default\/service1:fileserver has stale KUBE-SEP chains DNATing to 10\.244\.1\.6:8080/,
  );
  const hint = r['rules-follow-endpoints']?.hint?.en ?? '';
  assert.match(hint, /master: `sudo iptables-save -t nat \| grep -- --to-destination`/);
  assert.match(hint, /worker: `sudo iptables-legacy-save -t nat \| grep -- --to-destination`/);
});

test('an older snapshot without iptables.legacy-save on the worker: the rule checks are errors, the Pod check still grades', () => {
  const r = grade(workerDump(S1), NFT_EMPTY);
  assert.deepEqual(statuses(r), ['passed', 'error', 'error']);
  assert.match(
    en(r['iptables-mode']),
    /iptables-save on the worker shows no KUBE-SERVICES chain but warns that iptables-legacy tables exist/,
  );
  assert.match(r['iptables-mode']?.hint?.en ?? '', /On the worker, run `sudo iptables-legacy-save \| grep KUBE-SERVICES`/);
  const failedProbe = grade(workerDump(S1), NFT_EMPTY, {}, () => {}, {
    'iptables.legacy-save': { stdout: '', stderr: 'k8s-labs: iptables-legacy-save is not installed on this host …\n', exitCode: 127 },
  });
  assert.deepEqual(statuses(failedProbe), ['passed', 'error', 'error']);
});

test('lab.yaml lists iptables.legacy-save on both roles, which the grader reads in the legacy case', () => {
  const master = {
    ...masterProbes(),
    'kube.pods': kubeList(proxyPods()),
    'iptables.save': NFT_EMPTY,
    'iptables.legacy-save': kubeProxyNat(service1Ports(S1)),
  };
  const worker = { 'iptables.save': NFT_EMPTY, 'iptables.legacy-save': workerDump(S1) };
  assertLabMetaMatches(grader, makeSnapshot({ master, worker }));
});
