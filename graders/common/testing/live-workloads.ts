/**
 * Test support: turns a manifest into the object `kubectl get -o json` prints once the API server
 * has defaulted it and the controllers have run (namespace, uids, container defaults, the
 * service-account token volume in every pod, status). Tests then mutate it into failing variants.
 */
import type { Obj } from './obj.ts';

let serial = 0;
const uid = (): string => `0b7c1e2a-5f3d-4c1b-9a${String(++serial).padStart(2, '0')}-7e2f6c1d9a${String(serial).padStart(2, '0')}`;
const when = '2026-11-27T11:40:00Z';

/** Container defaults the API server fills in (both in pods and in pod templates). */
function defaultContainer(c: Obj): Obj {
  const image = String(c['image'] ?? 'busybox');
  return {
    ...c,
    imagePullPolicy: c['imagePullPolicy'] ?? (image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent'),
    ports: (c['ports'] ?? []).map((p: Obj) => ({ protocol: 'TCP', ...p })),
    resources: c['resources'] ?? {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

function defaultPodSpec(spec: Obj): Obj {
  return {
    ...spec,
    containers: spec['containers'].map(defaultContainer),
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  };
}

export interface PodOptions {
  name?: string;
  namespace?: string;
  node?: string;
  ip?: string;
  hostIP?: string;
  labels?: Record<string, string>;
  owner?: { kind: string; name: string };
}

/** A running, ready Pod built from a pod manifest or a pod template. */
export function livePod(manifest: Obj, opts: PodOptions = {}): Obj {
  const meta = manifest['metadata'] ?? {};
  const name = opts.name ?? meta['name'];
  const namespace = opts.namespace ?? meta['namespace'] ?? 'default';
  const token = `kube-api-access-${name.slice(-5).replace(/[^a-z0-9]/g, 'x')}`;
  const spec = defaultPodSpec(manifest['spec']);
  spec['containers'] = spec['containers'].map((c: Obj) => ({
    ...c,
    volumeMounts: [
      ...(c['volumeMounts'] ?? []),
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: token, readOnly: true },
    ],
  }));
  spec['volumes'] = [
    ...(spec['volumes'] ?? []),
    { name: token, projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } },
  ];
  spec['nodeName'] = opts.node ?? 'worker';
  spec['serviceAccount'] = 'default';
  spec['serviceAccountName'] = 'default';
  spec['tolerations'] = [
    { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
    { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
  ];
  const ip = opts.ip ?? '10.244.1.5';
  const metadata: Obj = {
    name,
    namespace,
    uid: uid(),
    resourceVersion: '4711',
    creationTimestamp: when,
    labels: { ...(meta['labels'] ?? {}), ...(opts.labels ?? {}) },
  };
  if (opts.owner)
    metadata['ownerReferences'] = [
      { apiVersion: 'apps/v1', kind: opts.owner.kind, name: opts.owner.name, uid: uid(), controller: true, blockOwnerDeletion: true },
    ];
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: when });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec,
    status: {
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
      containerStatuses: spec['containers'].map((c: Obj, i: number) => ({
        containerID: `containerd://${'ab12cd34'.repeat(8).slice(0, 60)}${i}${name.length % 10}`,
        image: `docker.io/${c['image']}`,
        imageID: `docker.io/${String(c['image']).split(':')[0]}@sha256:${'e3b0c442'.repeat(8)}`,
        lastState: {},
        name: c['name'],
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: when } },
      })),
      hostIP: opts.hostIP ?? '192.168.239.129',
      hostIPs: [{ ip: opts.hostIP ?? '192.168.239.129' }],
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      qosClass: 'BestEffort',
      startTime: when,
    },
  };
}

