import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { PersistentVolumeList, type PersistentVolume } from '../common/kube-extra.ts';
import { tryJson } from '../common/probe-read.ts';
import { claimOf, type ClaimSetup } from './claims.ts';

/**
 * The PersistentVolume behind a claim, from `kube.pv`. That probe only sharpens messages (what
 * kind of storage the claim sits on), so when it is missing (snapshots from before it existed)
 * or failed, every helper here answers "unknown" and the checks judge as they did without it.
 */

/** Storage that lives on one node: hostPath (a directory of whichever node mounts it) or local. */
export interface NodeLocal {
  pv: string;
  kind: 'hostPath' | 'local';
  path: string;
}

export function volumeOfClaim(view: SnapshotView, s: ClaimSetup, claim: string): PersistentVolume | undefined {
  const pvs = tryJson(view, 'kube.pv', PersistentVolumeList);
  if (!pvs.ok) return undefined;
  const bound = claimOf(s, claim)?.spec?.volumeName;
  return pvs.value.items.find(
    (pv) =>
      (bound !== undefined && pv.metadata.name === bound) ||
      (pv.spec?.claimRef?.name === claim && (pv.spec.claimRef.namespace ?? 'default') === s.namespace),
  );
}

/** The node-local volume behind a claim, or undefined when it is shared storage or unknown. */
export function nodeLocalVolume(view: SnapshotView, s: ClaimSetup, claim: string): NodeLocal | undefined {
  const pv = volumeOfClaim(view, s, claim);
  if (pv?.spec?.hostPath) return { pv: pv.metadata.name, kind: 'hostPath', path: pv.spec.hostPath.path };
  if (pv?.spec?.local) return { pv: pv.metadata.name, kind: 'local', path: pv.spec.local.path };
  return undefined;
}

/** True when the claim's volume is known to be NFS (which enforces no access mode at all). */
export function isNfsVolume(view: SnapshotView, s: ClaimSetup, claim: string): boolean {
  return volumeOfClaim(view, s, claim)?.spec?.nfs != null;
}

/** "PV x is a hostPath volume (/path on each node) …": why such a volume is not shared between nodes. */
export function nodeLocalWhy(v: NodeLocal): Localized {
  return v.kind === 'hostPath'
    ? t(
        `PV ${v.pv} 是 hostPath 卷（${v.path}）：每个节点挂载的是自己本机上的这个目录，不同节点上的副本看不到彼此的文件——即使访问模式写的是 ReadWriteMany，hostPath 也不会因此变成共享存储。`,
        `PV ${v.pv} is a hostPath volume (${v.path}): each node mounts its own local copy of that directory, so replicas on different nodes do not see each other's files. Writing ReadWriteMany on it does not make hostPath shared storage.`,
      )
    : t(
        `PV ${v.pv} 是 local 卷（${v.path}）：它属于一个节点，所有副本都必须调度到那个节点上，另一节点无法使用它。`,
        `PV ${v.pv} is a local volume (${v.path}): it belongs to one node, so every replica must run on that node and the other node cannot use it.`,
      );
}

/** The hint for node-local storage: put the files on storage every node reaches. */
export const SHARED_STORAGE_HINT = t(
  '用所有节点都能访问的存储，例如 NFS：创建 nfs 类型、ReadWriteMany 的 PV 和 PVC（见本课的 pv-pvc-nfs.yaml），用 `kubectl get pv -o wide` 核对 PVC 绑定到了它。',
  'Use storage that every node reaches, NFS say: create an nfs PV and a ReadWriteMany PVC (see this lesson’s pv-pvc-nfs.yaml) and check with `kubectl get pv -o wide` that the PVC is bound to it.',
);
