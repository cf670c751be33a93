import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { endpoints, endpointSlice, kubeProxyConfigMap, service, service1, SERVICE1_PORTS } from '../../graders/lab-10/testdata/cluster.ts';
import { configuredProxyMode } from './kube-proxy-config.ts';
import {
  ConfigMapList,
  EndpointSlice,
  EndpointSliceList,
  Endpoints,
  EndpointsList,
  Service,
  ServiceList,
  type ServicePort,
} from './kube.ts';
import { endpointKey, findService, portEndpoints } from './service-endpoints.ts';

const svc = (o: object) => Service.parse(o);
const port = (s: Service, n: number): ServicePort => s.spec.ports?.find((p) => p.port === n) as ServicePort;
const addrs = [
  { ip: '10.244.1.4', pod: 'a' },
  { ip: '10.244.1.5', pod: 'b', ready: false },
  { ip: '10.244.1.6', pod: 'c' },
];

test('findService prefers the default namespace, then the first namespace by name', () => {
  const list = [svc(service1('zeta')), svc(service1('alpha')), svc(service('other', 'default', '10.96.1.1', [{ port: 80 }]))];
  assert.equal(findService(list, 'service1')?.metadata.namespace, 'alpha');
  assert.equal(findService([...list, svc(service1('default'))], 'service1')?.metadata.namespace, 'default');
  assert.equal(findService(list, 'missing'), undefined);
});

test('EndpointSlices: the port by name, ready addresses usable, not-ready listed', () => {
  const s = svc(service1());
  const slices = [EndpointSlice.parse(endpointSlice('service1', 'default', addrs, SERVICE1_PORTS))];
  const e = portEndpoints(s, port(s, 3000), undefined, slices);
  assert.equal(e.source, 'EndpointSlice');
  assert.deepEqual(e.all.map(endpointKey), ['10.244.1.4:3000', '10.244.1.5:3000', '10.244.1.6:3000']);
  assert.deepEqual(
    e.usable.map((a) => [a.ip, a.pod, a.nodeName]),
    [
      ['10.244.1.4', 'a', 'worker1'],
      ['10.244.1.6', 'c', 'worker1'],
    ],
  );
  const other = portEndpoints(svc(service1('lab')), port(s, 3000), undefined, slices);
  assert.equal(other.source, 'none', 'slices of another namespace do not count');
});

test('Endpoints: used when no slice exists; targetPort numbers come from the subset', () => {
  const s = svc(service('web', 'default', '10.96.7.7', [{ name: 'http', port: 80, targetPort: 8080 }]));
  const eps = [Endpoints.parse(endpoints('web', 'default', addrs, [{ name: 'http', port: 80, targetPort: 8080 }]))];
  const e = portEndpoints(s, port(s, 80), eps, []);
  assert.equal(e.source, 'Endpoints');
  assert.deepEqual(e.usable.map(endpointKey), ['10.244.1.4:8080', '10.244.1.6:8080']);
  assert.deepEqual(
    e.all.filter((a) => !a.ready).map((a) => a.ip),
    ['10.244.1.5'],
  );
});

test('real lists: a terminating, non-serving endpoint is not usable; UDP ports match by protocol', { skip: sharedSkip }, () => {
  const slices = EndpointSliceList.parse(JSON.parse(realFixture('services/victoriametrics-endpointslicelist.json'))).items;
  const services = ServiceList.parse(JSON.parse(realFixture('services/victoriametrics-servicelist.json'))).items;
  const dns = findService(services, 'kube-dns') as Service;
  const udp = dns.spec.ports?.find((p) => p.protocol === 'UDP') as ServicePort;
  assert.deepEqual(portEndpoints(dns, udp, undefined, slices).usable.map(endpointKey), ['10.244.0.3:53']);
  const tcp = dns.spec.ports?.find((p) => p.name === 'dns-tcp') as ServicePort;
  assert.deepEqual(portEndpoints(dns, tcp, undefined, slices).all, [], 'the slice has no dns-tcp port');
  const k8s = svc(service('kubernetes', 'default', '10.96.0.1', [{ name: 'https', port: 443, targetPort: 6443 }]));
  const e = portEndpoints(k8s, port(k8s, 443), undefined, slices);
  assert.deepEqual([e.all.length, e.usable.length], [1, 0]);
  const eps = EndpointsList.parse(JSON.parse(realFixture('services/victoriametrics-minikube-endpointslist.json'))).items;
  assert.deepEqual(portEndpoints(k8s, port(k8s, 443), eps, undefined).usable.map(endpointKey), ['172.17.0.2:8443']);
});

test('terminating but serving endpoints are used when none is ready (kube-proxy ≥ 1.26)', () => {
  const s = svc(service1());
  const slice = EndpointSlice.parse({
    metadata: { name: 'service1-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'service1' } },
    addressType: 'IPv4',
    endpoints: [
      { addresses: ['10.244.1.4'], conditions: { ready: false, serving: true, terminating: true } },
      { addresses: ['10.244.1.5'], conditions: { ready: false, serving: false, terminating: true } },
    ],
    ports: [{ name: 'downloader', port: 3000, protocol: 'TCP' }],
  });
  assert.deepEqual(portEndpoints(s, port(s, 3000), undefined, [slice]).usable.map(endpointKey), ['10.244.1.4:3000']);
});

test('kube-proxy mode from its ConfigMap: "" is iptables; ipvs, nftables; absent or broken', () => {
  const cms = (mode: string) => ConfigMapList.parse(kubeProxyConfigMap(mode)).items;
  assert.deepEqual(configuredProxyMode(cms('')), { found: true, mode: 'iptables', written: '' });
  assert.deepEqual(configuredProxyMode(cms('ipvs')), { found: true, mode: 'ipvs', written: 'ipvs' });
  assert.equal((configuredProxyMode(cms('nftables')) as { mode: string }).mode, 'nftables');
  assert.deepEqual(configuredProxyMode([]), { found: false, reason: 'no-configmap' });
  const broken = ConfigMapList.parse({ items: [{ metadata: { name: 'kube-proxy' }, data: { 'config.conf': 'mode: [unclosed' } }] }).items;
  assert.deepEqual(configuredProxyMode(broken), { found: false, reason: 'unreadable' });
  const noMode = ConfigMapList.parse({
    items: [{ metadata: { name: 'kube-proxy' }, data: { 'config.conf': 'kind: KubeProxyConfiguration\nipvs:\n  mode: weird\n' } }],
  }).items;
  assert.deepEqual(configuredProxyMode(noMode), { found: true, mode: 'iptables', written: '' });
  const proto = ConfigMapList.parse({
    items: [{ metadata: { name: 'kube-proxy' }, data: { 'config.conf': '__proto__:\n  mode: ipvs\n' } }],
  }).items;
  assert.equal((configuredProxyMode(proto) as { mode: string }).mode, 'iptables');
  assert.equal(({} as Record<string, unknown>)['mode'], undefined);
});
