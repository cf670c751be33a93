import { createHash } from 'node:crypto';

/**
 * Test support (lab-03, lab-05): `crictl ps -o json` and `crictl pods -o json` as crictl prints
 * them. No real JSON of these commands exists in ../shared/fixtures (SOURCES.md, "Looked for but
 * not found"); the shape follows the CRI messages crictl marshals (kubernetes-sigs/cri-tools
 * cmd/crictl, protojson with EmitDefaultValues; k8s.io/cri-api api.proto Container / PodSandbox)
 * and the labels kubelet sets (io.kubernetes.container.name, io.kubernetes.pod.name/namespace/uid).
 */

export interface CriSpec {
  name: string;
  pod: string;
  namespace?: string;
  state?: 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_CREATED';
  image?: string;
}

/** A stable 64-hex id from a seed, like the runtime's container and sandbox ids. */
export const idOf = (seed: string): string => createHash('sha256').update(seed).digest('hex');
export const sandboxIdOf = (pod: string, namespace = 'default'): string => idOf(`sandbox/${namespace}/${pod}`);

export function criPs(specs: readonly CriSpec[]): string {
  const containers = specs.map((s) => {
    const ns = s.namespace ?? 'kube-system';
    return {
      id: idOf(`container/${ns}/${s.pod}/${s.name}`),
      podSandboxId: sandboxIdOf(s.pod, ns),
      metadata: { name: s.name, attempt: 0 },
      image: { image: s.image ?? `sha256:${idOf(`image/${s.name}`)}`, annotations: {}, userSpecifiedImage: '', runtimeHandler: '' },
      imageRef: `docker-pullable://registry.aliyuncs.com/google_containers/${s.name}@sha256:${idOf(`ref/${s.name}`)}`,
      state: s.state ?? 'CONTAINER_RUNNING',
      createdAt: '1715185502123456789',
      labels: {
        'io.kubernetes.container.name': s.name,
        'io.kubernetes.pod.name': s.pod,
        'io.kubernetes.pod.namespace': ns,
        'io.kubernetes.pod.uid': idOf(`uid/${ns}/${s.pod}`).slice(0, 32),
      },
      annotations: { 'io.kubernetes.container.hash': 'c1f1a1e1', 'io.kubernetes.container.restartCount': '0' },
    };
  });
  return `${JSON.stringify({ containers }, null, 2)}\n`;
}

export interface SandboxSpec {
  pod: string;
  namespace?: string;
  state?: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  id?: string;
}

export function criPods(specs: readonly SandboxSpec[]): string {
  const items = specs.map((s) => {
    const ns = s.namespace ?? 'kube-system';
    const uid = idOf(`uid/${ns}/${s.pod}`).slice(0, 32);
    return {
      id: s.id ?? sandboxIdOf(s.pod, ns),
      metadata: { name: s.pod, uid, namespace: ns, attempt: 0 },
      state: s.state ?? 'SANDBOX_READY',
      createdAt: '1715185499000000000',
      labels: { 'io.kubernetes.pod.name': s.pod, 'io.kubernetes.pod.namespace': ns, 'io.kubernetes.pod.uid': uid },
      annotations: { 'kubernetes.io/config.seen': '2024-05-08T22:31:39.123456789+08:00', 'kubernetes.io/config.source': 'api' },
      runtimeHandler: '',
    };
  });
  return `${JSON.stringify({ items }, null, 2)}\n`;
}

/** What crictl ps shows on the answer sheet's master (control plane as static pods, named after node `ubuntu`). */
export const MASTER_CONTAINERS: CriSpec[] = [
  { name: 'etcd', pod: 'etcd-ubuntu' },
  { name: 'kube-apiserver', pod: 'kube-apiserver-ubuntu' },
  { name: 'kube-controller-manager', pod: 'kube-controller-manager-ubuntu' },
  { name: 'kube-scheduler', pod: 'kube-scheduler-ubuntu' },
  { name: 'kube-proxy', pod: 'kube-proxy-p4jmn' },
  { name: 'kube-flannel', pod: 'kube-flannel-ds-9kq4d', namespace: 'kube-flannel' },
  { name: 'coredns', pod: 'coredns-5dd5756b68-wcs5x' },
];

/** … and on the worker (before pod1). */
export const WORKER_CONTAINERS: CriSpec[] = [
  { name: 'kube-proxy', pod: 'kube-proxy-x7k2q' },
  { name: 'kube-flannel', pod: 'kube-flannel-ds-x2v7k', namespace: 'kube-flannel' },
  { name: 'coredns', pod: 'coredns-5dd5756b68-2zrhr' },
];

/** The sandboxes behind a list of containers (one per pod). */
export function sandboxesOf(specs: readonly CriSpec[]): SandboxSpec[] {
  const seen = new Map<string, SandboxSpec>();
  for (const s of specs) seen.set(`${s.namespace ?? 'kube-system'}/${s.pod}`, { pod: s.pod, namespace: s.namespace ?? 'kube-system' });
  return [...seen.values()];
}