/** A Deployment as read back: defaults, a template without the token volume, status all ready. */
export function liveDeployment(manifest: Obj, opts: { namespace?: string; replicas?: number } = {}): Obj {
  const spec = manifest['spec'];
  const replicas = opts.replicas ?? spec['replicas'] ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      creationTimestamp: when,
      generation: 1,
      labels: manifest['metadata']['labels'],
      name: manifest['metadata']['name'],
      namespace: opts.namespace ?? manifest['metadata']['namespace'] ?? 'default',
      resourceVersion: '5120',
      uid: uid(),
    },
    spec: {
      progressDeadlineSeconds: 600,
      replicas,
      revisionHistoryLimit: 10,
      selector: spec['selector'],
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: { metadata: { creationTimestamp: null, ...spec['template']['metadata'] }, spec: defaultPodSpec(spec['template']['spec']) },
    },
    status: {
      availableReplicas: replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastTransitionTime: when,
          lastUpdateTime: when,
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${manifest['metadata']['name']}-6d4cf56db6" has successfully progressed.`,
          lastTransitionTime: when,
          lastUpdateTime: when,
        },
      ],
      observedGeneration: 1,
      readyReplicas: replicas,
      replicas,
      updatedReplicas: replicas,
    },
  };
}

const HASH = '6d4cf56db6';
const SUFFIXES = ['7xk2p', 'b9qzt', 'm4w8r', 'c2n6v', 'h5j3d', 'p8s1f'];

/** The pods a live Deployment's ReplicaSet runs, spread over `nodes` like the scheduler would. */
export function deploymentPods(deploy: Obj, count = deploy['spec']['replicas'], nodes = ['worker', 'master']): Obj[] {
  const name = deploy['metadata']['name'];
  return Array.from({ length: count }, (_, i) =>
    livePod(
      { metadata: deploy['spec']['template']['metadata'], spec: structuredClone(deploy['spec']['template']['spec']) },
      {
        name: `${name}-${HASH}-${SUFFIXES[i % SUFFIXES.length]}${i >= SUFFIXES.length ? i : ''}`,
        namespace: deploy['metadata']['namespace'],
        node: nodes[i % nodes.length] ?? 'worker',
        ip: `10.244.${(i % nodes.length) + 1}.${10 + i}`,
        labels: { 'pod-template-hash': HASH },
        owner: { kind: 'ReplicaSet', name: `${name}-${HASH}` },
      },
    ),
  );
}

/** A PersistentVolumeClaim as read back. */
export function livePvc(name: string, opts: { namespace?: string; accessModes?: string[]; phase?: string; volumeName?: string } = {}): Obj {
  const modes = opts.accessModes ?? ['ReadWriteMany'];
  const phase = opts.phase ?? 'Bound';
  const pvc: Obj = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: opts.namespace ?? 'default',
      uid: uid(),
      creationTimestamp: when,
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: { accessModes: modes, resources: { requests: { storage: '1Gi' } }, storageClassName: '', volumeMode: 'Filesystem' },
    status: { phase },
  };
  if (phase === 'Bound') {
    pvc['spec']['volumeName'] = opts.volumeName ?? 'nfs-pv';
    pvc['status'] = { accessModes: modes, capacity: { storage: '1Gi' }, phase };
  }
  return pvc;
}

/** A PersistentVolume as read back (`kubectl get pv -o json`), bound to a claim, with the given volume source. */
export function livePv(
  name: string,
  source: Obj = { nfs: { path: '/srv/nfs/files', server: '192.168.157.133' } },
  opts: { claim?: string; namespace?: string; accessModes?: string[]; storageClassName?: string; nodeAffinity?: Obj } = {},
): Obj {
  const spec: Obj = {
    accessModes: opts.accessModes ?? ['ReadWriteMany'],
    capacity: { storage: '1Gi' },
    ...source,
    persistentVolumeReclaimPolicy: 'Retain',
    storageClassName: opts.storageClassName ?? '',
    volumeMode: 'Filesystem',
  };
  if (opts.nodeAffinity) spec['nodeAffinity'] = opts.nodeAffinity;
  if (opts.claim)
    spec['claimRef'] = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      name: opts.claim,
      namespace: opts.namespace ?? 'default',
      resourceVersion: '5301',
      uid: uid(),
    };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, uid: uid(), resourceVersion: '5302', creationTimestamp: when, finalizers: ['kubernetes.io/pv-protection'] },
    spec,
    status: opts.claim ? { phase: 'Bound', lastPhaseTransitionTime: when } : { phase: 'Available', lastPhaseTransitionTime: when },
  };
}
