import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf } from '../common/testing/variants.ts';
import { DEPLOYMENT_PODS, service1Addrs } from './testdata/cluster.ts';
import { en, grade, statuses } from './testdata/grade.ts';
import { service1Ports } from './testdata/kube-proxy-dump.ts';
import { kubeProxyNatOf } from './testdata/kube-proxy-eras.ts';

/** lab-10 on kube-proxy output of other eras, nft-backend noise, and v1.33 endpoint data. */

type Json = Record<string, unknown> & { items: { endpoints?: { conditions?: unknown }[] }[] };
const S1 = DEPLOYMENT_PODS.map((p) => p.ip);
const NFT_WARNING = '# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n';

test('v1.19-era rules (masquerade in KUBE-SERVICES, short comments, 0.33332999982) behind an nft warning, CRLF: all pass', () => {
  const r = grade(crlf(NFT_WARNING + kubeProxyNatOf('v1.19', service1Ports(S1))));
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'passed'], en(r['load-balancing']));
  assert.match(en(r['load-balancing']), /0\.33332999982 → 33\.3%, 0\.5 → 33\.3%, rest → 33\.3%/);
});

test('newest rules (KUBE-SEP without comments), HPA at 6 replicas: all pass', () => {
  const six = [...S1, '10.244.0.7', '10.244.0.8', '10.244.0.9'];
  const addrs = six.map((ip, i) => ({ ip, pod: `deployment1-6c7f9b8d54-n${i}` }));
  const r = grade(kubeProxyNatOf('newest', service1Ports(six)), { s1Addrs: addrs });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'passed'], en(r['dnat-endpoints']));
  assert.match(en(r['load-balancing']), /6 KUBE-SEP chains/);
});

test('EndpointSlices with ready: null and Endpoints unreadable (v1.33): the slices are used', () => {
  // Before: `ready: null` failed the schema; with Endpoints unreadable too, every check was an error.
  const r = grade(kubeProxyNatOf('newest', service1Ports(S1)), { s1Addrs: service1Addrs() }, (p) => {
    const slices = p['kube.endpointslices'] as Json;
    for (const s of slices.items) for (const ep of s.endpoints ?? []) ep.conditions = { ready: null, serving: null, terminating: null };
    p['kube.endpoints'] = { stdout: '', stderr: 'Error from server (Forbidden): endpoints is forbidden\n', exitCode: 1 };
  });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed', 'passed'], en(r['dnat-endpoints']));
});
