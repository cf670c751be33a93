import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { runGrader } from '../../src/grading/grader.ts';
import { answerSheetIptablesDump, sharedSkip } from '../../tests/shared-fixtures.ts';
import { makeSnapshot } from '../../tests/snapshot-builder.ts';
import { grader } from './grader.ts';
import { DEPLOYMENT_PODS, masterProbes } from './testdata/cluster.ts';
import { en, grade, statuses } from './testdata/grade.ts';
import { IPVS_NAT, kubeProxyNat, NO_KUBE_PROXY, service1Ports } from './testdata/kube-proxy-dump.ts';

/** lab-10 when kube-proxy is not in iptables mode, when evidence is missing, and on a real iptables round trip. */

test('ipvs mode fails every check with an explanation; nftables, no kube-proxy, legacy tables', () => {
  const ipvs = grade(IPVS_NAT, { mode: 'ipvs' });
  assert.deepEqual(statuses(ipvs), ['failed', 'failed', 'failed', 'failed']);
  assert.match(en(ipvs['proxy-mode']), /runs in ipvs mode: nat KUBE-SERVICES matches an ipset \(line 18\)/);
  assert.match(ipvs['proxy-mode']?.hint?.en ?? '', /edit configmap kube-proxy.*rollout restart daemonset kube-proxy/);
  const nft = grade(NO_KUBE_PROXY, { mode: 'nftables' });
  assert.deepEqual(statuses(nft), ['failed', 'failed', 'failed', 'failed']);
  assert.match(en(nft['proxy-mode']), /nftables mode/);
  const none = grade(NO_KUBE_PROXY);
  assert.match(en(none['proxy-mode']), /no KUBE-SERVICES chain \(mode configured in the ConfigMap: iptables\).*Is it running\?/);
  const legacy = grade({
    stdout: NO_KUBE_PROXY,
    stderr: '# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n',
    exitCode: 0,
  });
  assert.deepEqual(statuses(legacy), ['error', 'error', 'error', 'error']);
  assert.match(legacy['proxy-mode']?.hint?.en ?? '', /iptables-legacy-save/);
});

test('a running kube-proxy still in iptables mode passes even if the ConfigMap already says ipvs', { skip: sharedSkip }, () => {
  const r = grade(answerSheetIptablesDump(), { mode: 'ipvs' });
  assert.equal(r['proxy-mode']?.status, 'passed');
  assert.match(en(r['proxy-mode']), /ConfigMap kube-proxy says mode: ipvs/);
});

test('missing, failed, truncated or unparseable iptables-save is an error, never a crash', { skip: sharedSkip }, () => {
  const missing = runGrader(grader, makeSnapshot({ master: masterProbes(), worker: {} }));
  assert.ok(missing.every((c) => c.status === 'error' && c.points === 0));
  const failedProbe = grade({ exitCode: 1, stderr: 'sudo: a password is required' });
  assert.ok(Object.values(failedProbe).every((c) => c.status === 'error'));
  const text = answerSheetIptablesDump();
  const cut = grade({ stdout: text.slice(0, 6000), truncated: true, exitCode: 0 });
  assert.equal(cut['proxy-mode']?.status, 'error');
  assert.match(en(cut['proxy-mode']), /cannot be parsed: line \d+: .*cut/);
  const listing = grade('Chain INPUT (policy ACCEPT 35398 packets, 11M bytes)\n');
  assert.match(en(listing['service-jumps']), /line 1: this is `iptables -L` \(list\) output/);
});

test('no service1, or a headless one, fails', { skip: sharedSkip }, () => {
  const none = grade(answerSheetIptablesDump(), {}, (p) => (p['kube.services'] = { apiVersion: 'v1', kind: 'List', items: [] }));
  assert.deepEqual(statuses(none), ['passed', 'failed', 'failed', 'failed']);
  assert.match(en(none['service-jumps']), /No Service `service1` exists/);
  const headless = grade(answerSheetIptablesDump(), {}, (p) => {
    const list = p['kube.services'] as { items: { metadata: { name: string }; spec: { clusterIP: string } }[] };
    for (const s of list.items) if (s.metadata.name === 'service1') s.spec.clusterIP = 'None';
  });
  assert.deepEqual(statuses(headless), ['passed', 'failed', 'failed', 'failed']);
  assert.match(en(headless['service-jumps']), /has no ClusterIP \(None\): kube-proxy writes no rules for a headless Service/);
});

const canRestore = process.getuid?.() === 0 && existsSync('/usr/sbin/iptables-nft-restore') && existsSync('/usr/sbin/ip');

test(
  'the ≥ 1.28 layout after a real iptables-restore / iptables-save round trip passes',
  { skip: canRestore ? false : 'needs root, iproute2 and iptables' },
  () => {
    const ns = `k8lt-l10-${process.pid}`;
    execFileSync('ip', ['netns', 'add', ns]);
    try {
      execFileSync('ip', ['netns', 'exec', ns, 'iptables-nft-restore'], {
        input: kubeProxyNat(service1Ports(DEPLOYMENT_PODS.map((p) => p.ip))),
      });
      const saved = execFileSync('ip', ['netns', 'exec', ns, 'iptables-nft-save'], { encoding: 'utf8' });
      assert.deepEqual(statuses(grade(saved)), ['passed', 'passed', 'passed', 'passed']);
    } finally {
      execFileSync('ip', ['netns', 'del', ns]);
    }
  },
);
