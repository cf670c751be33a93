import { findNamed, whereNote, type Found } from '../common/find-object.ts';
import { nsFlag, POD_NAME } from '../common/names.ts';
import { hostOfNode } from '../../src/grading/node-hosts.ts';
import { podState, podStillStarting } from '../../src/grading/pod-status.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, pending, type Verdict } from '../../src/grading/verdict.ts';
import { NodeList, PodList, type Pod } from '../../src/parse/kube.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';

/** Where pod1 runs: the Pod (kube.pods), its node, and the configured host that is that node. */
export interface Pod1Place {
  pod: Pod;
  found: Found<Pod>;
  namespace: string;
  node: string;
  role: HostRole;
  note: Localized | undefined;
  evidence: Evidence;
}

function podEvidence(pods: readonly Pod[]): Evidence {
  const rows = pods.map(
    (p) =>
      `${p.metadata.namespace ?? 'default'}/${p.metadata.name}   ${podState(p)}   node=${p.spec.nodeName ?? '<none>'}   podIP=${p.status?.podIP ?? '<none>'}`,
  );
  return { probe: 'kube.pods', host: 'master', excerpt: rows.join('\n') || '(no pod named pod1)' };
}

/**
 * pod1 and its host, or the verdict to return instead (pod1 missing or not scheduled). Throws
 * CannotLook when a probe is missing or pod1's node is none of the configured hosts.
 */
export function placePod1(view: SnapshotView): Pod1Place | Verdict {
  const pods = view.json('master', 'kube.pods', PodList).items;
  const found = findNamed(pods, POD_NAME);
  const evidence = podEvidence(pods.filter((p) => p.metadata.name === POD_NAME));
  if (found === undefined) {
    return failed(
      t('集群中没有名为 pod1 的 Pod（第 4 题创建）。', 'There is no Pod named pod1 in the cluster (created in Q4).'),
      t(
        '先完成第 4 题：`kubectl apply -f pod1.yaml`，再用 `kubectl get pod pod1 -o wide` 查看它所在的节点。',
        'Do Q4 first: `kubectl apply -f pod1.yaml`, then see its node with `kubectl get pod pod1 -o wide`.',
      ),
      { evidence: [evidence] },
    );
  }
  const pod = found.item;
  const node = pod.spec.nodeName;
  if (node === undefined || node === '') {
    const message = t(`pod1 还没有被调度到任何节点（${podState(pod)}）。`, `pod1 is not scheduled to a node yet (${podState(pod)}).`);
    const ns = nsFlag(found.namespace);
    const hint = t(
      `运行 \`kubectl describe pod pod1${ns}\` 查看 Events 中调度失败的原因。`,
      `Run \`kubectl describe pod pod1${ns}\` and read the scheduling events.`,
    );
    return podStillStarting(pod, view.snapshot.takenAt)
      ? pending(message, hint, { evidence: [evidence] })
      : failed(message, hint, { evidence: [evidence] });
  }
  const nodes = view.json('master', 'kube.nodes', NodeList).items;
  const nodeObj = nodes.find((n) => n.metadata.name === node);
  if (nodeObj === undefined) {
    return failed(
      t(`pod1 所在的节点 ${node} 已不在集群中。`, `pod1's node ${node} is no longer in the cluster.`),
      t(
        `删除并重新创建 pod1：\`kubectl delete pod pod1${nsFlag(found.namespace)}\` 后重新 apply。`,
        `Delete and recreate pod1: \`kubectl delete pod pod1${nsFlag(found.namespace)}\`, then apply again.`,
      ),
      { evidence: [evidence] },
    );
  }
  const role = hostOfNode(view, nodeObj, nodes);
  return { pod, found, namespace: found.namespace, node, role, note: whereNote('Pod', POD_NAME, found), evidence };
}

export function isPlace(x: Pod1Place | Verdict): x is Pod1Place {
  return 'pod' in x;
}
