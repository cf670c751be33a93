import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { errored, failed, pending, type Verdict } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { NodeList, PodList, type Node, type Pod } from '../../src/parse/kube.ts';
import { nsFlag } from '../common/names.ts';
import { hostAddresses, internalIP, POD_PROBE, readAddrs, rolesOfNode, ROLES } from './host-net.ts';

/** Where pod1 runs: its object, its node, and the snapshot host of that node. */
export interface Pod1Place {
  pod: Pod;
  podIP: string;
  node: Node;
  nodes: Node[];
  role: HostRole;
}

const GET_POD = (pod: Pod) => {
  const ns = nsFlag(pod.metadata.namespace ?? 'default');
  return t(
    `运行 \`kubectl get pod pod1${ns} -o wide\` 查看它的状态和所在节点。`,
    `Run \`kubectl get pod pod1${ns} -o wide\` to see its state and node.`,
  );
};

/**
 * Finds pod1 (namespace default, as the probe `pod.default.pod1.addr` reads it) and its host.
 * `anyNamespace`: for checks that only need pod1's node (the route), a pod1 elsewhere will do.
 */
export function locatePod1(view: SnapshotView, anyNamespace = false): Pod1Place | Verdict {
  const nodes = view.json('master', 'kube.nodes', NodeList).items;
  const pods = view.json('master', 'kube.pods', PodList).items;
  const elsewhere = pods.find((p) => p.metadata.name === 'pod1');
  const pod =
    pods.find((p) => p.metadata.name === 'pod1' && (p.metadata.namespace ?? 'default') === 'default') ??
    (anyNamespace ? elsewhere : undefined);
  if (!pod && elsewhere) {
    // lab-04 accepts pod1 in any namespace, but the collector looks inside pod1's network
    // namespace by a fixed probe (pod.default.pod1.addr): we cannot look, which is not a wrong cluster.
    const ns = elsewhere.metadata.namespace ?? 'default';
    return errored(
      t(
        `pod1 在命名空间 ${ns} 中；本实验查看 Pod 内网络设备的探针只读取命名空间 default 中的 pod1（pod.default.pod1.addr），无法检查它。`,
        `pod1 is in namespace ${ns}; this lab's probe of the Pod's network devices reads pod1 in namespace default only (pod.default.pod1.addr), so it cannot be checked.`,
      ),
      t(
        `在命名空间 default 中也创建 pod1（去掉 pod1.yaml 里的 metadata.namespace，再 \`kubectl apply -f pod1.yaml -n default\`）后重新评分，或请教师手动检查。`,
        `Create pod1 in namespace default too (drop metadata.namespace from pod1.yaml, then \`kubectl apply -f pod1.yaml -n default\`) and grade again, or ask your instructor to check by hand.`,
      ),
    );
  }
  if (!pod) {
    return failed(
      t('命名空间 default 中没有 Pod `pod1`。', 'There is no Pod `pod1` in namespace default.'),
      t(
        '先完成 lab-04：`kubectl apply -f pod1.yaml`，然后 `kubectl get pod pod1 -o wide`。',
        'Do lab-04 first: `kubectl apply -f pod1.yaml`, then `kubectl get pod pod1 -o wide`.',
      ),
    );
  }
  const phase = pod.status?.phase ?? 'Unknown';
  // podIP is podIPs[0]; read podIPs too (an IPv4 one first) so a status that lists only podIPs is not "not running".
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)].filter((ip): ip is string => !!ip);
  const podIP = ips.find((ip) => !ip.includes(':')) ?? ips[0];
  if (phase === 'Pending' || (phase === 'Running' && !podIP)) {
    return pending(t(`pod1 还没有运行起来（${phase}）。`, `pod1 is not running yet (${phase}).`), GET_POD(pod));
  }
  if (phase !== 'Running' || !podIP) {
    return failed(t(`pod1 的状态是 ${phase}，不是 Running。`, `pod1 is ${phase}, not Running.`), GET_POD(pod));
  }
  const node = nodes.find((n) => n.metadata.name === pod.spec.nodeName);
  if (!node) {
    return errored(
      t(
        `pod1 运行在节点 ${pod.spec.nodeName ?? '?'} 上，但 kubectl get nodes 里没有这个节点。`,
        `pod1 runs on node ${pod.spec.nodeName ?? '?'}, which kubectl get nodes does not list.`,
      ),
      t('运行 `kubectl get nodes -o wide` 后重新评分。', 'Run `kubectl get nodes -o wide` and grade again.'),
    );
  }
  const candidates = rolesOfNode(view, node);
  // Two VMs can share an address (VirtualBox NAT gives both 10.0.2.15, and a kubelet on the NAT
  // interface reports it as InternalIP); then the host where pod1's namespace was found decides.
  const role = candidates.length > 1 ? candidates.find((r) => view.raw(r, POD_PROBE)?.exitCode === 0) : candidates[0];
  if (candidates.length > 1 && !role) {
    return errored(
      t(
        `节点 ${node.metadata.name} 的 InternalIP ${internalIP(node) ?? ''} 同时出现在 master 和 worker 上，无法确定 pod1 在哪台虚拟机上。`,
        `Node ${node.metadata.name}'s InternalIP ${internalIP(node) ?? ''} is on both the master and the worker, so the VM running pod1 cannot be told.`,
      ),
      t(
        '两台虚拟机的 kubelet 可能都用了 NAT 网卡的地址：用 `kubectl get nodes -o wide` 检查 INTERNAL-IP，必要时在 kubelet 上设置 --node-ip。',
        'Both kubelets may use the NAT interface’s address: check INTERNAL-IP in `kubectl get nodes -o wide` and set --node-ip on the kubelets if needed.',
      ),
    );
  }
  if (!role) {
    const seen = ROLES.filter((r) => view.hostKey(r) !== undefined).map(
      (r) =>
        `${r}: ${hostAddresses(readAddrs(view, r))
          .filter((a) => !a.includes(':') && !a.startsWith('127.'))
          .join(', ')}`,
    );
    return errored(
      t(
        `pod1 运行在节点 ${node.metadata.name}（InternalIP ${internalIP(node) ?? '未知'}）上，但配置的主机中没有哪个拥有这个地址（${seen.join('；')}）。`,
        `pod1 runs on node ${node.metadata.name} (InternalIP ${internalIP(node) ?? 'unknown'}), but none of the configured hosts has that address (${seen.join('; ')}).`,
      ),
      t(
        '检查 k8s-labs.yaml：master 和 worker 应是集群的两台虚拟机（`kubectl get nodes -o wide` 的 INTERNAL-IP）。',
        'Check k8s-labs.yaml: master and worker must be the cluster’s two VMs (INTERNAL-IP in `kubectl get nodes -o wide`).',
      ),
    );
  }
  return { pod, podIP, node, nodes, role };
}

export function isVerdict(x: Pod1Place | Verdict): x is Verdict {
  return 'status' in x && 'message' in x;
}
