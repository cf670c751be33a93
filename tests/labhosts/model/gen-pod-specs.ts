import { apiAccessMount, apiAccessVolume, DEFAULT_TOLERATIONS, type Obj } from './k8s-meta.ts';
import type { ContainerModel, NodeModel, PodModel } from './types.ts';

/**
 * Pod specs as the API server returns them (defaults filled in). Static pods, kube-proxy and
 * CoreDNS follow kubeadm's real objects in the shared fixtures
 * (`pods/ifrog-kubeadm-v1.28-kube-system-podlist-static-pods-coredns-pending.json`,
 * `workloads/ifrog-kubeadm-v1.28-kube-system-daemonsetlist-kube-proxy.json`); flannel and
 * metrics-server follow their v0.25.1 / v0.7.1 manifests; pod1 and deployment1 are the answer
 * sheet's manifests (Q4, Q12's Deployment with CPU requests).
 */

const TERM = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' };

function hostPath(name: string, path: string, type = 'DirectoryOrCreate'): Obj {
  return { hostPath: { path, type }, name };
}

function ports(c: ContainerModel): Obj {
  return c.ports
    ? { ports: c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol })) }
    : {};
}

const CONTROL_PLANE_REQUESTS: Record<string, Obj> = {
  etcd: { cpu: '100m', memory: '100Mi' },
  'kube-apiserver': { cpu: '250m' },
  'kube-controller-manager': { cpu: '200m' },
  'kube-scheduler': { cpu: '100m' },
};

const CONTROL_PLANE_VOLUMES: Record<string, [string, string, string?][]> = {
  etcd: [
    ['etcd-certs', '/etc/kubernetes/pki/etcd'],
    ['etcd-data', '/var/lib/etcd'],
  ],
  'kube-apiserver': [
    ['ca-certs', '/etc/ssl/certs'],
    ['etc-ca-certificates', '/etc/ca-certificates'],
    ['k8s-certs', '/etc/kubernetes/pki'],
    ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates'],
    ['usr-share-ca-certificates', '/usr/share/ca-certificates'],
  ],
  'kube-controller-manager': [
    ['ca-certs', '/etc/ssl/certs'],
    ['etc-ca-certificates', '/etc/ca-certificates'],
    ['flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec'],
    ['k8s-certs', '/etc/kubernetes/pki'],
    ['kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate'],
    ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates'],
    ['usr-share-ca-certificates', '/usr/share/ca-certificates'],
  ],
  'kube-scheduler': [['kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate']],
};

function staticSpec(pod: PodModel, node: NodeModel): Obj {
  const c = pod.containers[0] as ContainerModel;
  const vols = CONTROL_PLANE_VOLUMES[c.name] ?? [];
  return {
    containers: [
      {
        command: c.argv,
        image: c.image,
        name: c.name,
        resources: { requests: CONTROL_PLANE_REQUESTS[c.name] ?? {} },
        ...TERM,
        volumeMounts: vols.map(([name, mountPath]) => ({ mountPath, name, ...(name === 'etcd-data' ? {} : { readOnly: true }) })),
      },
    ],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    hostNetwork: true,
    nodeName: node.name,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 2000001000,
    priorityClassName: 'system-node-critical',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    terminationGracePeriodSeconds: 30,
    tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    volumes: vols.map(([name, path, type]) => hostPath(name, path, type)),
  };
}

/** What the DaemonSet controller adds to its pods' tolerations. */
const DS_TOLERATIONS = [
  ...['not-ready', 'unreachable'].map((k) => ({ effect: 'NoExecute', key: `node.kubernetes.io/${k}`, operator: 'Exists' })),
  ...['disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable', 'network-unavailable'].map((k) => ({
    effect: 'NoSchedule',
    key: `node.kubernetes.io/${k}`,
    operator: 'Exists',
  })),
];

function common(pod: PodModel, node: NodeModel, sa: string): Obj {
  return {
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    nodeName: node.name,
    preemptionPolicy: 'PreemptLowerPriority',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: sa,
    serviceAccountName: sa,
    terminationGracePeriodSeconds: 30,
    ...(pod.owner?.kind === 'DaemonSet'
      ? {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }],
              },
            },
          },
        }
      : {}),
  };
}

