import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { skipped, type Verdict } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { DeploymentList, PodList, type Deployment, type Pod } from '../../src/parse/kube.ts';
import { findNamed } from '../common/find-object.ts';
import { PersistentVolumeClaimList, type PersistentVolumeClaim } from '../common/kube-extra.ts';
import { DEPLOYMENT_NAME } from '../common/names.ts';
import { podsOfDeployment } from '../common/workload.ts';

/** What lab-08's checks look at: deployment1, the claims its pods mount, those claims, its pods. */
export interface ClaimSetup {
  deploy: Deployment;
  namespace: string;
  /** Claim names mounted by the template (or, during a rollout, by some running pod). */
  claims: string[];
  /** Claim volumes of the template: volume name → claim name. */
  volumes: Map<string, string>;
  pods: Pod[];
  pvcs: PersistentVolumeClaim[];
  /** spec.replicas of deployment1 (3 from Q7, or what an HPA chose). */
  replicas: number;
}

/**
 * Reads the setup, or returns the verdict for an exercise that was not attempted. Q8's hands-on
 * part is optional: when deployment1's pods mount no PersistentVolumeClaim at all, every check is
 * `skipped` (not applicable, nothing wrong with the cluster), never `failed`. Once any claim is
 * mounted the learner has attempted it, and the checks grade it normally.
 */
export function readSetup(view: SnapshotView): ClaimSetup | Verdict {
  const found = findNamed(view.json('master', 'kube.deployments', DeploymentList).items, DEPLOYMENT_NAME);
  if (found === undefined) {
    return skipped(
      t(
        '可选练习：没有找到 deployment1，因此无法检查 PVC 练习（请先完成第 7 题）。这不算错误。',
        'Optional exercise: there is no deployment1, so the PVC exercise cannot be checked (do Q7 first). Nothing is counted as wrong.',
      ),
    );
  }
  const deploy = found.item;
  const volumes = new Map<string, string>();
  for (const v of deploy.spec.template.spec.volumes ?? [])
    if (v.persistentVolumeClaim) volumes.set(v.name, v.persistentVolumeClaim.claimName);
  const allPods = view.json('master', 'kube.pods', PodList).items;
  const pods = podsOfDeployment(allPods, deploy);
  const claims = new Set(volumes.values());
  for (const p of pods) for (const v of p.spec.volumes ?? []) if (v.persistentVolumeClaim) claims.add(v.persistentVolumeClaim.claimName);
  if (claims.size === 0) {
    return skipped(
      t(
        '可选练习未尝试：deployment1 的 Pod 没有挂载任何 PersistentVolumeClaim。这不算错误；想做的话，创建一个 ReadWriteMany 的 PVC（例如基于 NFS 的 PV），把 Pod 模板中的共享卷换成它，再重新评分。',
        'Optional exercise not attempted: the pods of deployment1 mount no PersistentVolumeClaim. Nothing is wrong; to try it, create a ReadWriteMany PVC (an NFS-backed PV, say), use it as the shared volume of the pod template and grade again.',
      ),
    );
  }
  const pvcs = view
    .json('master', 'kube.pvc', PersistentVolumeClaimList)
    .items.filter((c) => (c.metadata.namespace ?? 'default') === found.namespace);
  return { deploy, namespace: found.namespace, claims: [...claims], volumes, pods, pvcs, replicas: deploy.spec.replicas ?? 1 };
}

export const isVerdict = (x: ClaimSetup | Verdict): x is Verdict => 'status' in x;

/** Runs a check body on the setup, or returns the not-attempted verdict. */
export function withSetup(view: SnapshotView, body: (s: ClaimSetup) => Verdict): Verdict {
  const setup = readSetup(view);
  return isVerdict(setup) ? setup : body(setup);
}

export function claimOf(s: ClaimSetup, name: string): PersistentVolumeClaim | undefined {
  return s.pvcs.find((c) => c.metadata.name === name);
}
