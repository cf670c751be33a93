import { kubeList } from '../../../tests/snapshot-builder.ts';

/**
 * Kubernetes objects consistent with the answer sheet's cluster and its Q10 iptables-save dump
 * (kubeadm v1.29, master `ubuntu` 192.168.157.133, worker `worker1` 192.168.157.132, both VMs
 * named ubuntu): service1 10.108.64.11 with fileserver 8080 and downloader 3000 → 10.244.1.4-6,
 * kube-dns 10.96.0.10 → 10.244.0.4-5, kubernetes 10.96.0.1 → 192.168.157.133:6443. Shaped like
 * `kubectl get … -o json` prints them. Test data only.
 */

export const MASTER_IP = '192.168.157.133';
export const WORKER_IP = '192.168.157.132';
export const SERVICE1_IP = '10.108.64.11';
export const DEPLOYMENT_PODS = [
  { ip: '10.244.1.4', pod: 'deployment1-6c7f9b8d54-4qz9n' },
  { ip: '10.244.1.5', pod: 'deployment1-6c7f9b8d54-mvb5t' },
  { ip: '10.244.1.6', pod: 'deployment1-6c7f9b8d54-x7k2p' },
];

export interface Addr {
  ip: string;
  pod: string;
  node?: string;
  ready?: boolean;
  namespace?: string;
}

const meta = (name: string, namespace: string, extra: object = {}) => ({
  name,
  namespace,
  uid: `uid-${namespace}-${name}`,
  resourceVersion: '1000',
  creationTimestamp: '2024-05-08T13:02:11Z',
  ...extra,
});

export function node(name: string, ip: string, podCIDR: string, controlPlane: boolean): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: { 'kubernetes.io/hostname': name, ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}) },
    },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: 'ubuntu' },
      ],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      nodeInfo: {
        kubeletVersion: 'v1.29.4',
        kubeProxyVersion: 'v1.29.4',
        containerRuntimeVersion: 'docker://26.1.1',
        osImage: 'Ubuntu 20.04.6 LTS',
      },
    },
  };
}

export const nodes = () => kubeList([node('ubuntu', MASTER_IP, '10.244.0.0/24', true), node('worker1', WORKER_IP, '10.244.1.0/24', false)]);

export interface PortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

export function service(
  name: string,
  namespace: string,
  clusterIP: string,
  ports: PortSpec[],
  selector: Record<string, string> = {},
): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace),
    spec: {
      type: 'ClusterIP',
      clusterIP,
      clusterIPs: [clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ports: ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port })),
      selector,
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
}

export const SERVICE1_PORTS: PortSpec[] = [
  { name: 'fileserver', port: 8080 },
  { name: 'downloader', port: 3000 },
];
export const DNS_PORTS: PortSpec[] = [
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  { name: 'metrics', port: 9153, protocol: 'TCP' },
];

export const service1 = (namespace = 'default', ports = SERVICE1_PORTS) =>
  service('service1', namespace, SERVICE1_IP, ports, { app: 'app2' });
export const kubeDns = () => service('kube-dns', 'kube-system', '10.96.0.10', DNS_PORTS, { 'k8s-app': 'kube-dns' });
export const kubernetesSvc = () => service('kubernetes', 'default', '10.96.0.1', [{ name: 'https', port: 443, targetPort: 6443 }]);

export const service1Addrs = (): Addr[] => DEPLOYMENT_PODS.map((p) => ({ ...p, node: 'worker1' }));
export const dnsAddrs = (): Addr[] => [
  { ip: '10.244.0.4', pod: 'coredns-76f75df574-2h7dq', node: 'ubuntu', namespace: 'kube-system' },
  { ip: '10.244.0.5', pod: 'coredns-76f75df574-vxk8m', node: 'ubuntu', namespace: 'kube-system' },
];

