import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { makeSnapshot } from '../../tests/snapshot-builder.ts';
import { answerSheetIptablesDump, sharedSkip } from '../../tests/shared-fixtures.ts';
import { assertLabMetaMatches } from '../common/testing/lab-meta.ts';
import { grader } from './grader.ts';
import { DEPLOYMENT_PODS, masterProbes, service1Addrs, type Addr } from './testdata/cluster.ts';
import { en, grade, statuses } from './testdata/grade.ts';
import { IPVS_NAT, kubeProxyNat, NO_KUBE_PROXY, service1Ports } from './testdata/kube-proxy-dump.ts';

/**
 * lab-10 when the host's iptables-save is the nft variant and kube-proxy wrote the legacy tables:
 * iptables-nft-save (1.8.9, checked in a network namespace) prints nothing for empty nft tables
 * and `# Warning: iptables-legacy tables present, use iptables-legacy-save to see them` on stderr.
 */

const WARNING = '# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n';
/** The nft side: empty stdout, the warning on stderr. */
const NFT_EMPTY = { stdout: '', stderr: WARNING, exitCode: 0 };
/** The nft side with kubelet's own chains (KUBE-IPTABLES-HINT, KUBE-KUBELET-CANARY) and the warning on stdout. */
const NFT_KUBELET = NO_KUBE_PROXY + WARNING;
const S1 = DEPLOYMENT_PODS.map((p) => p.ip);
const withLegacy = (legacy: object | string) => (p: Record<string, unknown>) => (p['iptables.legacy-save'] = legacy);

test(
  'kube-proxy wrote legacy tables: the legacy rules are graded, and every message says where they came from',
  { skip: sharedSkip },
  () => {
    const r = grade(NFT_EMPTY, {}, withLegacy(answerSheetIptablesDump()));
    assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'passed'], en(r['proxy-mode']));
    assert.match(en(r['proxy-mode']), /kube-proxy wrote legacy iptables tables on the master: .* read with iptables-legacy-save/);
    assert.match(r['proxy-mode']?.message.zh ?? '', /legacy iptables 表/);
    for (const id of ['service-jumps', 'load-balancing', 'dnat-endpoints'])
      assert.match(en(r[id]), /kube-proxy wrote legacy iptables tables/, id);
    assert.match(en(r['load-balancing']), /0\.33333333349 → 33\.3%, 0\.5 → 33\.3%, rest → 33\.3%/);
    for (const c of Object.values(r)) for (const e of c.evidence) assert.equal(e.probe, 'iptables.legacy-save', c.id);
    assert.deepEqual(r['proxy-mode']?.data, { rulesFrom: 'iptables.legacy-save' });
  },
);

test('legacy rules that are wrong fail like nft ones, with hints that name iptables-legacy-save', () => {
  const addrs: Addr[] = [...service1Addrs().slice(0, 2), { ip: '10.244.1.7', pod: 'deployment1-6c7f9b8d54-new01' }];
  const r = grade(NFT_KUBELET, { s1Addrs: addrs }, withLegacy(kubeProxyNat(service1Ports(S1))));
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'failed']);
  assert.match(en(r['dnat-endpoints']), /stale KUBE-SEP DNATs to 10\.244\.1\.6:8080.*kube-proxy wrote legacy iptables tables/);
  assert.match(r['dnat-endpoints']?.hint?.en ?? '', /sudo iptables-legacy-save -t nat \| grep -- --to-destination/);
  const ipvs = grade(NFT_EMPTY, { mode: 'ipvs' }, withLegacy(IPVS_NAT));
  assert.deepEqual(statuses(ipvs), ['failed', 'failed', 'failed', 'failed']);
  assert.match(en(ipvs['proxy-mode']), /runs in ipvs mode.*kube-proxy wrote legacy iptables tables/);
  assert.equal(ipvs['proxy-mode']?.evidence[0]?.probe, 'iptables.legacy-save');
});

test('legacy tables without kube-proxy rules (docker’s, say): nftables mode or no kube-proxy, judged on both backends', () => {
  const docker = '*nat\n:PREROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\nCOMMIT\n';
  const nft = grade(NFT_EMPTY, { mode: 'nftables' }, withLegacy(docker));
  assert.deepEqual(statuses(nft), ['failed', 'failed', 'failed', 'failed']);
  assert.match(en(nft['proxy-mode']), /nftables mode/);
  const none = grade(NFT_KUBELET, {}, withLegacy(docker));
  assert.match(en(none['proxy-mode']), /Neither the nft nor the legacy nat table of the master has a KUBE-SERVICES chain/);
  assert.match(none['proxy-mode']?.hint?.en ?? '', /sudo iptables-legacy-save -t nat \| grep KUBE-SERVICES/);
});

