import type { Check } from '../../src/grading/grader.ts';
import { ageSeconds, podReady, podRef, podState, podStillStarting, SETTLE_SECONDS } from '../../src/grading/pod-status.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { CannotLook, failed, passed, pending } from '../../src/grading/verdict.ts';
import type { Node, Pod } from '../../src/parse/kube.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { cidrContains, cidrEquals, parseCidr4 } from './cidr.ts';
import { corednsReady } from './coredns-check.ts';
import { clusterCidrOf, nodesEvidence, nodesOf, podsEvidence, podsOf } from './cluster-objects.ts';
import { flannelNetConf, isFlannelPod, networkOf, otherCniPods } from './flannel-config.ts';

/** flannel on every node, the pod network it serves, and CoreDNS (which needs that network). */

const DEFAULT_NETWORK = '10.244.0.0/16';
const FLANNEL_MANIFEST = 'https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml';

const flannelRunning: Check = {
  id: 'flannel-running',
  title: t('每个节点上的 flannel Pod 都在运行且 Ready', 'A flannel pod runs and is Ready on every node'),
  points: 2,
  run(view) {
    const nodes = nodesOf(view);
    const pods = podsOf(view);
    const flannel = pods.filter(isFlannelPod);
    const evidence = [podsEvidence(flannel, podState), nodesEvidence(nodes)];
    if (flannel.length === 0) {
      const others = otherCniPods(pods);
      return failed(
        others.length > 0
          ? t(
              `没有 flannel Pod；集群里装的是 ${others.join(', ')}。本作业使用 flannel。`,
              `There is no flannel pod; the cluster runs ${others.join(', ')} instead. The homework uses flannel.`,
            )
          : t(
              'kube-flannel 与 kube-system 命名空间里都没有 flannel Pod：还没有安装 flannel。',
              'There is no flannel pod in kube-flannel or kube-system: flannel is not installed.',
            ),
        t(
          `运行 \`kubectl apply -f ${FLANNEL_MANIFEST}\`，再用 \`kubectl -n kube-flannel get pods -o wide\` 查看。`,
          `Run \`kubectl apply -f ${FLANNEL_MANIFEST}\`, then look at \`kubectl -n kube-flannel get pods -o wide\`.`,
        ),
        { evidence },
      );
    }
    const problems: { text: Localized; waiting: boolean; ref?: string }[] = [];
    for (const node of nodes) {
      const mine = flannel.filter((p) => p.spec.nodeName === node.metadata.name);
      if (mine.some((p) => p.status?.phase === 'Running' && podReady(p))) continue;
      const name = node.metadata.name;
      if (mine.length === 0) {
        const young = (ageSeconds(view.snapshot.takenAt, node.metadata.creationTimestamp) ?? Infinity) < SETTLE_SECONDS;
        problems.push({ text: t(`${name}：没有 flannel Pod`, `${name}: no flannel pod`), waiting: young });
        continue;
      }
      for (const p of mine)
        problems.push({
          text: t(`${name}：${p.metadata.name} ${podState(p)}`, `${name}: ${p.metadata.name} ${podState(p)}`),
          waiting: podStillStarting(p, view.snapshot.takenAt),
          ref: podRef(p),
        });
    }
    if (problems.length === 0) {
      const names = nodes.map((n) => n.metadata.name).join(', ');
      return passed(t(`每个节点上的 flannel Pod 都在运行且 Ready：${names}。`, `flannel runs and is Ready on every node: ${names}.`), {
        evidence,
      });
    }
    const zh = problems.map((p) => p.text.zh).join('；');
    const en = problems.map((p) => p.text.en).join('; ');
    const message = t(`flannel 没有在每个节点上正常运行：${zh}。`, `flannel is not running properly on every node: ${en}.`);
    if (problems.every((p) => p.waiting))
      return pending(
        message,
        t('flannel Pod 刚创建，等一两分钟后重新评分。', 'The flannel pods were just created; grade again in a minute or two.'),
        { evidence },
      );
    const ref = problems.find((p) => p.ref)?.ref;
    // Old manifests run flannel in kube-system; name the namespace it is actually in.
    const flannelNs = flannel[0]?.metadata.namespace ?? 'kube-flannel';
    return failed(
      message,
      ref
        ? t(
            `运行 \`kubectl logs ${ref} -c kube-flannel\` 查看原因。常见原因：kubeadm init 没有加 --pod-network-cidr（节点没有 podCIDR），或与 net-conf.json 的 Network 不一致；缺少 br_netfilter 模块。`,
            `Run \`kubectl logs ${ref} -c kube-flannel\` to see why. Common causes: kubeadm init without --pod-network-cidr (nodes have no podCIDR) or one that differs from Network in net-conf.json; the br_netfilter module not loaded.`,
          )
        : t(
            `用 \`kubectl -n ${flannelNs} get ds,pods -o wide\` 查看 DaemonSet 为什么没有在该节点上创建 Pod（节点污点、nodeSelector）。`,
            `Use \`kubectl -n ${flannelNs} get ds,pods -o wide\` to see why the DaemonSet has no pod on that node (taints, nodeSelector).`,
          ),
      { evidence },
    );
  },
};

