import { CLUSTER, type ContainerModel, type NodeModel, type PodModel } from './types.ts';

/**
 * The pods of the recorded cluster, per node. Control-plane argv follow kubeadm v1.28's real
 * static pods (shared fixture `ps/ifrog-kubeadm-v1.28-controlplane-ps-ef-grep-kube-transcript.txt`)
 * with this cluster's addresses; the rest is reconstructed from the answer sheet.
 */

const k8s = (name: string, tag: string = CLUSTER.k8sVersion): string => `${CLUSTER.registry}/${name}:${tag}`;
export const FLANNEL_IMAGE = 'docker.io/flannel/flannel:v0.25.1';
export const FLANNEL_CNI_IMAGE = 'docker.io/flannel/flannel-cni-plugin:v1.4.0-flannel1';
export const METRICS_IMAGE = 'bishoyanwar24/metrics-server:v0.7.1';
export const COREDNS_HASH = '76f75df574';
export const METRICS_HASH = '7c8f6d5b49';
export const DEPLOYMENT1_HASH = '6c7f9b8d54';
export const PROXY_REVISION = '7d8d9c5f6b';
export const FLANNEL_REVISION = '6b8c9d7f45';

const PKI = '/etc/kubernetes/pki';

function controlPlane(node: NodeModel): PodModel[] {
  const ip = node.ip;
  const staticPod = (component: string, argv: string[], image: string): PodModel => ({
    name: `${component}-${node.name}`,
    namespace: 'kube-system',
    node: node.role,
    labels: { component, tier: 'control-plane' },
    owner: { kind: 'Node', name: node.name },
    createdAt: '2024-05-08T13:02:15Z',
    containers: [{ name: component, image, argv }],
  });
  return [
    staticPod(
      'etcd',
      [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        `--cert-file=${PKI}/etcd/server.crt`,
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${node.name}=https://${ip}:2380`,
        `--key-file=${PKI}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${node.name}`,
        `--peer-cert-file=${PKI}/etcd/peer.crt`,
        '--peer-client-cert-auth=true',
        `--peer-key-file=${PKI}/etcd/peer.key`,
        `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`,
        '--snapshot-count=10000',
        `--trusted-ca-file=${PKI}/etcd/ca.crt`,
      ],
      k8s('etcd', '3.5.12-0'),
    ),
    staticPod(
      'kube-apiserver',
      [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        `--client-ca-file=${PKI}/ca.crt`,
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        `--etcd-cafile=${PKI}/etcd/ca.crt`,
        `--etcd-certfile=${PKI}/apiserver-etcd-client.crt`,
        `--etcd-keyfile=${PKI}/apiserver-etcd-client.key`,
        '--etcd-servers=https://127.0.0.1:2379',
        `--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`,
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        `--proxy-client-cert-file=${PKI}/front-proxy-client.crt`,
        `--proxy-client-key-file=${PKI}/front-proxy-client.key`,
        '--requestheader-allowed-names=front-proxy-client',
        `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${PKI}/sa.pub`,
        `--service-account-signing-key-file=${PKI}/sa.key`,
        `--service-cluster-ip-range=${CLUSTER.serviceCidr}`,
        `--tls-cert-file=${PKI}/apiserver.crt`,
        `--tls-private-key-file=${PKI}/apiserver.key`,
      ],
      k8s('kube-apiserver'),
    ),
    staticPod(
      'kube-controller-manager',
      [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        `--client-ca-file=${PKI}/ca.crt`,
        `--cluster-cidr=${CLUSTER.podNetwork}`,
        '--cluster-name=kubernetes',
        `--cluster-signing-cert-file=${PKI}/ca.crt`,
        `--cluster-signing-key-file=${PKI}/ca.key`,
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
        `--root-ca-file=${PKI}/ca.crt`,
        `--service-account-private-key-file=${PKI}/sa.key`,
        `--service-cluster-ip-range=${CLUSTER.serviceCidr}`,
        '--use-service-account-credentials=true',
      ],
      k8s('kube-controller-manager'),
    ),
    staticPod(
      'kube-scheduler',
      [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      k8s('kube-scheduler'),
    ),
  ];
}

function nodeAgents(node: NodeModel, proxySuffix: string, flannelSuffix: string, createdAt: string, flannelCreatedAt: string): PodModel[] {
  return [
    {
      name: `kube-proxy-${proxySuffix}`,
      namespace: 'kube-system',
      node: node.role,
      labels: { 'controller-revision-hash': PROXY_REVISION, 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' },
      owner: { kind: 'DaemonSet', name: 'kube-proxy' },
      createdAt,
      containers: [
        {
          name: 'kube-proxy',
          image: k8s('kube-proxy'),
          argv: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', `--hostname-override=${node.name}`],
        },
      ],
    },
    {
      name: `kube-flannel-ds-${flannelSuffix}`,
      namespace: 'kube-flannel',
      node: node.role,
      labels: { app: 'flannel', 'controller-revision-hash': FLANNEL_REVISION, 'pod-template-generation': '1', tier: 'node' },
      owner: { kind: 'DaemonSet', name: 'kube-flannel-ds' },
      createdAt: flannelCreatedAt,
      containers: [{ name: 'kube-flannel', image: FLANNEL_IMAGE, argv: ['/opt/bin/flanneld', '--ip-masq', '--kube-subnet-mgr'] }],
    },
  ];
}

function metricsServer(node: NodeModel, suffix: string, ip: string, veth: string): PodModel {
  return {
    name: `metrics-server-${METRICS_HASH}-${suffix}`,
    namespace: 'kube-system',
    node: node.role,
    ip,
    veth,
    labels: { 'k8s-app': 'metrics-server', 'pod-template-hash': METRICS_HASH },
    owner: { kind: 'ReplicaSet', name: `metrics-server-${METRICS_HASH}` },
    createdAt: '2024-05-09T02:10:27Z',
    containers: [
      {
        name: 'metrics-server',
        image: METRICS_IMAGE,
        argv: [
          '/metrics-server',
          '--cert-dir=/tmp',
          '--secure-port=10250',
          '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
          '--kubelet-use-node-status-port',
          '--metric-resolution=15s',
          '--kubelet-insecure-tls',
        ],
        ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }],
      },
    ],
  };
}

