import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerSheetIptablesDump, realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { parseIptablesSave, type IptablesDump } from './iptables-save.ts';
import {
  analyseServicePort,
  compareEndpoints,
  parseEndpointComment,
  proxyModeOfDump,
  rulesNamingService,
  splitHostPort,
} from './kube-proxy-chains.ts';

function dumpOf(text: string): IptablesDump {
  const r = parseIptablesSave(text);
  if (!r.ok) assert.fail(`${r.error.line}: ${r.error.reason}`);
  return r.dump;
}

const near = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) < tol, `${a} ≈ ${b}`);

test('answer sheet: service1:3000 → KUBE-SVC → three KUBE-SEP with effective shares of 1/3 each', { skip: sharedSkip }, () => {
  const dump = dumpOf(answerSheetIptablesDump());
  assert.deepEqual(proxyModeOfDump(dump), { mode: 'iptables' });
  const a = analyseServicePort(dump, { clusterIP: '10.108.64.11', port: 3000, protocol: 'TCP' });
  assert.equal(a.svcChain, 'KUBE-SVC-XFIT55N4IPARHPG5');
  assert.equal(a.jumps.length, 1);
  assert.deepEqual(
    a.branches.map((b) => [b.target, b.probability, b.dnat && `${b.dnat.ip}:${b.dnat.port}`]),
    [
      ['KUBE-SEP-LADV24EFL6BSD2AA', 0.33333333349, '10.244.1.4:3000'],
      ['KUBE-SEP-GNPLBMAPMBAWZWRV', 0.5, '10.244.1.5:3000'],
      ['KUBE-SEP-BMXIWDGCUXES4RXU', null, '10.244.1.6:3000'],
    ],
  );
  for (const b of a.branches) near(b.effective, 1 / 3, 1e-9);
  near(a.fallthrough, 0);
  assert.equal(a.affinity, false);
  assert.equal(a.rejected, undefined);
  assert.deepEqual(
    compareEndpoints(
      a.branches,
      [3, 4, 5].map((i) => ({ ip: `10.244.1.${i}`, port: 3000 })),
    ),
    {
      stale: ['10.244.1.6:3000'],
      missing: ['10.244.1.3:3000'],
      matched: ['10.244.1.4:3000', '10.244.1.5:3000'],
      noDnat: [],
    },
  );
  const udp = analyseServicePort(dump, { clusterIP: '10.96.0.10', port: 53, protocol: 'UDP' });
  assert.equal(udp.svcChain, 'KUBE-SVC-TCOU7JCQXEZGVUNU');
  assert.equal(analyseServicePort(dump, { clusterIP: '10.108.64.11', port: 3000, protocol: 'UDP' }).svcChain, undefined);
  assert.equal(analyseServicePort(dump, { clusterIP: '10.108.64.12', port: 3000, protocol: 'TCP' }).svcChain, undefined);
  assert.equal(rulesNamingService(dump, 'default', 'service1', 'fileserver')[0]?.target, 'KUBE-SVC-YJOPSEYCAQBFRA2J');
});

test('kubeadm v1.22 (comments without endpoints): one endpoint, unconditional jump', { skip: sharedSkip }, () => {
  const dump = dumpOf(realFixture('iptables/kubeadm-v1.22.8-flannel-docker-k8s1-iptables-save.txt'));
  const a = analyseServicePort(dump, { clusterIP: '10.98.69.149', port: 3000, protocol: 'tcp' });
  assert.equal(a.branches.length, 1);
  assert.equal(a.branches[0]?.probability, null);
  assert.equal(a.branches[0]?.effective, 1);
  assert.deepEqual(a.branches[0]?.dnat && splitHostPort(`${a.branches[0].dnat.ip}:${a.branches[0].dnat.port}`), {
    ip: '10.244.3.38',
    port: 80,
  });
  const dns = analyseServicePort(dump, { clusterIP: '10.96.0.10', port: 53, protocol: 'UDP' });
  assert.deepEqual(
    dns.branches.map((b) => b.effective),
    [0.5, 0.5],
  );
});

test('v1.19 era (masquerade in KUBE-SERVICES, 10 decimals, rules interleaved with SEPs)', { skip: sharedSkip }, () => {
  const dump = dumpOf(realFixture('iptables/kube-proxy-test-expected-v1.19-era-k8s-0153b96-TestEndpointSliceE2E.txt'));
  const a = analyseServicePort(dump, { clusterIP: '172.20.1.1', port: 0, protocol: 'TCP' });
  assert.equal(a.jumps.length, 1, 'the KUBE-MARK-MASQ rule in KUBE-SERVICES is not a jump');
  assert.deepEqual(
    a.branches.map((b) => b.dnat?.ip),
    ['10.0.1.1', '10.0.1.2', '10.0.1.3'],
  );
  for (const b of a.branches) near(b.effective, 1 / 3, 1e-9);
});

