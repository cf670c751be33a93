import type { Check } from '../../src/grading/grader.ts';
import { isControlPlane } from '../../src/grading/node-hosts.ts';
import { ageSeconds, nodeReady, SETTLE_SECONDS } from '../../src/grading/pod-status.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, passed, pending, skipped } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import type { Node } from '../../src/parse/kube.ts';
import { nodesEvidence, nodesOf, nodeStatus } from './cluster-objects.ts';

/** Node count, readiness and the control-plane role. */

/** Both hosts' `hostname`, when collected (used to explain the duplicate-hostname pitfall). */
export function sameHostname(view: SnapshotView): string | undefined {
  const names = (['master', 'worker'] as const).map((r) => {
    const raw = view.raw(r, 'host.hostname');
    return raw?.exitCode === 0 ? raw.stdout.trim() : '';
  });
  return names[0] !== '' && names[0] === names[1] ? names[0] : undefined;
}

/** The duplicate-hostname explanation: kubeadm names a node after the hostname unless told otherwise. */
export function duplicateHostnameText(host: string, node: string) {
  return {
    message: t(
      `集群里只有 1 个节点（${node}），而两台虚拟机的主机名都是 \`${host}\`。节点名默认取主机名，所以 worker 加入时用了同一个名字：若当时已有同名且 Ready 的节点，kubeadm join 会报错退出；若主节点那时还没 Ready（尚未安装网络插件），join 会“成功”，但 worker 的 kubelet 只是接管了同一个 Node 对象，集群里仍然只有一个节点。`,
      `The cluster has 1 node (${node}) and both VMs are named \`${host}\`. A node is named after its hostname by default, so the worker joined under the same name: kubeadm join refuses when a Ready node of that name exists, and when the master was not Ready yet (no network plugin) the join "succeeds" but the worker's kubelet only takes over the same Node object, so the cluster still has one node.`,
    ),
    hint: t(
      '在 worker 上运行 `sudo kubeadm reset`，然后重新执行 join 命令并加上 `--node-name worker1`（或先用 `sudo hostnamectl set-hostname worker1` 改主机名）。主节点上用 `kubectl get nodes -o wide` 确认出现两个节点。',
      'On the worker run `sudo kubeadm reset`, then run the join command again with `--node-name worker1` (or first rename the VM with `sudo hostnamectl set-hostname worker1`). On the master, `kubectl get nodes -o wide` should then list two nodes.',
    ),
  };
}

const nodeCount: Check = {
  id: 'node-count',
  title: t('集群恰好有 2 个节点', 'The cluster has exactly 2 nodes'),
  points: 2,
  run(view) {
    const nodes = nodesOf(view);
    const names = nodes.map((n) => n.metadata.name).join(', ');
    const evidence = [nodesEvidence(nodes)];
    if (nodes.length === 2) return passed(t(`集群有 2 个节点：${names}。`, `The cluster has 2 nodes: ${names}.`), { evidence });
    if (nodes.length === 1) {
      const dup = sameHostname(view);
      if (dup !== undefined) {
        const text = duplicateHostnameText(dup, names);
        return failed(text.message, text.hint, { evidence });
      }
      return failed(
        t(
          `集群只有 1 个节点（${names}），应为 2 个：worker 还没有加入集群。`,
          `The cluster has 1 node (${names}); 2 are expected: the worker has not joined.`,
        ),
        t(
          '在主节点上运行 `kubeadm token create --print-join-command`，在 worker 上用 sudo 执行打印出的命令（使用 cri-dockerd 时加上 `--cri-socket unix:///var/run/cri-dockerd.sock`），然后在主节点上运行 `kubectl get nodes`。',
          'On the master run `kubeadm token create --print-join-command`, run the printed command on the worker with sudo (add `--cri-socket unix:///var/run/cri-dockerd.sock` with cri-dockerd), then run `kubectl get nodes` on the master.',
        ),
        { evidence },
      );
    }
    if (nodes.length === 0) {
      return failed(
        t('集群里没有任何节点。', 'The cluster has no nodes at all.'),
        t(
          '在主节点上检查 `sudo systemctl status kubelet`，并按作业步骤重新执行 kubeadm init。',
          'Check `sudo systemctl status kubelet` on the master and redo kubeadm init as in the homework.',
        ),
        { evidence },
      );
    }
    return failed(
      t(
        `集群有 ${nodes.length} 个节点（${names}），作业要求恰好 2 个。多出的通常是之前加入失败或改名前留下的旧节点。`,
        `The cluster has ${nodes.length} nodes (${names}); the homework cluster has exactly 2. Extra ones are usually left over from an earlier join or a rename.`,
      ),
      t(
        '用 `kubectl get nodes -o wide` 找出不属于这两台虚拟机的节点，然后 `kubectl delete node <名字>`。',
        'Find the nodes that are not your two VMs with `kubectl get nodes -o wide`, then `kubectl delete node <name>`.',
      ),
      { evidence },
    );
  },
};

function notReadyWhy(node: Node): string {
  const c = node.status?.conditions?.find((x) => x.type === 'Ready');
  return [c?.reason, c?.message].filter(Boolean).join(': ') || 'no Ready condition';
}

