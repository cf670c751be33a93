/** Test support: a Service, its Endpoints and EndpointSlices as the API server returns them. */
import type { Obj } from './obj.ts';

const when = '2026-11-27T11:45:00Z';

/** The Service with defaults: type ClusterIP, protocol TCP, targetPort = port when omitted, a ClusterIP. */
export function liveService(manifest: Obj, opts: { namespace?: string; clusterIP?: string } = {}): Obj {
  const ip = opts.clusterIP ?? '10.108.64.11';
  const spec = manifest['spec'];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: manifest['metadata']['name'],
      namespace: opts.namespace ?? manifest['metadata']['namespace'] ?? 'default',
      uid: 'c3d2e1f0-1111-4a2b-8c3d-0e1f2a3b4c5d',
      resourceVersion: '6001',
      creationTimestamp: when,
    },
    spec: {
      clusterIP: spec['type'] === 'ClusterIP' && spec['clusterIP'] === 'None' ? 'None' : ip,
      clusterIPs: [ip],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: (spec['ports'] ?? []).map((p: Obj) => ({ protocol: 'TCP', ...p, targetPort: p['targetPort'] ?? p['port'] })),
      selector: spec['selector'],
      sessionAffinity: 'None',
      type: spec['type'] ?? 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

/** Resolves each service port's targetPort against a pod's containers, as the endpoints controllers do. */
function endpointPorts(service: Obj, pod: Obj): Obj[] {
  return service['spec']['ports'].flatMap((sp: Obj) => {
    const tp = sp['targetPort'];
    if (typeof tp === 'number') return [{ name: sp['name'], port: tp, protocol: sp['protocol'] }];
    for (const c of pod['spec']['containers'])
      for (const p of c['ports'] ?? [])
        if (p['name'] === tp) return [{ name: sp['name'], port: p['containerPort'], protocol: sp['protocol'] }];
    return [];
  });
}

const target = (pod: Obj): Obj => ({
  kind: 'Pod',
  name: pod['metadata']['name'],
  namespace: pod['metadata']['namespace'],
  uid: pod['metadata']['uid'],
});

/** The v1 Endpoints of a Service over the given pods (`notReady` pods go to notReadyAddresses). */
export function liveEndpoints(service: Obj, pods: Obj[], notReady: Obj[] = []): Obj {
  const addr = (p: Obj) => ({ ip: p['status']['podIP'], nodeName: p['spec']['nodeName'], targetRef: target(p) });
  const first = pods[0] ?? notReady[0];
  const subset: Obj = { ports: first ? endpointPorts(service, first) : [] };
  if (pods.length) subset['addresses'] = pods.map(addr);
  if (notReady.length) subset['notReadyAddresses'] = notReady.map(addr);
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: service['metadata']['name'],
      namespace: service['metadata']['namespace'],
      labels: { 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' },
      creationTimestamp: when,
    },
    subsets: first ? [subset] : undefined,
  };
}

/** The discovery.k8s.io/v1 EndpointSlice of a Service over the given pods. */
export function liveEndpointSlice(service: Obj, pods: Obj[], notReady: Obj[] = []): Obj {
  const ep = (p: Obj, ready: boolean) => ({
    addresses: [p['status']['podIP']],
    conditions: { ready, serving: ready, terminating: false },
    nodeName: p['spec']['nodeName'],
    targetRef: target(p),
  });
  const first = pods[0] ?? notReady[0];
  return {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    endpoints: [...pods.map((p) => ep(p, true)), ...notReady.map((p) => ep(p, false))],
    metadata: {
      name: `${service['metadata']['name']}-k7d2x`,
      namespace: service['metadata']['namespace'],
      generateName: `${service['metadata']['name']}-`,
      labels: {
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': service['metadata']['name'],
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: service['metadata']['name'],
          uid: service['metadata']['uid'],
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      creationTimestamp: when,
    },
    ports: first ? endpointPorts(service, first) : null,
  };
}