test(
  'newer kube-proxy: 2 endpoints at 0.5, session affinity skipped, no-endpoint REJECT, external chains ignored',
  { skip: sharedSkip },
  () => {
    for (const f of [
      'kube-proxy-test-expected-master-aojea-fork-TestOverallIPTablesRules.txt',
      'kube-proxy-test-expected-v1.27-era-openshift-fork-TestOverallIPTablesRules.txt',
    ]) {
      const dump = dumpOf(realFixture(`iptables/${f}`));
      const svc4 = analyseServicePort(dump, { clusterIP: '172.30.0.44', port: 80, protocol: 'TCP' });
      assert.deepEqual(
        svc4.branches.map((b) => [b.dnat?.ip, b.effective]),
        [
          ['10.180.0.4', 0.5],
          ['10.180.0.5', 0.5],
        ],
        f,
      );
      const svc5 = analyseServicePort(dump, { clusterIP: '172.30.0.45', port: 80, protocol: 'TCP' });
      assert.equal(svc5.branches.length, 1, f);
      assert.equal(svc5.branches[0]?.effective, 1);
      const svc6 = analyseServicePort(dump, { clusterIP: '172.30.0.46', port: 80, protocol: 'TCP' });
      assert.equal(svc6.svcChain, undefined);
      assert.equal(svc6.rejected?.target, 'REJECT');
      const svc2 = analyseServicePort(dump, { clusterIP: '192.168.99.22', port: 80, protocol: 'TCP' });
      assert.equal(svc2.svcChain, undefined, 'an external IP goes to KUBE-EXT, not a cluster IP chain');
    }
    const aojea = dumpOf(realFixture('iptables/kube-proxy-test-expected-master-aojea-fork-TestOverallIPTablesRules.txt'));
    assert.equal(analyseServicePort(aojea, { clusterIP: '172.30.0.45', port: 80, protocol: 'TCP' }).affinity, true);
  },
);

test('KUBE-SVL chains (internalTrafficPolicy: Local), unequal and nth statistics, missing SEP chains', () => {
  const dump = dumpOf(
    [
      '*nat',
      ':KUBE-SERVICES - [0:0]',
      '-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "lab/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVL-AAAA',
      '-A KUBE-SERVICES -d 10.96.5.6/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-BBBB',
      '-A KUBE-SVL-AAAA -m comment --comment "lab/web:http -> 10.244.1.7:8080" -j KUBE-SEP-ONE',
      '-A KUBE-SEP-ONE -p tcp -m tcp -j DNAT --to-destination 10.244.1.7:8080',
      '-A KUBE-SVC-BBBB -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-X',
      '-A KUBE-SVC-BBBB -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-Y',
      '-A KUBE-SVC-BBBB -m statistic --mode nth --every 2 --packet 0 -j KUBE-SEP-Z',
      'COMMIT',
    ].join('\n'),
  );
  const svl = analyseServicePort(dump, { clusterIP: '10.96.5.5', port: 80, protocol: 'TCP' });
  assert.equal(svl.svcChain, 'KUBE-SVL-AAAA');
  assert.deepEqual(parseEndpointComment(svl.branches[0]?.comment), { service: 'lab/web:http', endpoint: '10.244.1.7:8080' });
  const odd = analyseServicePort(dump, { clusterIP: '10.96.5.6', port: 80, protocol: 'TCP' });
  assert.deepEqual(
    odd.branches.map((b) => b.effective),
    [0.5, 0.25, 0.125],
  );
  near(odd.fallthrough, 0.125);
  assert.equal(odd.branches[0]?.sepExists, false);
  assert.deepEqual(compareEndpoints(odd.branches, []).noDnat, ['KUBE-SEP-X', 'KUBE-SEP-Y', 'KUBE-SEP-Z']);
});

test('proxy mode from the dump: ipvs (ipset matches), none (no nat KUBE-SERVICES)', () => {
  const ipvs = dumpOf('*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT\nCOMMIT\n');
  assert.equal(proxyModeOfDump(ipvs).mode, 'ipvs');
  assert.equal(proxyModeOfDump(dumpOf('*mangle\n:KUBE-IPTABLES-HINT - [0:0]\nCOMMIT\n')).mode, 'none');
  assert.equal(proxyModeOfDump(dumpOf('*filter\n:KUBE-SERVICES - [0:0]\nCOMMIT\n')).mode, 'none');
});

test('host:port and comments', () => {
  assert.deepEqual(splitHostPort('[fd00::4]:80'), { ip: 'fd00::4', port: 80 });
  assert.equal(splitHostPort('10.0.0.1'), undefined);
  assert.deepEqual(parseEndpointComment('default/service1:fileserver cluster IP'), { service: 'default/service1:fileserver' });
  assert.deepEqual(parseEndpointComment('ns1/svc1'), { service: 'ns1/svc1' });
  assert.equal(parseEndpointComment(undefined), undefined);
});