/** The Endpoints object the endpoints controller writes (ready and not-ready addresses split). */
export function endpoints(name: string, namespace: string, addrs: Addr[], ports: PortSpec[]): object {
  const toAddr = (a: Addr) => ({
    ip: a.ip,
    nodeName: a.node ?? 'worker1',
    targetRef: { kind: 'Pod', name: a.pod, namespace, uid: `uid-${a.pod}` },
  });
  const ready = addrs.filter((a) => a.ready !== false).map(toAddr);
  const notReady = addrs.filter((a) => a.ready === false).map(toAddr);
  const subset: Record<string, unknown> = {
    ports: ports.map((p) => ({
      name: p.name,
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    })),
  };
  if (ready.length > 0) subset['addresses'] = ready;
  if (notReady.length > 0) subset['notReadyAddresses'] = notReady;
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: meta(name, namespace), subsets: addrs.length > 0 ? [subset] : undefined };
}

/** The EndpointSlice the EndpointSlice controller writes for a Service. */
export function endpointSlice(name: string, namespace: string, addrs: Addr[], ports: PortSpec[]): object {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(`${name}-7xk2d`, namespace, {
      labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    }),
    addressType: 'IPv4',
    endpoints: addrs.map((a) => ({
      addresses: [a.ip],
      conditions: { ready: a.ready !== false, serving: a.ready !== false, terminating: false },
      nodeName: a.node ?? 'worker1',
      targetRef: { kind: 'Pod', name: a.pod, namespace, uid: `uid-${a.pod}` },
    })),
    ports: ports.map((p) => ({
      name: p.name ?? '',
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    })),
  };
}

/** kube-proxy's ConfigMap as kubeadm v1.29 writes it; `mode` as given (kubeadm leaves it ""). */
export function kubeProxyConfigMap(mode = ''): object {
  const conf = [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'bindAddress: 0.0.0.0',
    'clientConnection:',
    '  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf',
    'clusterCIDR: 10.244.0.0/16',
    'configSyncPeriod: 0s',
    'detectLocalMode: ""',
    'iptables:',
    '  masqueradeAll: false',
    '  minSyncPeriod: 0s',
    '  syncPeriod: 0s',
    'ipvs:',
    '  scheduler: ""',
    '  strictARP: false',
    'kind: KubeProxyConfiguration',
    `mode: ${JSON.stringify(mode)}`,
    'nodePortAddresses: null',
    '',
  ].join('\n');
  return kubeList([
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('coredns', 'kube-system'), data: { Corefile: '.:53 {\n    errors\n}\n' } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('kube-proxy', 'kube-system', { labels: { app: 'kube-proxy' } }),
      data: { 'config.conf': conf, 'kubeconfig.conf': 'apiVersion: v1\nkind: Config\n' },
    },
  ]);
}

/** Master probes for a cluster like the answer sheet's; parts can be replaced per test. */
export function masterProbes(
  over: { s1Addrs?: Addr[]; s1Namespace?: string; s1Ports?: PortSpec[]; mode?: string } = {},
): Record<string, object> {
  const ns = over.s1Namespace ?? 'default';
  const s1 = over.s1Addrs ?? service1Addrs();
  const ports = over.s1Ports ?? SERVICE1_PORTS;
  return {
    'kube.nodes': nodes(),
    'kube.services': kubeList([kubernetesSvc(), service1(ns, ports), kubeDns()]),
    'kube.endpoints': kubeList([
      endpoints('kubernetes', 'default', [{ ip: MASTER_IP, pod: 'x', node: 'ubuntu' }], [{ name: 'https', port: 6443 }]),
      endpoints('service1', ns, s1, ports),
      endpoints('kube-dns', 'kube-system', dnsAddrs(), DNS_PORTS),
    ]),
    'kube.endpointslices': kubeList([
      endpointSlice('service1', ns, s1, ports),
      endpointSlice('kube-dns', 'kube-system', dnsAddrs(), DNS_PORTS),
    ]),
    'kube.configmaps.kube-system': kubeProxyConfigMap(over.mode ?? ''),
  };
}
