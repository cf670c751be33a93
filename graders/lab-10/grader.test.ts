import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grader } from './grader.ts';
import { loadLabs } from '../../src/labs/catalog.ts';
import { answerSheetIptablesDump, sharedSkip } from '../../tests/shared-fixtures.ts';
import { DEPLOYMENT_PODS, service1Addrs, type Addr } from './testdata/cluster.ts';
import { edited, en, grade, statuses } from './testdata/grade.ts';
import { kubeProxyNat, service1Ports } from './testdata/kube-proxy-dump.ts';

test('the answer sheet’s real dump with consistent objects passes every check', { skip: sharedSkip }, () => {
  const r = grade(answerSheetIptablesDump());
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'passed']);
  assert.match(
    en(r['service-jumps']),
    /10\.108\.64\.11:8080 → KUBE-SVC-YJOPSEYCAQBFRA2J \(line \d+\); 10\.108\.64\.11:3000 → KUBE-SVC-XFIT55N4IPARHPG5/,
  );
  assert.match(en(r['load-balancing']), /0\.33333333349 → 33\.3%, 0\.5 → 33\.3%, rest → 33\.3%/);
  assert.match(en(r['dnat-endpoints']), /DNAT to 10\.244\.1\.4:8080, 10\.244\.1\.5:8080, 10\.244\.1\.6:8080, as in the EndpointSlice/);
  assert.ok(r['load-balancing']?.evidence[0]?.excerpt.includes('--probability 0.33333333349 -j KUBE-SEP-5RGOO3QK7HUWX7JR'));
  assert.ok(r['dnat-endpoints']?.evidence[0]?.excerpt.includes('--to-destination 10.244.1.6:3000'));
  assert.equal(r['load-balancing']?.points, 3);
  for (const c of Object.values(r)) assert.ok(c.message.zh.length > 0 && c.title.zh.length > 0 && c.title.en.length > 0);
  const data = r['load-balancing']?.data as {
    service: object;
    ports: { port: number; svcChain: string; fallthrough: number; branches: { chain: string; effective: number; dnat: string }[] }[];
  };
  assert.deepEqual(data.service, { namespace: 'default', name: 'service1', clusterIP: '10.108.64.11' });
  assert.deepEqual(
    data.ports.map((p) => [p.port, p.svcChain]),
    [
      [8080, 'KUBE-SVC-YJOPSEYCAQBFRA2J'],
      [3000, 'KUBE-SVC-XFIT55N4IPARHPG5'],
    ],
  );
  assert.deepEqual(
    data.ports[0]?.branches.map((b) => [b.chain, b.effective, b.dnat]),
    [
      ['KUBE-SEP-5RGOO3QK7HUWX7JR', 0.333333, '10.244.1.4:8080'],
      ['KUBE-SEP-3WH7PNCF552PK7QF', 0.333333, '10.244.1.5:8080'],
      ['KUBE-SEP-DQ3TQJSNULRJFVPB', 0.333333, '10.244.1.6:8080'],
    ],
  );
  assert.equal(data.ports[0]?.fallthrough, 0);
});

test('Endpoints alone, EndpointSlices alone, neither', { skip: sharedSkip }, () => {
  const noSlices = grade(answerSheetIptablesDump(), {}, (p) => delete p['kube.endpointslices']);
  assert.deepEqual(statuses(noSlices), ['passed', 'passed', 'passed', 'passed']);
  assert.match(en(noSlices['dnat-endpoints']), /as in the Endpoints/);
  const noEndpoints = grade(answerSheetIptablesDump(), {}, (p) => (p['kube.endpoints'] = { exitCode: 1, stderr: 'forbidden' }));
  assert.deepEqual(statuses(noEndpoints), ['passed', 'passed', 'passed', 'passed']);
  const neither = grade(answerSheetIptablesDump(), {}, (p) => {
    delete p['kube.endpointslices'];
    delete p['kube.endpoints'];
  });
  assert.deepEqual(statuses(neither), ['passed', 'passed', 'error', 'error']);
});

test('a stale KUBE-SEP (the Pod was replaced) fails the DNAT check and names both IPs', { skip: sharedSkip }, () => {
  const addrs: Addr[] = [...service1Addrs().slice(0, 2), { ip: '10.244.1.7', pod: 'deployment1-6c7f9b8d54-new01' }];
  const r = grade(answerSheetIptablesDump(), { s1Addrs: addrs });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'failed']);
  assert.match(en(r['dnat-endpoints']), /stale KUBE-SEP DNATs to 10\.244\.1\.6:8080.*endpoint 10\.244\.1\.7:8080 has no KUBE-SEP/);
  assert.match(r['dnat-endpoints']?.hint?.en ?? '', /kubectl get endpoints service1/);
});

test('an extra KUBE-SEP beyond the endpoints fails load balancing (count) and DNAT (stale)', () => {
  const dump = kubeProxyNat(service1Ports(['10.244.1.4', '10.244.1.5', '10.244.1.6', '10.244.1.9']));
  const r = grade(dump);
  assert.deepEqual(statuses(r), ['passed', 'passed', 'failed', 'failed']);
  assert.match(en(r['load-balancing']), /has 4 KUBE-SEP branches but there are 3 ready endpoints/);
  assert.match(en(r['dnat-endpoints']), /stale KUBE-SEP DNATs to 10\.244\.1\.9:3000/);
});

