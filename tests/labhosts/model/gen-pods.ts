import { hexId, sha256Ref, uid } from './ids.ts';
import { addSeconds, lastApplied, meta, type Obj, ownerRef } from './k8s-meta.ts';
import { NODES } from './nodes.ts';
import { podKind, podSpec } from './gen-pod-specs.ts';
import type { PodModel } from './types.ts';

/** Pod objects as `kubectl get pods -A -o json` returns them for the recorded cluster. */

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'; // k8s.io/apimachinery rand.String's alphabet

export function suffix(key: string, len = 5): string {
  const h = hexId(`suffix:${key}`);
  let out = '';
  for (let i = 0; out.length < len; i += 2) out += ALPHABET[parseInt(h.slice(i, i + 2), 16) % ALPHABET.length];
  return out;
}

export function containerId(pod: PodModel, container: string): string {
  return hexId(`container:${pod.namespace}/${pod.name}/${container}`);
}

export function sandboxId(pod: PodModel): string {
  return hexId(`sandbox:${pod.namespace}/${pod.name}`);
}

/** docker-pullable://<repo>@sha256:..., as cri-dockerd reports imageID. */
export function imageRef(image: string): string {
  const repo = image.replace(/:[^:/]+$/, '');
  return `docker-pullable://${repo}@${sha256Ref(`digest:${repo}`)}`;
}

function pod1Manifest(): Obj {
  const c = (name: string, port: number, mountPath: string) => ({
    image: `7143192/${name}:latest`,
    name,
    ports: [{ containerPort: port }],
    volumeMounts: [{ mountPath, name: 'share-volume' }],
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { annotations: {}, labels: { app: 'pod1' }, name: 'pod1', namespace: 'default' },
    spec: {
      containers: [c('fileserver', 8080, '/usr/share/files'), c('downloader', 3000, '/data')],
      volumes: [{ emptyDir: {}, name: 'share-volume' }],
    },
  };
}

function annotations(pod: PodModel): Obj | undefined {
  if (pod.owner?.kind === 'Node') {
    const hash = hexId(`config:${pod.name}`).slice(0, 32);
    const extra: Obj = pod.name.startsWith('etcd-')
      ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${NODES[pod.node].ip}:2379` }
      : pod.name.startsWith('kube-apiserver-')
        ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${NODES[pod.node].ip}:6443` }
        : {};
    return {
      ...extra,
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.seen': '2024-05-08T13:02:04.718393528Z',
      'kubernetes.io/config.source': 'file',
    };
  }
  if (pod.name === 'pod1') return lastApplied(pod1Manifest());
  return undefined;
}

function owner(pod: PodModel): Obj[] | undefined {
  if (!pod.owner) return undefined;
  if (pod.owner.kind === 'Node')
    return [{ apiVersion: 'v1', controller: true, kind: 'Node', name: pod.owner.name, uid: uid(`Node//${pod.owner.name}`) }];
  return [ownerRef(pod.owner.kind, pod.owner.name, pod.namespace, 'apps/v1')];
}

const QOS: Record<string, string> = {
  static: 'Burstable',
  'kube-proxy': 'BestEffort',
  flannel: 'Burstable',
  coredns: 'Burstable',
  'metrics-server': 'Burstable',
};

export function podObject(pod: PodModel): Obj {
  const node = NODES[pod.node];
  const started = addSeconds(pod.createdAt, 2);
  const ready = addSeconds(pod.createdAt, 9);
  const kind = podKind(pod);
  const ann = annotations(pod);
  const own = owner(pod);
  const generateName = pod.owner && pod.owner.kind !== 'Node' ? pod.name.replace(/[^-]+$/, '') : undefined;
  const ip = pod.ip ?? node.ip;
  const cond = (type: string, at: string) => ({ lastProbeTime: null, lastTransitionTime: at, status: 'True', type });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('Pod', pod.name, pod.namespace, pod.createdAt, {
      ...(ann ? { annotations: ann } : {}),
      ...(generateName ? { generateName } : {}),
      labels: pod.labels,
      ...(own ? { ownerReferences: own } : {}),
    }),
    spec: podSpec(pod, node, suffix(`api:${pod.name}`)),
    status: {
      conditions: [
        cond('PodReadyToStartContainers', started),
        cond('Initialized', pod.createdAt),
        cond('Ready', ready),
        cond('ContainersReady', ready),
        cond('PodScheduled', pod.createdAt),
      ],
      containerStatuses: pod.containers.map((c) => ({
        containerID: `docker://${containerId(pod, c.name)}`,
        image: c.image,
        imageID: imageRef(c.image),
        lastState: {},
        name: c.name,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: started } },
      })),
      hostIP: node.ip,
      hostIPs: [{ ip: node.ip }],
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      qosClass: kind === 'app' ? (pod.name === 'pod1' ? 'BestEffort' : 'Burstable') : (QOS[kind] ?? 'BestEffort'),
      startTime: pod.createdAt,
    },
  };
}
