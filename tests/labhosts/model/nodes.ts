import { CLUSTER, type NodeModel } from './types.ts';

/** The two VMs of the answer sheet (see types.ts for what is recorded and what is reconstructed). */

/**
 * What `kubeadm init/join --cri-socket unix:///var/run/cri-dockerd.sock` writes into
 * /var/lib/kubelet/kubeadm-flags.env (KUBELET_KUBEADM_ARGS), sorted by flag name as kubeadm
 * does; `--hostname-override` only where the node name is not the hostname (the seed's worker).
 */
function kubeadmFlags(hostnameOverride?: string): string[] {
  return [
    '--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock',
    ...(hostnameOverride ? [`--hostname-override=${hostnameOverride}`] : []),
    `--pod-infra-container-image=${CLUSTER.registry}/pause:3.9`,
  ];
}

/** The kubelet's command line: kubeadm's systemd drop-in puts KUBECONFIG_ARGS, CONFIG_ARGS, then KUBEADM_ARGS. */
function runtimeProcesses(flags: string[]): string[][] {
  return [
    ['/usr/bin/containerd'],
    ['/usr/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'],
    // The answer sheet runs cri-dockerd by hand from its download folder (Q1, 构建集群 step 1).
    ['./cri-dockerd', '--pod-infra-container-image=registry.aliyuncs.com/google_containers/pause:3.9'],
    [
      '/usr/bin/kubelet',
      '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf',
      '--kubeconfig=/etc/kubernetes/kubelet.conf',
      '--config=/var/lib/kubelet/config.yaml',
      ...flags,
    ],
  ];
}

const MASTER_FLAGS = kubeadmFlags();
const WORKER_FLAGS = kubeadmFlags('worker1');

export const NODES: Record<'master' | 'worker', NodeModel> = {
  master: {
    role: 'master',
    name: 'ubuntu',
    ip: '192.168.157.133',
    ens33Mac: '00:0c:29:5e:8a:13',
    docker0Mac: '02:42:8e:5b:31:c7',
    flannelMac: 'be:9d:3a:41:c2:7f',
    podCidr: '10.244.0.0/24',
    cniGateway: '10.244.0.1',
    flannelAddr: '10.244.0.0',
    createdAt: '2024-05-08T13:02:11Z',
    kubeadmFlags: MASTER_FLAGS,
    hostProcesses: runtimeProcesses(MASTER_FLAGS),
  },
  worker: {
    role: 'worker',
    name: 'worker1',
    ip: '192.168.157.132',
    ens33Mac: '00:0c:29:c4:27:9b',
    docker0Mac: '02:42:d1:07:9a:3e',
    flannelMac: '5a:e1:06:d8:3b:94',
    podCidr: '10.244.1.0/24',
    cniGateway: '10.244.1.1',
    flannelAddr: '10.244.1.0',
    createdAt: '2024-05-08T13:35:40Z',
    kubeadmFlags: WORKER_FLAGS,
    hostProcesses: runtimeProcesses(WORKER_FLAGS),
  },
};
