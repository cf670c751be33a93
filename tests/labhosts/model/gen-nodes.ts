import { hexId, uid } from './ids.ts';
import { addSeconds, meta, type Obj } from './k8s-meta.ts';
import { imageRef } from './gen-pods.ts';
import { NODES } from './nodes.ts';
import { PODS } from './topology.ts';
import { CLUSTER, type NodeModel } from './types.ts';

/**
 * Node objects. Shape as in the shared fixture `nodes/troubleshoot-nodelist-7-nodes-mixed-incl-
 * kubeadm-v1.29-flannel.json` (its kubeadm v1.29 + flannel control-plane node), with the answer
 * sheet's values: names, IPs, v1.29.4, docker://26.1.1 via cri-dockerd, pod CIDRs. The master has
 * no taint: the answer sheet removed the control-plane taint so metrics-server could run (Q12).
 * `VtepMAC` equals the MAC of the testbed's real flannel.1 device on that node.
 */

const SEEN = '2024-05-09T03:12:48Z';

function condition(type: string, status: string, reason: string, message: string, since: string): Obj {
  return { lastHeartbeatTime: SEEN, lastTransitionTime: since, message, reason, status, type };
}

function images(n: NodeModel): Obj[] {
  const names = [...new Set(PODS.filter((p) => p.node === n.role).flatMap((p) => p.containers.map((c) => c.image)))];
  names.push(`${CLUSTER.registry}/pause:3.9`, 'registry.aliyuncs.com/google_containers/pause:3.9');
  return names.map((image, i) => ({
    names: [imageRef(image).replace('docker-pullable://', ''), image],
    sizeBytes: 7_000_000 + (parseInt(hexId(image).slice(0, 6), 16) % 140_000_000) + i,
  }));
}

export function nodeObject(n: NodeModel): Obj {
  const master = n.role === 'master';
  const ready = addSeconds(n.createdAt, master ? 520 : 75);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta('Node', n.name, undefined, n.createdAt, {
      annotations: {
        'flannel.alpha.coreos.com/backend-data': JSON.stringify({ VNI: 1, VtepMAC: n.flannelMac }),
        'flannel.alpha.coreos.com/backend-type': 'vxlan',
        'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
        'flannel.alpha.coreos.com/public-ip': n.ip,
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/cri-dockerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        ...(master ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      },
    }),
    spec: { podCIDR: n.podCidr, podCIDRs: [n.podCidr] },
    status: {
      addresses: [
        { address: n.ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: {
        cpu: '2',
        'ephemeral-storage': '17901728049',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '3902832Ki',
        pods: '110',
      },
      capacity: {
        cpu: '2',
        'ephemeral-storage': '19424748Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '4005232Ki',
        pods: '110',
      },
      conditions: [
        condition('NetworkUnavailable', 'False', 'FlannelIsUp', 'Flannel is running on this node', ready),
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', n.createdAt),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', n.createdAt),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', n.createdAt),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status. AppArmor enabled', ready),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: images(n),
      nodeInfo: {
        architecture: 'amd64',
        bootID: uid(`boot:${n.name}`),
        containerRuntimeVersion: `docker://${CLUSTER.dockerVersion}`,
        kernelVersion: '5.15.0-105-generic',
        kubeProxyVersion: CLUSTER.k8sVersion,
        kubeletVersion: CLUSTER.k8sVersion,
        machineID: hexId(`machine:${n.name}`).slice(0, 32),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 20.04.6 LTS',
        systemUUID: uid(`vmware:${n.name}`).toUpperCase(),
      },
    },
  };
}

export function nodes(): Obj[] {
  return [nodeObject(NODES.master), nodeObject(NODES.worker)];
}
