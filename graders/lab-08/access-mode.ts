import type { Check } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, passed, pending } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { joinText } from '../common/find-object.ts';
import { nsFlag } from '../common/names.ts';
import { objectsEvidence } from '../common/probe-read.ts';
import { claimOf, withSetup, type ClaimSetup } from './claims.ts';
import { sharedAcrossNodes } from './share-test.ts';
import { isNfsVolume, nodeLocalVolume, nodeLocalWhy, SHARED_STORAGE_HINT, volumeOfClaim } from './volumes.ts';

/** Nodes of the live pods that mount a claim (the scheduler's placement is what RWO depends on). */
function nodesUsing(s: ClaimSetup, claim: string): string[] {
  const nodes = s.pods
    .filter(
      (p) => p.metadata.deletionTimestamp === undefined && (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim),
    )
    .map((p) => p.spec.nodeName)
    .filter((n): n is string => n !== undefined);
  return [...new Set(nodes)].sort();
}

/**
 * Access modes are per node, not per pod: ReadWriteMany lets pods on every node mount the volume
 * read-write; ReadWriteOnce lets one node do so (all pods on that node share it); ReadWriteOncePod
 * admits a single pod; ReadOnlyMany cannot take the downloader's writes. The mode is a promise,
 * not the storage: a hostPath or local PV (from `kube.pv`) is one node's directory whatever mode
 * it declares, so ReadWriteMany on it with replicas on two nodes shares nothing (unless the active
 * check saw a file cross nodes: then the host directory is itself shared storage).
 */
export const accessModeCheck: Check = {
  id: 'pvc-access-mode',
  title: t('PVC 的访问模式允许每个副本挂载', "The PVC's access mode lets every replica mount it"),
  points: 3,
  run: (view) =>
    withSetup(view, (s) => {
      const ns = nsFlag(s.namespace);
      for (const name of s.claims) {
        const pvc = claimOf(s, name);
        const evidence = [objectsEvidence('kube.pvc', pvc ? [pvc] : [])];
        if (pvc === undefined) {
          return failed(
            t(`PVC ${name} 不存在，无法判断访问模式。`, `PVC ${name} does not exist, so it has no access mode to judge.`),
            t(
              `先创建它（\`kubectl apply -f pvc.yaml\`），再用 \`kubectl get pvc${ns}\` 确认。`,
              `Create it first (\`kubectl apply -f pvc.yaml\`), then check with \`kubectl get pvc${ns}\`.`,
            ),
            { evidence },
          );
        }
        const modes = pvc.status?.accessModes ?? pvc.spec?.accessModes ?? [];
        const shown = modes.join(', ') || 'none';
        const recreate = t(
          `PVC 的 accessModes 创建后不可修改：删除 Deployment 与 PVC，写 accessModes: [ReadWriteMany]（需要支持它的存储，例如 NFS PV）后重新创建。`,
          `A PVC's accessModes cannot change: delete the Deployment and the PVC, write accessModes: [ReadWriteMany] (with storage that supports it, an NFS PV say) and create them again.`,
        );
        if (modes.includes('ReadWriteMany')) {
          const local = nodeLocalVolume(view, s, name);
          const nodes = nodesUsing(s, name);
          if (local !== undefined && nodes.length > 1 && sharedAcrossNodes(view) === undefined) {
            return failed(
              joinText([
                t(
                  `PVC ${name} 是 ReadWriteMany，副本分布在 ${nodes.join(', ')} 上，但是：`,
                  `PVC ${name} is ReadWriteMany and the replicas run on ${nodes.join(', ')}, but`,
                ),
                nodeLocalWhy(local),
              ]),
              SHARED_STORAGE_HINT,
              { evidence: [...evidence, objectsEvidence('kube.pv', [volumeOfClaim(view, s, name)])] },
            );
          }
          continue;
        }
        if (modes.includes('ReadWriteOncePod')) {
          return failed(
            t(
              `PVC ${name} 的访问模式是 ${shown}：同一时刻只有一个 Pod 能使用它，其他副本无法启动。`,
              `PVC ${name} has access mode ${shown}: only one pod at a time may use it, so the other replicas cannot start.`,
            ),
            recreate,
            { evidence },
          );
        }
        if (modes.includes('ReadWriteOnce')) {
          const nodes = nodesUsing(s, name);
          if (nodes.length === 0) {
            return pending(
              t(
                `PVC ${name} 是 ReadWriteOnce，但还没有副本被调度，无法判断它们是否在同一节点。`,
                `PVC ${name} is ReadWriteOnce but no replica is scheduled yet, so their placement is unknown.`,
              ),
              t(
                `稍后重新评分；用 \`kubectl get pods${ns} -l app=app2 -o wide\` 查看 NODE。`,
                `Grade again shortly; \`kubectl get pods${ns} -l app=app2 -o wide\` shows the NODE column.`,
              ),
              { evidence },
            );
          }
          if (nodes.length === 1) {
            continue;
          }
          return failed(
            joinText([
              t(
                `PVC ${name} 是 ReadWriteOnce（一次只能被一个节点读写挂载），而副本分布在 ${nodes.join(', ')} 上：`,
                `PVC ${name} is ReadWriteOnce (one node at a time may mount it read-write) but the replicas run on ${nodes.join(', ')}:`,
              ),
              rwoAcrossNodes(view, s, name),
            ]),
            nodeLocalVolume(view, s, name) === undefined ? recreate : SHARED_STORAGE_HINT,
            { evidence },
          );
        }
        return failed(
          t(
            `PVC ${name} 的访问模式是 ${shown}，不能被读写挂载，downloader 无法写入。`,
            `PVC ${name} has access mode ${shown}, which cannot be mounted read-write: the downloader cannot write.`,
          ),
          recreate,
          { evidence },
        );
      }
      const evidence = [
        objectsEvidence(
          'kube.pvc',
          s.claims.flatMap((n) => claimOf(s, n) ?? []),
        ),
      ];
      const rwo = s.claims.filter(
        (n) => !(claimOf(s, n)?.status?.accessModes ?? claimOf(s, n)?.spec?.accessModes ?? []).includes('ReadWriteMany'),
      );
      const notes = nodeLocalNotes(view, s);
      if (rwo.length === 0) {
        return passed(
          joinText([
            t(
              `PVC ${s.claims.join(', ')} 是 ReadWriteMany：任何节点上的副本都能读写挂载它。`,
              `PVC ${s.claims.join(', ')} is ReadWriteMany: replicas on any node may mount it read-write.`,
            ),
            ...notes,
          ]),
          { evidence },
        );
      }
      const node = nodesUsing(s, rwo[0] ?? '')[0] ?? '?';
      return passed(
        joinText([
          t(
            `PVC ${rwo.join(', ')} 是 ReadWriteOnce，而所有副本都在节点 ${node} 上，因此能共享它（ReadWriteOnce 限制的是节点而不是 Pod）。但副本一旦被调度到另一节点就无法挂载；要稳妥请用 ReadWriteMany（例如 NFS）。`,
            `PVC ${rwo.join(', ')} is ReadWriteOnce and every replica runs on node ${node}, so they share it (ReadWriteOnce limits nodes, not pods). A replica scheduled on the other node could not mount it, though; ReadWriteMany (NFS, say) is the robust choice.`,
          ),
          ...notes,
        ]),
        { evidence },
      );
    }),
};

