import type { Condition, HorizontalPodAutoscaler, HpaRules } from '../../src/parse/kube.ts';
import { findNamed, type Found } from './find-object.ts';
import { DEPLOYMENT_NAME, HPA_NAME } from './names.ts';

/**
 * One HPA read the same way whatever version kubectl served. The API server stores one object and
 * serves it as autoscaling/v1 too; v1 keeps the CPU target in `targetCPUUtilizationPercentage` and
 * everything else in `autoscaling.alpha.kubernetes.io/*` annotations (Kubernetes'
 * pkg/apis/autoscaling/annotations.go). Both read into this shape.
 */
export interface HpaMetric {
  type: string;
  /** Resource name (`cpu`, `memory`) for Resource / ContainerResource metrics. */
  name?: string;
  container?: string;
  targetType?: string;
  averageUtilization?: number;
  averageValue?: string | number;
}

export interface HpaBehaviorView {
  scaleUp?: HpaRules | undefined;
  scaleDown?: HpaRules | undefined;
}

export interface HpaInfo {
  raw: HorizontalPodAutoscaler;
  /** `v2` when read from the v2 fields, `v1` when reconstructed from v1 fields and annotations. */
  servedAs: 'v2' | 'v1';
  target: { kind: string; name: string; apiVersion?: string };
  /** The API server defaults minReplicas to 1. */
  minReplicas: number;
  maxReplicas: number;
  metrics: HpaMetric[];
  behavior?: HpaBehaviorView;
  conditions: Condition[];
  currentReplicas?: number;
  desiredReplicas?: number;
  /** Current average CPU utilization (% of request), when the controller reported one. */
  cpuUtilization?: number;
}

const ANN = 'autoscaling.alpha.kubernetes.io/';

export function readHpa(hpa: HorizontalPodAutoscaler): HpaInfo {
  const ann = hpa.metadata.annotations ?? {};
  const v1 =
    hpa.apiVersion === 'autoscaling/v1' || (hpa.spec.metrics === undefined && hpa.spec.targetCPUUtilizationPercentage !== undefined);
  const info: HpaInfo = {
    raw: hpa,
    servedAs: v1 ? 'v1' : 'v2',
    target: { kind: hpa.spec.scaleTargetRef.kind, name: hpa.spec.scaleTargetRef.name },
    minReplicas: hpa.spec.minReplicas ?? 1,
    maxReplicas: hpa.spec.maxReplicas,
    metrics: v1 ? v1Metrics(hpa, ann[`${ANN}metrics`]) : v2Metrics(hpa),
    conditions: hpa.status?.conditions ?? parseJsonArray(ann[`${ANN}conditions`]).filter(isCondition),
  };
  if (hpa.spec.scaleTargetRef.apiVersion !== undefined) info.target.apiVersion = hpa.spec.scaleTargetRef.apiVersion;
  const behavior = hpa.spec.behavior ?? behaviorFromAnnotation(ann[`${ANN}behavior`]);
  if (behavior !== undefined) info.behavior = behavior;
  const st = hpa.status;
  if (st?.currentReplicas !== undefined) info.currentReplicas = st.currentReplicas;
  if (st?.desiredReplicas !== undefined) info.desiredReplicas = st.desiredReplicas;
  const cpu = v1 ? v1CpuNow(hpa, ann[`${ANN}current-metrics`]) : v2CpuNow(st?.currentMetrics);
  if (cpu !== undefined) info.cpuUtilization = cpu;
  return info;
}

function v2Metrics(hpa: HorizontalPodAutoscaler): HpaMetric[] {
  return (hpa.spec.metrics ?? []).map((m) => {
    const src = m.resource ?? m.containerResource;
    const out: HpaMetric = { type: m.type };
    if (src === undefined) return out;
    out.name = src.name;
    if (m.containerResource !== undefined) out.container = m.containerResource.container;
    out.targetType = src.target.type;
    if (src.target.averageUtilization !== undefined) out.averageUtilization = src.target.averageUtilization;
    if (src.target.averageValue !== undefined) out.averageValue = src.target.averageValue;
    return out;
  });
}