/** kube.pods when it can be read; the pod-CIDR check can do without it. */
function podsOrNone(view: SnapshotView): Pod[] {
  try {
    return podsOf(view);
  } catch (err) {
    if (err instanceof CannotLook) return [];
    throw err;
  }
}

function podCidrOf(node: Node): string | undefined {
  return node.spec?.podCIDR ?? node.spec?.podCIDRs?.find((c) => c.includes('.'));
}

const CIDR_HINT = t(
  `kubeadm init 的 --pod-network-cidr 必须与 flannel 的 net-conf.json 中的 Network 一致（默认 ${DEFAULT_NETWORK}）。要么修改 kube-flannel.yml 的 Network 后重新 apply 并删除 flannel Pod，要么 \`sudo kubeadm reset\` 后用 \`kubeadm init --pod-network-cidr ${DEFAULT_NETWORK}\` 重建集群。`,
  `kubeadm init's --pod-network-cidr must match Network in flannel's net-conf.json (default ${DEFAULT_NETWORK}). Either change Network in kube-flannel.yml, apply it again and delete the flannel pods, or \`sudo kubeadm reset\` and rebuild with \`kubeadm init --pod-network-cidr ${DEFAULT_NETWORK}\`.`,
);

const podCidr: Check = {
  id: 'pod-cidr',
  title: t(
    '节点的 podCIDR 与 flannel 的 Network 一致（默认 10.244.0.0/16）',
    'Node podCIDRs agree with flannel’s Network (10.244.0.0/16 by default)',
  ),
  points: 1,
  run(view) {
    const nodes = nodesOf(view);
    const conf = flannelNetConf(view);
    if (!conf.found) {
      return failed(
        t(
          '找不到 flannel 的 ConfigMap kube-flannel-cfg（kube-flannel 与 kube-system 命名空间中都没有）。',
          'flannel’s ConfigMap kube-flannel-cfg is missing (neither in kube-flannel nor in kube-system).',
        ),
        t(`运行 \`kubectl apply -f ${FLANNEL_MANIFEST}\`。`, `Run \`kubectl apply -f ${FLANNEL_MANIFEST}\`.`),
        { evidence: conf.evidence },
      );
    }
    const evidence = [conf.evidence, nodesEvidence(nodes)];
    const parsed = networkOf(conf.text);
    if ('problem' in parsed) {
      return failed(
        t(
          `${conf.namespace}/kube-flannel-cfg 有问题：${parsed.problem.zh}，flannel 会因此启动失败。`,
          `${conf.namespace}/kube-flannel-cfg is broken: ${parsed.problem.en}, so flannel fails to start.`,
        ),
        t(
          `查看 \`kubectl -n ${conf.namespace} get cm kube-flannel-cfg -o yaml\`，修正 net-conf.json 后重新 apply。`,
          `Look at \`kubectl -n ${conf.namespace} get cm kube-flannel-cfg -o yaml\`, fix net-conf.json and apply again.`,
        ),
        { evidence },
      );
    }
    const network = parseCidr4(parsed.network);
    const data = { network: parsed.network, nodes: nodes.map((n) => ({ node: n.metadata.name, podCIDR: podCidrOf(n) ?? null })) };
    if (!network) {
      return failed(
        t(`flannel 的 Network「${parsed.network}」不是 IPv4 网段。`, `flannel's Network "${parsed.network}" is not an IPv4 CIDR.`),
        CIDR_HINT,
        { evidence, data },
      );
    }
    const noCidr = nodes.filter((n) => podCidrOf(n) === undefined).map((n) => n.metadata.name);
    if (noCidr.length > 0) {
      return failed(
        t(
          `节点 ${noCidr.join(', ')} 没有 podCIDR：只有 kubeadm init 带了 --pod-network-cidr，kube-controller-manager 才会给节点分配网段，flannel 在这样的节点上会报 “pod cidr not assigned” 并崩溃。`,
          `Node ${noCidr.join(', ')} has no podCIDR: kube-controller-manager allocates them only when kubeadm init had --pod-network-cidr, and flannel crashes on such a node with "pod cidr not assigned".`,
        ),
        CIDR_HINT,
        { evidence, data },
      );
    }
    const outside = nodes.filter((n) => {
      const c = parseCidr4(podCidrOf(n) ?? '');
      return !c || !cidrContains(network, c);
    });
    if (outside.length > 0) {
      const list = outside.map((n) => `${n.metadata.name} ${podCidrOf(n)}`).join(', ');
      return failed(
        t(
          `这些节点的 podCIDR 不在 flannel 的 Network ${parsed.network} 之内：${list}。`,
          `These nodes' podCIDRs are outside flannel's Network ${parsed.network}: ${list}.`,
        ),
        CIDR_HINT,
        { evidence, data },
      );
    }
    const cidrs = nodes.map((n) => `${n.metadata.name} ${podCidrOf(n)}`).join(', ');
    // Node podCIDRs inside Network is not enough: Network 10.0.0.0/8 over --pod-network-cidr
    // 10.244.0.0/16 also swallows the Service range. Compare with the allocator's own CIDR when visible.
    const clusterCidr = clusterCidrOf(podsOrNone(view));
    const cc = clusterCidr === undefined ? undefined : parseCidr4(clusterCidr);
    if (cc !== undefined && !cidrEquals(network, cc)) {
      return failed(
        t(
          `flannel 的 Network 是 ${parsed.network}，而集群的 Pod 网段（kube-controller-manager 的 --cluster-cidr，来自 kubeadm init --pod-network-cidr）是 ${clusterCidr}：两者必须相同。`,
          `flannel's Network is ${parsed.network}, but the cluster's pod CIDR (kube-controller-manager --cluster-cidr, from kubeadm init --pod-network-cidr) is ${clusterCidr}: the two must be the same.`,
        ),
        CIDR_HINT,
        { evidence, data: { ...data, clusterCidr } },
      );
    }
    if (cidrEquals(network, parseCidr4(DEFAULT_NETWORK) as NonNullable<ReturnType<typeof parseCidr4>>)) {
      return passed(
        t(
          `flannel 的 Network 是 ${DEFAULT_NETWORK}，各节点的 podCIDR 都在其中（${cidrs}）。`,
          `flannel's Network is ${DEFAULT_NETWORK} and every podCIDR lies in it (${cidrs}).`,
        ),
        { evidence, data },
      );
    }
    return passed(
      t(
        `flannel 的 Network 是 ${parsed.network}（不是默认的 ${DEFAULT_NETWORK}），${cc ? '但与 --pod-network-cidr 一致，' : ''}各节点的 podCIDR 都在其中（${cidrs}）。`,
        `flannel's Network is ${parsed.network} (not the default ${DEFAULT_NETWORK})${cc ? ' but it matches --pod-network-cidr' : ''}: every podCIDR lies in it (${cidrs}).`,
      ),
      { evidence, data },
    );
  },
};

export const networkChecks: readonly Check[] = [flannelRunning, podCidr, corednsReady];