/** What goes wrong with a ReadWriteOnce claim used from two nodes, by the storage behind it when known. */
function rwoAcrossNodes(view: SnapshotView, s: ClaimSetup, claim: string): Localized {
  const local = nodeLocalVolume(view, s, claim);
  if (local !== undefined) return nodeLocalWhy(local);
  if (isNfsVolume(view, s, claim)) {
    // NFS has no attach step, so nothing enforces ReadWriteOnce: the mounts succeed on both nodes.
    return t(
      'NFS 不强制访问模式，所以两个节点上的挂载现在也许都能成功，但这个 PVC 声明的是单节点使用，换成别的存储就会失败；应声明 ReadWriteMany。',
      'NFS enforces no access mode, so both nodes may mount it today, but the claim declares single-node use and breaks on other storage; declare ReadWriteMany.',
    );
  }
  return t(
    '另一节点的 Pod 会因 Multi-Attach 错误卡在 ContainerCreating；对 hostPath/local 卷则各节点看到的是各自的目录，文件并不共享。',
    'pods on the other node hit a Multi-Attach error and stay ContainerCreating, and with a hostPath/local volume each node sees its own directory, so nothing is shared.',
  );
}

/** Notes for a passing verdict whose claims sit on node-local storage (fine on one node, a trap beyond it). */
function nodeLocalNotes(view: SnapshotView, s: ClaimSetup): Localized[] {
  return s.claims.flatMap((claim) => {
    const local = nodeLocalVolume(view, s, claim);
    if (local === undefined) return [];
    if (nodesUsing(s, claim).length > 1) {
      return [
        t(
          `PV ${local.pv} 是 ${local.kind} 卷，但主动检查看到文件跨节点共享：两个节点上的 ${local.path} 本身是共享存储。`,
          `PV ${local.pv} is a ${local.kind} volume, but the active check saw a file cross nodes: ${local.path} is itself shared storage on both nodes.`,
        ),
      ];
    }
    return [t(`注意：${nodeLocalWhy(local).zh}`, `Note: ${nodeLocalWhy(local).en}`)];
  });
}
