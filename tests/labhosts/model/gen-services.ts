import { uid } from './ids.ts';
import { lastApplied, meta, type Obj, ownerRef } from './k8s-meta.ts';
import { suffix } from './gen-pods.ts';
import { NODES } from './nodes.ts';
import { PODS } from './topology.ts';

/**
 * Services with their Endpoints and EndpointSlices. ClusterIPs, ports and endpoint addresses
 * are exactly those of the answer sheet's iptables dump (Q10): kubernetes 10.96.0.1:443 →
 * 192.168.157.133:6443, kube-dns 10.96.0.10 → 10.244.0.4/.5, service1 10.108.64.11 (fileserver
 * 8080, downloader 3000) → 10.244.1.4/.5/.6. metrics-server's Service is deliberately absent
 * (the dump predates Q12; see cluster/README.md).
 */

interface Port {
  name: string;
  port: number;
  targetPort: number;
  protocol: 'TCP' | 'UDP';
}

interface Svc {
  name: string;
  namespace: string;
  createdAt: string;
  clusterIP: string;
  ports: Port[];
  selector?: Record<string, string>;
  labels?: Record<string, string>;
  annotations?: Obj;
  /** Endpoint addresses: pods selected by `selector`, or fixed IPs. */
  fixed?: string[];
}

const DNS_LABELS = { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' };

function service1Manifest(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { annotations: {}, name: 'service1', namespace: 'default' },
    spec: {
      ports: [
        { name: 'fileserver', port: 8080, targetPort: 8080 },
        { name: 'downloader', port: 3000, targetPort: 3000 },
      ],
      selector: { app: 'app2' },
    },
  };
}

function svcs(): Svc[] {
  return [
    {
      name: 'kubernetes',
      namespace: 'default',
      createdAt: '2024-05-08T13:02:13Z',
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
      labels: { component: 'apiserver', provider: 'kubernetes' },
      fixed: [NODES.master.ip],
    },
    {
      name: 'service1',
      namespace: 'default',
      createdAt: '2024-05-08T15:42:37Z',
      clusterIP: '10.108.64.11',
      ports: [
        { name: 'fileserver', port: 8080, targetPort: 8080, protocol: 'TCP' },
        { name: 'downloader', port: 3000, targetPort: 3000, protocol: 'TCP' },
      ],
      selector: { app: 'app2' },
      annotations: lastApplied(service1Manifest()),
    },
    {
      name: 'kube-dns',
      namespace: 'kube-system',
      createdAt: '2024-05-08T13:02:16Z',
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      labels: DNS_LABELS,
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
  ];
}

function selected(s: Svc) {
  if (s.fixed) return s.fixed.map((ip) => ({ ip, pod: undefined }));
  return PODS.filter((p) => p.namespace === s.namespace && Object.entries(s.selector ?? {}).every(([k, v]) => p.labels[k] === v)).map(
    (p) => ({ ip: p.ip ?? '', pod: p }),
  );
}

export function services(): Obj[] {
  return svcs().map((s) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('Service', s.name, s.namespace, s.createdAt, {
      ...(s.annotations ? { annotations: s.annotations } : {}),
      ...(s.labels ? { labels: s.labels } : {}),
    }),
    spec: {
      clusterIP: s.clusterIP,
      clusterIPs: [s.clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: s.ports,
      ...(s.selector ? { selector: s.selector } : {}),
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  }));
}

const trigger = (s: Svc) => ({ 'endpoints.kubernetes.io/last-change-trigger-time': s.createdAt });
const targetRef = (p: { name: string; namespace: string }) => ({
  kind: 'Pod',
  name: p.name,
  namespace: p.namespace,
  uid: uid(`Pod/${p.namespace}/${p.name}`),
});

export function endpoints(): Obj[] {
  return svcs().map((s) => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('Endpoints', s.name, s.namespace, s.createdAt, {
      ...(s.fixed
        ? { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }
        : { annotations: trigger(s), ...(s.labels ? { labels: s.labels } : {}) }),
    }),
    subsets: [
      {
        addresses: selected(s).map(({ ip, pod }) => ({
          ip,
          ...(pod ? { nodeName: NODES[pod.node].name, targetRef: targetRef(pod) } : {}),
        })),
        ports: [...s.ports]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })),
      },
    ],
  }));
}

export function endpointSlices(): Obj[] {
  return svcs().map((s) => {
    const name = s.fixed ? s.name : `${s.name}-${suffix(`eps:${s.name}`)}`;
    const labels = s.fixed
      ? { 'kubernetes.io/service-name': s.name }
      : {
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          ...(s.labels ?? {}),
          'kubernetes.io/service-name': s.name,
        };
    return {
      addressType: 'IPv4',
      apiVersion: 'discovery.k8s.io/v1',
      endpoints: selected(s).map(({ ip, pod }) => ({
        addresses: [ip],
        conditions: s.fixed ? { ready: true } : { ready: true, serving: true, terminating: false },
        ...(pod ? { nodeName: NODES[pod.node].name, targetRef: targetRef(pod) } : {}),
      })),
      kind: 'EndpointSlice',
      metadata: meta('EndpointSlice', name, s.namespace, s.createdAt, {
        ...(s.fixed
          ? {}
          : { annotations: trigger(s), generateName: `${s.name}-`, ownerReferences: [ownerRef('Service', s.name, s.namespace, 'v1')] }),
        generation: 1,
        labels,
      }),
      ports: s.ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })),
    };
  });
}