test('unequal probabilities fail load balancing with the shares seen', { skip: sharedSkip }, () => {
  const dump = edited([
    '"default/service1:fileserver -> 10.244.1.4:8080" -m statistic --mode random --probability 0.33333333349',
    '"default/service1:fileserver -> 10.244.1.4:8080" -m statistic --mode random --probability 0.50000000000',
  ]);
  const r = grade(dump);
  assert.deepEqual(statuses(r), ['passed', 'passed', 'failed', 'passed']);
  assert.match(
    en(r['load-balancing']),
    /port 8080 \(fileserver\): the probabilities of KUBE-SVC-YJOPSEYCAQBFRA2J, 0\.5 → 50\.0%, 0\.5 → 25\.0%, rest → 25\.0%, do not share equally/,
  );
  const leaky = grade(
    edited([
      '"default/service1:downloader -> 10.244.1.6:3000" -j',
      '"default/service1:downloader -> 10.244.1.6:3000" -m statistic --mode random --probability 0.50000000000 -j',
    ]),
  );
  assert.equal(leaky['load-balancing']?.status, 'failed', 'a last rule with a probability leaves traffic undirected');
});

test('a missing Service port, or a missing KUBE-SERVICES jump, fails the jumps check', { skip: sharedSkip }, () => {
  const noPort = grade(answerSheetIptablesDump(), { s1Ports: [{ name: 'fileserver', port: 8080 }] });
  assert.equal(noPort['service-jumps']?.status, 'failed');
  assert.match(en(noPort['service-jumps']), /has no TCP port 3000 \(its ports: 8080\/TCP\)/);
  assert.equal(noPort['load-balancing']?.status, 'failed');
  const lines = answerSheetIptablesDump().split('\n');
  const noJump = lines.filter((l) => !(l.startsWith('-A KUBE-SERVICES') && l.includes('--dport 3000'))).join('\n');
  const r = grade(noJump);
  assert.deepEqual(statuses(r), ['passed', 'failed', 'failed', 'failed']);
  assert.match(en(r['service-jumps']), /KUBE-SERVICES has no rule for -d 10\.108\.64\.11\/32 -p tcp --dport 3000/);
});

test('rules for an old ClusterIP (Service recreated, kube-proxy behind) are pointed out by their comment', { skip: sharedSkip }, () => {
  const r = grade(answerSheetIptablesDump().replaceAll('10.108.64.11', '10.108.64.99'));
  assert.equal(r['service-jumps']?.status, 'failed');
  assert.match(en(r['service-jumps']), /rules whose comment names default\/service1 point at 10\.108\.64\.99\/32:8080/);
});

test('a Service port with no endpoints: kube-proxy rejects it', () => {
  const dump = `*filter\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -d 10.108.64.11/32 -p tcp -m comment --comment "default/service1:downloader has no endpoints" -m tcp --dport 3000 -j REJECT --reject-with icmp-port-unreachable\nCOMMIT\n${kubeProxyNat(service1Ports(['10.244.1.4', '10.244.1.5', '10.244.1.6']).slice(0, 1))}`;
  const r = grade(dump);
  assert.equal(r['service-jumps']?.status, 'failed');
  assert.match(en(r['service-jumps']), /10\.108\.64\.11:3000 is rejected by filter KUBE-SERVICES \(line 3, REJECT\)/);
});

test('a wrong DNAT port is reported as a port mismatch (targetPort)', { skip: sharedSkip }, () => {
  const r = grade(edited(['--to-destination 10.244.1.4:8080', '--to-destination 10.244.1.4:80']));
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'failed']);
  assert.match(
    en(r['dnat-endpoints']),
    /a KUBE-SEP DNATs to 10\.244\.1\.4:80 but the endpoint is 10\.244\.1\.4:8080 \(wrong port; check targetPort\)/,
  );
});

test('two endpoints fail load balancing; a third one not ready yet is pending', () => {
  const two = DEPLOYMENT_PODS.slice(0, 2).map((p) => p.ip);
  const r = grade(kubeProxyNat(service1Ports(two)), { s1Addrs: service1Addrs().slice(0, 2) });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'failed', 'passed']);
  assert.match(en(r['load-balancing']), /only 2 ready endpoints; the lab balances across the 3 Pods of deployment1/);
  const starting = [...service1Addrs().slice(0, 2), { ...(service1Addrs()[2] as Addr), ready: false }];
  const p = grade(kubeProxyNat(service1Ports(two)), { s1Addrs: starting });
  assert.equal(p['load-balancing']?.status, 'pending');
  assert.equal(p['dnat-endpoints']?.status, 'passed');
  const mismatch = grade(kubeProxyNat(service1Ports(two)));
  assert.match(en(mismatch['load-balancing']), /has 2 KUBE-SEP branches but there are 3 ready endpoints/);
  assert.match(en(mismatch['dnat-endpoints']), /endpoint 10\.244\.1\.6:8080 has no KUBE-SEP/);
});

test('kube-proxy ≥ 1.28 layout, another namespace, ClientIP session affinity, more replicas (HPA): all pass', () => {
  const five = ['10.244.1.4', '10.244.1.5', '10.244.1.6', '10.244.0.7', '10.244.0.8'];
  const addrs = five.map((ip, i) => ({ ip, pod: `deployment1-x-${i}` }));
  const r = grade(kubeProxyNat(service1Ports(five, 'homework', { affinity: true })), { s1Namespace: 'homework', s1Addrs: addrs });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'passed']);
  assert.match(en(r['load-balancing']), /5 KUBE-SEP chains, 0\.2 → 20\.0%, 0\.25 → 20\.0%.*with ClientIP session affinity rules/);
  assert.match(en(r['dnat-endpoints']), /^Service homework\/service1:/);
});

test('lab.yaml points equal the sum of the checks’ points', () => {
  const meta = loadLabs().find((l) => l.id === 'lab-10');
  assert.equal(
    meta?.points,
    grader.checks.reduce((sum, c) => sum + c.points, 0),
  );
});