const nodesReady: Check = {
  id: 'nodes-ready',
  title: t('所有节点都是 Ready', 'Every node is Ready'),
  points: 2,
  run(view) {
    const nodes = nodesOf(view);
    const evidence = [nodesEvidence(nodes)];
    if (nodes.length === 0)
      return failed(
        t('集群里没有节点。', 'The cluster has no nodes.'),
        t('先完成 kubeadm init 与 join。', 'Finish kubeadm init and join first.'),
        { evidence },
      );
    const bad = nodes.filter((n) => !nodeReady(n));
    const names = nodes.map((n) => n.metadata.name).join(', ');
    if (bad.length === 0) return passed(t(`所有节点都是 Ready：${names}。`, `Every node is Ready: ${names}.`), { evidence });
    const list = bad.map((n) => `${n.metadata.name} (${nodeStatus(n)}: ${notReadyWhy(n)})`).join('; ');
    const young = bad.every((n) => (ageSeconds(view.snapshot.takenAt, n.metadata.creationTimestamp) ?? Infinity) < SETTLE_SECONDS);
    const cni = bad.some((n) => /cni|network plugin|NetworkReady/i.test(notReadyWhy(n)));
    const message = t(`这些节点不是 Ready：${list}。`, `These nodes are not Ready: ${list}.`);
    if (young)
      return pending(message, t('节点刚加入，等一两分钟后重新评分。', 'The nodes joined moments ago; grade again in a minute or two.'), {
        evidence,
      });
    const hint = cni
      ? t(
          '网络插件还没有在该节点上工作：确认已 `kubectl apply -f kube-flannel.yml`，并用 `kubectl -n kube-flannel get pods -o wide`（旧版清单在 kube-system）查看该节点上的 flannel Pod。',
          'The network plugin does not work on that node yet: make sure you ran `kubectl apply -f kube-flannel.yml`, and look at the flannel pod of that node with `kubectl -n kube-flannel get pods -o wide` (kube-system with old manifests).',
        )
      : t(
          '在该节点上运行 `sudo systemctl status kubelet` 与 `sudo journalctl -u kubelet -n 50` 查看原因；使用 cri-dockerd 时确认它仍在运行。',
          'On that node run `sudo systemctl status kubelet` and `sudo journalctl -u kubelet -n 50` to see why; with cri-dockerd, check that it is still running.',
        );
    return failed(message, hint, { evidence });
  },
};

const oneControlPlane: Check = {
  id: 'one-control-plane',
  title: t('恰好一个控制平面节点', 'Exactly one control-plane node'),
  points: 1,
  run(view) {
    const nodes = nodesOf(view);
    const cps = nodes.filter(isControlPlane);
    const evidence = [nodesEvidence(nodes)];
    const names = cps.map((n) => n.metadata.name).join(', ');
    if (cps.length === 1) return passed(t(`控制平面节点是 ${names}。`, `The control-plane node is ${names}.`), { evidence });
    if (cps.length === 0) {
      return failed(
        t(
          '没有节点带 node-role.kubernetes.io/control-plane（或 1.24 之前的 …/master）标签。',
          'No node has the node-role.kubernetes.io/control-plane label (or …/master before 1.24).',
        ),
        t(
          '标签可能被删掉了：`kubectl label node <主节点名> node-role.kubernetes.io/control-plane=`，再用 `kubectl get nodes` 看 ROLES。',
          'The label may have been removed: `kubectl label node <master node> node-role.kubernetes.io/control-plane=`, then look at ROLES in `kubectl get nodes`.',
        ),
        { evidence },
      );
    }
    return failed(
      t(
        `有 ${cps.length} 个控制平面节点（${names}），应只有主节点一个：worker 多半执行过 kubeadm init，或用 --control-plane 加入。`,
        `There are ${cps.length} control-plane nodes (${names}); only the master should be one: the worker probably ran kubeadm init, or joined with --control-plane.`,
      ),
      t(
        '在 worker 上运行 `sudo kubeadm reset`，在主节点上 `kubectl delete node <worker 节点名>`，再用普通的 kubeadm join 命令（不带 --control-plane）重新加入。',
        'On the worker run `sudo kubeadm reset`, on the master `kubectl delete node <worker node>`, then join again with the plain kubeadm join command (no --control-plane).',
      ),
      { evidence },
    );
  },
};

export const nodeChecks: readonly Check[] = [nodeCount, nodesReady, oneControlPlane];

/** Used by distinct-machines when the node count leaves nothing to compare. */
export function notTwoNodes(view: SnapshotView, nodes: readonly Node[]) {
  const names = nodes.map((n) => n.metadata.name).join(', ') || '—';
  const dup = sameHostname(view);
  if (nodes.length === 1 && dup !== undefined) {
    const text = duplicateHostnameText(dup, names);
    return failed(text.message, text.hint, { evidence: [nodesEvidence(nodes)] });
  }
  return skipped(
    t(
      `需要恰好 2 个节点才能比较（现有：${names}），见“集群恰好有 2 个节点”。`,
      `Needs exactly 2 nodes to compare (found: ${names}); see "The cluster has exactly 2 nodes".`,
    ),
    { evidence: [nodesEvidence(nodes)] },
  );
}
