import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, type Verdict } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { HorizontalPodAutoscalerList, type HorizontalPodAutoscaler } from '../../src/parse/kube.ts';
import type { Found } from './find-object.ts';
import { findHpa1, readHpa, type HpaInfo } from './hpa-object.ts';
import { HPA_NAME } from './names.ts';
import { objectEvidence } from './probe-read.ts';

/** hpa1 read from `kube.hpa` (any namespace), normalized whatever version kubectl served. */
export interface Hpa1 {
  found: Found<HorizontalPodAutoscaler>;
  info: HpaInfo;
  /** The apiVersion of the manifest the learner applied, from kubectl's last-applied annotation. */
  appliedAs?: string;
}

export function readHpa1(view: SnapshotView): Hpa1 | undefined {
  const found = findHpa1(view.json('master', 'kube.hpa', HorizontalPodAutoscalerList).items);
  if (found === undefined) return undefined;
  const out: Hpa1 = { found, info: readHpa(found.item) };
  const applied = found.item.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (applied !== undefined) {
    try {
      const v = (JSON.parse(applied) as { apiVersion?: unknown }).apiVersion;
      if (typeof v === 'string') out.appliedAs = v;
    } catch {
      // A hand-edited annotation is no reason to fail grading.
    }
  }
  return out;
}

export const hpaNotFound = (): Verdict =>
  failed(
    t(
      `任何命名空间中都没有名为 ${HPA_NAME} 的 HorizontalPodAutoscaler。`,
      `There is no HorizontalPodAutoscaler named ${HPA_NAME} in any namespace.`,
    ),
    t(
      `用 \`kubectl apply -f hpa1.yaml\` 创建它（apiVersion: autoscaling/v2），再用 \`kubectl get hpa -A\` 确认。`,
      `Create it with \`kubectl apply -f hpa1.yaml\` (apiVersion: autoscaling/v2), then check with \`kubectl get hpa -A\`.`,
    ),
  );

export const hpaEvidence = (h: Hpa1) => [objectEvidence('kube.hpa', h.found.item)];

/**
 * Why an autoscaling/v1 HPA is accepted: the API server keeps one object and serves it in every
 * version, and v1's `targetCPUUtilizationPercentage: 40` is stored as the v2 metric
 * Resource/cpu/Utilization/40, so the controller behaves identically. Only Q13's `behavior`
 * needs v2.
 */
export const V1_NOTE: Localized = t(
  'hpa1 以 autoscaling/v1 写成（targetCPUUtilizationPercentage）。接受：API 服务器只保存一个 HPA 对象并以各版本提供，v1 的 targetCPUUtilizationPercentage: 40 就是 v2 的 Resource cpu Utilization 40，控制器行为完全相同；但第 13 题的 behavior 只能用 autoscaling/v2 表达。',
  'hpa1 was written as autoscaling/v1 (targetCPUUtilizationPercentage). Accepted: the API server keeps one HPA object and serves it in every version, and v1 targetCPUUtilizationPercentage: 40 is exactly the v2 metric Resource cpu Utilization 40, so the controller behaves the same; Q13’s behavior, though, can only be written in autoscaling/v2.',
);

export const isV1 = (h: Hpa1): boolean => h.info.servedAs === 'v1' || h.appliedAs === 'autoscaling/v1';