/** v1: the CPU utilization target in its own field, other metrics as v2beta1 specs in an annotation. */
function v1Metrics(hpa: HorizontalPodAutoscaler, annotation: string | undefined): HpaMetric[] {
  const out: HpaMetric[] = [];
  if (hpa.spec.targetCPUUtilizationPercentage !== undefined) {
    out.push({ type: 'Resource', name: 'cpu', targetType: 'Utilization', averageUtilization: hpa.spec.targetCPUUtilizationPercentage });
  }
  for (const m of parseJsonArray(annotation)) {
    const r = lowerKeys(m)['resource'];
    const res = r === undefined ? undefined : lowerKeys(r);
    const metric: HpaMetric = { type: String(lowerKeys(m)['type'] ?? '') };
    if (res !== undefined) {
      metric.name = String(res['name'] ?? '');
      if (typeof res['targetAverageUtilization'] === 'number') {
        metric.targetType = 'Utilization';
        metric.averageUtilization = res['targetAverageUtilization'];
      } else if (res['targetAverageValue'] !== undefined) {
        metric.targetType = 'AverageValue';
        metric.averageValue = res['targetAverageValue'] as string | number;
      }
    }
    out.push(metric);
  }
  return out;
}

function v2CpuNow(current: readonly unknown[] | null | undefined): number | undefined {
  for (const m of current ?? []) {
    const r = (m as { type?: string; resource?: { name?: string; current?: { averageUtilization?: unknown } } }) ?? {};
    if (r.type === 'Resource' && r.resource?.name === 'cpu' && typeof r.resource.current?.averageUtilization === 'number') {
      return r.resource.current.averageUtilization;
    }
  }
  return undefined;
}

function v1CpuNow(hpa: HorizontalPodAutoscaler, annotation: string | undefined): number | undefined {
  const direct = (hpa.status as { currentCPUUtilizationPercentage?: unknown } | undefined)?.currentCPUUtilizationPercentage;
  if (typeof direct === 'number') return direct;
  for (const m of parseJsonArray(annotation)) {
    const res = (m as { resource?: { name?: string; currentAverageUtilization?: unknown } }).resource;
    if (res?.name === 'cpu' && typeof res.currentAverageUtilization === 'number') return res.currentAverageUtilization;
  }
  return undefined;
}

/**
 * The behavior annotation holds Kubernetes' internal type marshalled without JSON tags
 * (`{"ScaleDown":{"Policies":[{"Type":"Percent",...}]}}`); Go reads JSON keys case-insensitively,
 * so we lower-case the first letter of every key.
 */
function behaviorFromAnnotation(text: string | undefined): HpaBehaviorView | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const b = deepLowerKeys(value) as { scaleUp?: HpaRules; scaleDown?: HpaRules } | null;
  if (b === null || typeof b !== 'object') return undefined;
  const out: HpaBehaviorView = {};
  if (b.scaleUp) out.scaleUp = b.scaleUp;
  if (b.scaleDown) out.scaleDown = b.scaleDown;
  return out;
}

function parseJsonArray(text: string | undefined): unknown[] {
  if (text === undefined || text === '') return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function isCondition(v: unknown): v is Condition {
  return typeof v === 'object' && v !== null && typeof (v as Condition).type === 'string' && typeof (v as Condition).status === 'string';
}

const lowerFirst = (k: string): string => k.charAt(0).toLowerCase() + k.slice(1);

function lowerKeys(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [lowerFirst(k), x]));
}

function deepLowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepLowerKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [lowerFirst(k), deepLowerKeys(x)]));
}

/** hpa1: by name in any namespace, the one in `default` (then the one targeting deployment1) first. */
export function findHpa1(items: readonly HorizontalPodAutoscaler[]): Found<HorizontalPodAutoscaler> | undefined {
  return findNamed(
    items,
    HPA_NAME,
    'default',
    (h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === DEPLOYMENT_NAME,
  );
}