/** The two containers of pod1 and of deployment1's template (answer sheet Q4/Q7). */
export function appContainers(): ContainerModel[] {
  return [
    {
      name: 'fileserver',
      image: '7143192/fileserver:latest',
      argv: ['fileserver'],
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      httpPort: 8080,
    },
    {
      name: 'downloader',
      image: '7143192/downloader:latest',
      argv: ['downloader'],
      ports: [{ containerPort: 3000, protocol: 'TCP' }],
      httpPort: 3000,
    },
  ];
}

export function masterPods(node: NodeModel): PodModel[] {
  const coredns = (suffix: string, ip: string, veth: string): PodModel => ({
    name: `coredns-${COREDNS_HASH}-${suffix}`,
    namespace: 'kube-system',
    node: node.role,
    ip,
    veth,
    labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': COREDNS_HASH },
    owner: { kind: 'ReplicaSet', name: `coredns-${COREDNS_HASH}` },
    createdAt: '2024-05-08T13:02:29Z',
    containers: [
      {
        name: 'coredns',
        image: k8s('coredns', 'v1.11.1'),
        argv: ['/coredns', '-conf', '/etc/coredns/Corefile'],
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
        ],
      },
    ],
  });
  return [
    ...controlPlane(node),
    ...nodeAgents(node, 'hx8v2', '7tq2w', '2024-05-08T13:02:29Z', '2024-05-08T13:10:43Z'),
    coredns('2h7dq', '10.244.0.4', 'veth3b9f2a61'),
    coredns('vxk8m', '10.244.0.5', 'veth8c41d0e7'),
    metricsServer(node, 'r4wzn', '10.244.0.6', 'veth52ae9c0b'),
  ];
}

export function workerPods(node: NodeModel): PodModel[] {
  const replica = (suffix: string, ip: string, veth: string): PodModel => ({
    name: `deployment1-${DEPLOYMENT1_HASH}-${suffix}`,
    namespace: 'default',
    node: node.role,
    ip,
    veth,
    labels: { app: 'app2', 'pod-template-hash': DEPLOYMENT1_HASH },
    owner: { kind: 'ReplicaSet', name: `deployment1-${DEPLOYMENT1_HASH}` },
    createdAt: '2024-05-08T15:21:04Z',
    containers: appContainers(),
  });
  return [
    ...nodeAgents(node, 'q7lzt', 'k5rvn', '2024-05-08T13:35:41Z', '2024-05-08T13:35:41Z'),
    // Created first on the worker, so its host veth is ifindex 6 as in the answer sheet (Q6).
    {
      name: 'pod1',
      namespace: 'default',
      node: node.role,
      ip: '10.244.1.2',
      veth: 'vethe358f9b7',
      labels: { app: 'pod1' },
      createdAt: '2024-05-08T14:06:52Z',
      containers: appContainers(),
    },
    replica('x7k2p', '10.244.1.4', 'veth0d6c3f88'),
    replica('4qz9n', '10.244.1.5', 'veth9a17b4c2'),
    replica('mvb5t', '10.244.1.6', 'vethc25e8d1f'),
    metricsServer(node, 'j2lxs', '10.244.1.7', 'veth6f03a9d4'),
  ];
}
