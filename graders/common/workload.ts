import { t, type Localized } from '../../src/shared/i18n.ts';
import { selectorMatches, type Deployment, type HorizontalPodAutoscaler, type Pod } from '../../src/parse/kube.ts';
import { podHealth, type PodHealth } from './pod-health.ts';

/**
 * The pods a Deployment runs: in its namespace, matching its selector and owned by one of its
 * ReplicaSets (named `<deployment>-<pod-template-hash>`), so a bare pod that happens to carry the
 * same label (pod1 relabelled app=app2, say) is not counted.
 */
export function podsOfDeployment(pods: readonly Pod[], deploy: Deployment): Pod[] {
  const ns = deploy.metadata.namespace ?? 'default';
  // `<deployment>-<hash>`: the hash (pod-template-hash, SafeEncodeString) has no dash, so the
  // ReplicaSets of a look-alike Deployment `deployment1-old` (`deployment1-old-<hash>`) do not match.
  const prefix = `${deploy.metadata.name}-`;
  const ownedBy = (rs: string) => rs.startsWith(prefix) && /^[a-z0-9]+$/.test(rs.slice(prefix.length));
  return pods.filter(
    (p) =>
      (p.metadata.namespace ?? 'default') === ns &&
      selectorMatches(deploy.spec.selector, p.metadata.labels) &&
      (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'ReplicaSet' && ownedBy(o.name)),
  );
}

/** The first pod that needs the learner (crash loop, image pull, unschedulable), if any. */
export function firstBroken(pods: readonly Pod[]): { pod: Pod; health: Extract<PodHealth, { kind: 'broken' }> } | undefined {
  for (const pod of pods) {
    const health = podHealth(pod);
    if (health.kind === 'broken' && pod.metadata.deletionTimestamp === undefined) return { pod, health };
  }
  return undefined;
}

/** Reasons of the Progressing condition while a rollout is under way (pkg/controller/deployment/util). */
const ROLLING = new Set(['ReplicaSetUpdated', 'NewReplicaSetCreated', 'FoundNewReplicaSet', 'ResumedDeployment']);

/** Whether the Deployment is still rolling out, and when it gave up (ProgressDeadlineExceeded). */
export function rolloutState(deploy: Deployment): { kind: 'rolling' | 'stalled' | 'settled'; why?: Localized } {
  const cond = deploy.status?.conditions?.find((c) => c.type === 'Progressing');
  if (cond?.status === 'False' && cond.reason === 'ProgressDeadlineExceeded') {
    return {
      kind: 'stalled',
      why: t(
        `滚动更新已超时（ProgressDeadlineExceeded）：${cond.message ?? ''}`,
        `The rollout timed out (ProgressDeadlineExceeded): ${cond.message ?? ''}`,
      ),
    };
  }
  const meta = deploy.metadata as { generation?: number };
  const observed = (deploy.status as { observedGeneration?: number } | undefined)?.observedGeneration;
  const want = deploy.spec.replicas ?? 1;
  const updated = deploy.status?.updatedReplicas ?? 0;
  if (
    (meta.generation !== undefined && observed !== undefined && observed < meta.generation) ||
    updated < want ||
    (cond?.reason !== undefined && ROLLING.has(cond.reason))
  ) {
    return { kind: 'rolling' };
  }
  return { kind: 'settled' };
}

/** The HPA (if any) that scales this Deployment: same namespace, scaleTargetRef Deployment/<name>. */
export function hpaFor(hpas: readonly HorizontalPodAutoscaler[], deploy: Deployment): HorizontalPodAutoscaler | undefined {
  const ns = deploy.metadata.namespace ?? 'default';
  return hpas.find(
    (h) =>
      (h.metadata.namespace ?? 'default') === ns &&
      h.spec.scaleTargetRef.kind === 'Deployment' &&
      h.spec.scaleTargetRef.name === deploy.metadata.name,
  );
}