test('no usable iptables.legacy-save (older snapshot, not installed, sudo, unparseable): error with the command to run', () => {
  const old = grade(NFT_EMPTY);
  assert.deepEqual(statuses(old), ['error', 'error', 'error', 'error']);
  assert.match(en(old['proxy-mode']), /The snapshot has no iptables\.legacy-save/);
  assert.match(old['proxy-mode']?.hint?.en ?? '', /sudo iptables-legacy-save \| grep KUBE-SERVICES/);
  const missing = grade(
    NFT_KUBELET,
    {},
    withLegacy({
      stdout: '',
      stderr: 'k8s-labs: iptables-legacy-save is not installed on this host, so there is no legacy iptables backend to read\n',
      exitCode: 127,
    }),
  );
  assert.deepEqual(statuses(missing), ['error', 'error', 'error', 'error']);
  assert.match(en(missing['proxy-mode']), /iptables\.legacy-save exited with 127 \(k8s-labs: iptables-legacy-save is not installed/);
  assert.ok(missing['proxy-mode']?.evidence.some((e) => e.probe === 'iptables.legacy-save'));
  const sudo = grade(NFT_EMPTY, {}, withLegacy({ stdout: '', stderr: 'k8s-labs: this probe needs root …\n', exitCode: 126 }));
  assert.equal(sudo['service-jumps']?.status, 'error');
  const timedOut = grade(NFT_EMPTY, {}, withLegacy({ stdout: '', stderr: '', exitCode: null, timedOut: true }));
  assert.match(en(timedOut['proxy-mode']), /timed out/);
  const garbage = grade(NFT_EMPTY, {}, withLegacy('Chain INPUT (policy ACCEPT)\n'));
  assert.equal(garbage['proxy-mode']?.status, 'error');
  assert.match(en(garbage['proxy-mode']), /The iptables-legacy-save output of the master cannot be parsed: line 1/);
  assert.match(garbage['proxy-mode']?.hint?.en ?? '', /sudo iptables-legacy-save \| head -n 3/);
});

test('kube-proxy rules in the nft tables win even when legacy tables exist; the legacy probe is not read', () => {
  const r = grade({ stdout: kubeProxyNat(service1Ports(S1)), stderr: WARNING, exitCode: 0 }, {}, withLegacy('this is not read'));
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'passed']);
  assert.doesNotMatch(en(r['proxy-mode']), /legacy/);
  assert.equal(r['service-jumps']?.evidence[0]?.probe, 'iptables.save');
});

test('lab.yaml lists iptables.legacy-save, which the grader reads in the legacy case', () => {
  const probes = { ...masterProbes(), 'iptables.save': NFT_EMPTY, 'iptables.legacy-save': kubeProxyNat(service1Ports(S1)) };
  assertLabMetaMatches(grader, makeSnapshot({ master: probes, worker: {} }));
});

const canRun =
  process.getuid?.() === 0 &&
  ['/usr/sbin/iptables-legacy-restore', '/usr/sbin/iptables-nft-save', '/usr/sbin/ip'].every((f) => existsSync(f));

test(
  'real iptables: kube-proxy rules restored into the legacy backend of a network namespace, read back by both save commands',
  { skip: canRun ? false : 'needs root, iproute2, iptables-legacy and iptables-nft' },
  () => {
    const ns = `k8lt-l10legacy-${process.pid}`;
    execFileSync('ip', ['netns', 'add', ns]);
    try {
      const inNs = (cmd: string, input?: string) => spawnSync('ip', ['netns', 'exec', ns, cmd], { input, encoding: 'utf8' });
      const restored = inNs('iptables-legacy-restore', kubeProxyNat(service1Ports(S1)));
      assert.equal(restored.status, 0, restored.stderr);
      const nft = inNs('iptables-nft-save');
      const legacy = inNs('iptables-legacy-save');
      assert.match(nft.stdout + nft.stderr, /iptables-legacy tables present/);
      const r = grade({ stdout: nft.stdout, stderr: nft.stderr, exitCode: nft.status ?? 0 }, {}, withLegacy(legacy.stdout));
      assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'passed'], en(r['proxy-mode']));
      assert.match(en(r['proxy-mode']), /kube-proxy wrote legacy iptables tables/);
    } finally {
      execFileSync('ip', ['netns', 'del', ns]);
    }
  },
);
