/**
 * Types and constants of the one model of the answer sheet's cluster that both halves of the
 * testbed read: the network builder (namespaces, veths, addresses, stand-in processes) and the
 * generator of the recorded `kubectl`/`crictl` outputs. One model is what makes `ip -j link` on
 * a node, `crictl pods` and `kubectl get pods -o wide` agree with each other.
 *
 * Facts from the answer sheet: node IPs 192.168.157.133 (master, node `ubuntu`) and .132
 * (`worker1`, joined with --node-name), v1.29.4, docker 26.1.1 + cri-dockerd 0.3.13 with
 * `--pod-infra-container-image=registry.aliyuncs.com/google_containers/pause:3.9`, images from
 * registry.cn-hangzhou.aliyuncs.com/google_containers, pod CIDR 10.244.0.0/16, CoreDNS at
 * 10.244.0.4/.5, deployment1's pods at 10.244.1.4/.5/.6 (Q10 dump), pod1's veth
 * `vethe358f9b7` = ifindex 6 on the worker and `eth0@if6` in the pod (Q6), metrics-server
 * v0.7.1 from `bishoyanwar24/metrics-server` in its high-availability manifest (Q12).
 * Everything else (pod1's IP .2, name suffixes, MACs, times) is reconstructed.
 */
export type Role = 'master' | 'worker';

export interface ContainerModel {
  name: string;
  image: string;
  /** argv of the container's main process as `ps` shows it on the node (stand-in process). */
  argv: string[];
  ports?: { name?: string; containerPort: number; protocol: 'TCP' | 'UDP' }[];
  /** The stand-in answers HTTP on this port inside the pod's network namespace. */
  httpPort?: number;
}

export interface PodModel {
  name: string;
  namespace: string;
  node: Role;
  /** Pod IP; absent for hostNetwork pods (their IP is the node's). */
  ip?: string;
  /** Host-side veth of the pod (flannel's bridge plugin names them veth + 8 hex). */
  veth?: string;
  labels: Record<string, string>;
  owner?: { kind: 'ReplicaSet' | 'DaemonSet' | 'Node'; name: string };
  createdAt: string;
  containers: ContainerModel[];
}

export interface NodeModel {
  role: Role;
  /** Kubernetes node name and the host's hostname (the real seed had `ubuntu` on both VMs). */
  name: string;
  ip: string;
  ens33Mac: string;
  /** docker sets docker0's MAC itself (02:42:…); an empty bridge would otherwise show 00:00:00:00:00:00. */
  docker0Mac: string;
  flannelMac: string;
  podCidr: string;
  /** cni0's address = the pod gateway; flannel.1 gets the subnet's .0 address. */
  cniGateway: string;
  flannelAddr: string;
  createdAt: string;
  /** KUBELET_KUBEADM_ARGS of /var/lib/kubelet/kubeadm-flags.env (also on the kubelet's command line). */
  kubeadmFlags: string[];
  /** Host processes that are not containers (argv as `ps` shows them). */
  hostProcesses: string[][];
}

export const CLUSTER = {
  k8sVersion: 'v1.29.4',
  dockerVersion: '26.1.1',
  podNetwork: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/12',
  bridge: { name: 'br-lab', address: '192.168.157.1/24' },
  gateway: '192.168.157.2',
  registry: 'registry.cn-hangzhou.aliyuncs.com/google_containers',
} as const;
