import { lastApplied, meta, type Obj, ownerRef } from './k8s-meta.ts';
import { appContainers, COREDNS_HASH, DEPLOYMENT1_HASH, METRICS_HASH } from './pods.ts';
import { templateSpec } from './gen-pod-specs.ts';
import { PODS } from './topology.ts';
import type { ContainerModel } from './types.ts';

/** Deployments, ReplicaSets and DaemonSets of the recorded cluster. */

const TEMPLATE_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

function containersOf(label: [string, string]): ContainerModel[] {
  const pod = PODS.find((p) => p.labels[label[0]] === label[1]);
  if (!pod) throw new Error(`no pod with ${label.join('=')}`);
  return pod.containers;
}

interface App {
  name: string;
  namespace: string;
  createdAt: string;
  hash: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  replicas: number;
  generation: number;
  maxUnavailable: string | number;
  template: Obj;
  annotations?: Obj;
}

/** deployment1 as applied in Q12 (CPU requests, no `replicas`: hpa1 keeps it at 3). */
function deployment1Manifest(): Obj {
  const c = (name: string, port: number, mountPath: string) => ({
    image: `7143192/${name}:latest`,
    name,
    ports: [{ containerPort: port }],
    resources: { limits: { cpu: '500m' }, requests: { cpu: '200m' } },
    volumeMounts: [{ mountPath, name: 'share-volume' }],
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { annotations: {}, labels: { app: 'app2' }, name: 'deployment1', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'app2' } },
      template: {
        metadata: { labels: { app: 'app2' } },
        spec: {
          containers: [c('fileserver', 8080, '/usr/share/files'), c('downloader', 3000, '/data')],
          volumes: [{ emptyDir: {}, name: 'share-volume' }],
        },
      },
    },
  };
}

function apps(): App[] {
  return [
    {
      name: 'coredns',
      namespace: 'kube-system',
      createdAt: '2024-05-08T13:02:16Z',
      hash: COREDNS_HASH,
      labels: { 'k8s-app': 'kube-dns' },
      selector: { 'k8s-app': 'kube-dns' },
      replicas: 2,
      generation: 1,
      maxUnavailable: 1,
      template: templateSpec('coredns', containersOf(['k8s-app', 'kube-dns']), false),
    },
    {
      name: 'metrics-server',
      namespace: 'kube-system',
      createdAt: '2024-05-09T02:10:27Z',
      hash: METRICS_HASH,
      labels: { 'k8s-app': 'metrics-server' },
      selector: { 'k8s-app': 'metrics-server' },
      replicas: 2,
      generation: 1,
      maxUnavailable: 1,
      template: templateSpec('metrics-server', containersOf(['k8s-app', 'metrics-server']), false),
    },
    {
      name: 'deployment1',
      namespace: 'default',
      createdAt: '2024-05-08T15:21:04Z',
      hash: DEPLOYMENT1_HASH,
      labels: { app: 'app2' },
      selector: { app: 'app2' },
      replicas: 3,
      generation: 2,
      maxUnavailable: '25%',
      template: templateSpec('app', appContainers(), true),
      annotations: lastApplied(deployment1Manifest()),
    },
  ];
}

function podTemplate(labels: Record<string, string>, spec: Obj): Obj {
  return { metadata: { creationTimestamp: null, labels }, spec: { ...TEMPLATE_DEFAULTS, ...spec } };
}

const available = (a: App) => ({ availableReplicas: a.replicas, readyReplicas: a.replicas, replicas: a.replicas });

export function deployments(): Obj[] {
  return apps().map((a) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('Deployment', a.name, a.namespace, a.createdAt, {
      annotations: { 'deployment.kubernetes.io/revision': '1', ...(a.annotations ?? {}) },
      generation: a.generation,
      labels: a.labels,
    }),
    spec: {
      progressDeadlineSeconds: 600,
      replicas: a.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: a.selector },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: a.maxUnavailable }, type: 'RollingUpdate' },
      template: podTemplate(a.selector, a.template),
    },
    status: {
      ...available(a),
      conditions: [
        {
          lastTransitionTime: a.createdAt,
          lastUpdateTime: a.createdAt,
          message: 'Deployment has minimum availability.',
          reason: 'MinimumReplicasAvailable',
          status: 'True',
          type: 'Available',
        },
        {
          lastTransitionTime: a.createdAt,
          lastUpdateTime: a.createdAt,
          message: `ReplicaSet "${a.name}-${a.hash}" has successfully progressed.`,
          reason: 'NewReplicaSetAvailable',
          status: 'True',
          type: 'Progressing',
        },
      ],
      observedGeneration: a.generation,
      updatedReplicas: a.replicas,
    },
  }));
}

export function replicaSets(): Obj[] {
  return apps().map((a) => {
    const labels = { ...a.selector, 'pod-template-hash': a.hash };
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta('ReplicaSet', `${a.name}-${a.hash}`, a.namespace, a.createdAt, {
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(a.replicas),
          'deployment.kubernetes.io/max-replicas': String(a.replicas + Math.ceil(a.replicas / 4)),
          'deployment.kubernetes.io/revision': '1',
        },
        generation: a.generation,
        labels,
        ownerReferences: [ownerRef('Deployment', a.name, a.namespace, 'apps/v1')],
      }),
      spec: { replicas: a.replicas, selector: { matchLabels: labels }, template: podTemplate(labels, a.template) },
      status: { ...available(a), fullyLabeledReplicas: a.replicas, observedGeneration: a.generation },
    };
  });
}

export function daemonSets(): Obj[] {
  const ds = (
    name: string,
    namespace: string,
    createdAt: string,
    labels: Record<string, string>,
    selector: Record<string, string>,
    templateLabels: Record<string, string>,
    spec: Obj,
  ) => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('DaemonSet', name, namespace, createdAt, {
      annotations: { 'deprecated.daemonset.template.generation': '1' },
      generation: 1,
      labels,
    }),
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      template: podTemplate(templateLabels, spec),
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
    },
    status: {
      currentNumberScheduled: 2,
      desiredNumberScheduled: 2,
      numberAvailable: 2,
      numberMisscheduled: 0,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
    },
  });
  return [
    ds(
      'kube-flannel-ds',
      'kube-flannel',
      '2024-05-08T13:10:42Z',
      { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
      { app: 'flannel' },
      { app: 'flannel', tier: 'node' },
      templateSpec('flannel', containersOf(['app', 'flannel']), false),
    ),
    ds(
      'kube-proxy',
      'kube-system',
      '2024-05-08T13:02:16Z',
      { 'k8s-app': 'kube-proxy' },
      { 'k8s-app': 'kube-proxy' },
      { 'k8s-app': 'kube-proxy' },
      templateSpec('kube-proxy', containersOf(['k8s-app', 'kube-proxy']), false),
    ),
  ];
}