/** The container part of a pod template (also used by Deployments, ReplicaSets, DaemonSets). */
export function templateSpec(
  kind: 'kube-proxy' | 'flannel' | 'coredns' | 'metrics-server' | 'app',
  c: ContainerModel[],
  withResources: boolean,
): Obj {
  const first = c[0] as ContainerModel;
  switch (kind) {
    case 'kube-proxy':
      return {
        containers: [
          {
            command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
            image: first.image,
            name: 'kube-proxy',
            resources: {},
            securityContext: { privileged: true },
            ...TERM,
            volumeMounts: [
              { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
              { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
              { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
            ],
          },
        ],
        hostNetwork: true,
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        priorityClassName: 'system-node-critical',
        tolerations: [{ operator: 'Exists' }],
        volumes: [
          { configMap: { defaultMode: 420, name: 'kube-proxy' }, name: 'kube-proxy' },
          hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
          hostPath('lib-modules', '/lib/modules', ''),
        ],
      };
    case 'flannel':
      return {
        containers: [
          {
            args: ['--ip-masq', '--kube-subnet-mgr'],
            command: ['/opt/bin/flanneld'],
            env: [
              { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
              { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
              { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
            ],
            image: first.image,
            name: 'kube-flannel',
            resources: { requests: { cpu: '100m', memory: '50Mi' } },
            securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] }, privileged: false },
            ...TERM,
            volumeMounts: [
              { mountPath: '/run/flannel', name: 'run' },
              { mountPath: '/etc/kube-flannel/', name: 'flannel-cfg' },
              { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
            ],
          },
        ],
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }],
        volumes: [
          hostPath('run', '/run/flannel', ''),
          hostPath('cni-plugin', '/opt/cni/bin', ''),
          hostPath('cni', '/etc/cni/net.d', ''),
          { configMap: { defaultMode: 420, name: 'kube-flannel-cfg' }, name: 'flannel-cfg' },
          hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
        ],
      };
    case 'coredns':
      return {
        containers: [
          {
            args: ['-conf', '/etc/coredns/Corefile'],
            image: first.image,
            livenessProbe: {
              failureThreshold: 5,
              httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
              initialDelaySeconds: 60,
              periodSeconds: 10,
              successThreshold: 1,
              timeoutSeconds: 5,
            },
            name: 'coredns',
            ...ports(first),
            readinessProbe: {
              failureThreshold: 3,
              httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
              periodSeconds: 10,
              successThreshold: 1,
              timeoutSeconds: 1,
            },
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
              readOnlyRootFilesystem: true,
            },
            ...TERM,
            volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
          },
        ],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        priorityClassName: 'system-cluster-critical',
        tolerations: [
          { key: 'CriticalAddonsOnly', operator: 'Exists' },
          { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
        ],
        volumes: [
          { configMap: { defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' },
        ],
      };
    case 'metrics-server':
      return {
        containers: [
          {
            args: first.argv.slice(1),
            image: first.image,
            livenessProbe: {
              failureThreshold: 3,
              httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' },
              periodSeconds: 10,
              successThreshold: 1,
              timeoutSeconds: 1,
            },
            name: 'metrics-server',
            ...ports(first),
            readinessProbe: {
              failureThreshold: 3,
              httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' },
              initialDelaySeconds: 20,
              periodSeconds: 10,
              successThreshold: 1,
              timeoutSeconds: 1,
            },
            resources: { requests: { cpu: '100m', memory: '200Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              runAsUser: 1000,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            ...TERM,
            volumeMounts: [{ mountPath: '/tmp', name: 'tmp-dir' }],
          },
        ],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: { 'k8s-app': 'metrics-server' } },
                namespaces: ['kube-system'],
                topologyKey: 'kubernetes.io/hostname',
              },
            ],
          },
        },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        priorityClassName: 'system-cluster-critical',
        volumes: [{ emptyDir: {}, name: 'tmp-dir' }],
      };
    case 'app': {
      const mounts: Record<string, string> = { fileserver: '/usr/share/files', downloader: '/data' };
      return {
        containers: c.map((x) => ({
          image: x.image,
          imagePullPolicy: 'Always',
          name: x.name,
          ...ports(x),
          resources: withResources ? { limits: { cpu: '500m' }, requests: { cpu: '200m' } } : {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: mounts[x.name], name: 'share-volume' }],
        })),
        volumes: [{ emptyDir: {}, name: 'share-volume' }],
      };
    }
  }
}

export function podKind(pod: PodModel): 'static' | 'kube-proxy' | 'flannel' | 'coredns' | 'metrics-server' | 'app' {
  if (pod.owner?.kind === 'Node') return 'static';
  if (pod.labels['app'] === 'flannel') return 'flannel';
  const app = pod.labels['k8s-app'];
  if (app === 'kube-proxy' || app === 'metrics-server') return app;
  if (app === 'kube-dns') return 'coredns';
  return 'app';
}

const SERVICE_ACCOUNTS: Record<string, string> = {
  'kube-proxy': 'kube-proxy',
  flannel: 'flannel',
  coredns: 'coredns',
  'metrics-server': 'metrics-server',
  app: 'default',
};

export function podSpec(pod: PodModel, node: NodeModel, apiSuffix: string): Obj {
  const kind = podKind(pod);
  if (kind === 'static') return staticSpec(pod, node);
  const t = templateSpec(kind, pod.containers, pod.name.startsWith('deployment1-'));
  const containers = (t.containers as Obj[]).map((c) => ({
    ...c,
    volumeMounts: [...((c.volumeMounts as Obj[]) ?? []), apiAccessMount(apiSuffix)],
  }));
  const tolerations =
    pod.owner?.kind === 'DaemonSet'
      ? [...((t.tolerations as Obj[]) ?? []), ...DS_TOLERATIONS]
      : [...((t.tolerations as Obj[]) ?? []), ...DEFAULT_TOLERATIONS];
  const priority =
    t.priorityClassName === 'system-node-critical'
      ? { priority: 2000001000 }
      : t.priorityClassName
        ? { priority: 2000000000 }
        : { priority: 0 };
  return {
    ...common(pod, node, SERVICE_ACCOUNTS[kind] ?? 'default'),
    ...t,
    ...priority,
    containers,
    tolerations,
    volumes: [...((t.volumes as Obj[]) ?? []), apiAccessVolume(apiSuffix)],
  };
}
