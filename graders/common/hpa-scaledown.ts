/**
 * The HPA controller's scale-down limit, as Kubernetes computes it (checked against
 * pkg/controller/podautoscaler/horizontal.go, `calculateScaleDownLimitWithBehaviors` and
 * `getReplicasChangePerPeriod`, v1.23 … current):
 *
 *   for each policy: periodStart = current − added + deleted   (scale events newer than now − period)
 *     Pods:    proposed = periodStart − value
 *     Percent: proposed = int32(float64(periodStart) × (1 − value/100))   ← truncated toward zero
 *   selectPolicy Max (default): the lowest proposal wins (the most pods may go);
 *   Min: the highest proposal wins; Disabled: no scale-down at all.
 *
 * So from 6 replicas "Percent 10 / 60 s" allows 6 → 5 (5.4 truncated), then 5 → 4 (4.5), then
 * 4 → 3 (3.6): one pod a minute. Scale-down also waits for the stabilization window (default
 * 300 s: the highest recommendation of the last 5 minutes wins), which delays but never speeds it.
 * JavaScript numbers are IEEE doubles like Go's float64, so the arithmetic is bit-identical.
 */

export interface ScalingPolicy {
  type: string;
  value: number;
  periodSeconds: number;
}

export interface ScaleDownRules {
  policies?: readonly ScalingPolicy[];
  selectPolicy?: string;
  stabilizationWindowSeconds?: number;
}

/** A past scale event: when (seconds on any clock) and how many pods it added or removed (> 0). */
export interface ScaleEvent {
  at: number;
  change: number;
}

/** Q13's rule: at most 10 % of the pods a minute. */
export const REQUIRED_SCALE_DOWN: ScaleDownRules = { policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }], selectPolicy: 'Max' };

/** The controller's default when scaleDown lists no policies: 100 % per 15 s (pkg/apis/autoscaling/v2/defaults.go). */
export const DEFAULT_SCALE_DOWN_POLICIES: readonly ScalingPolicy[] = [{ type: 'Percent', value: 100, periodSeconds: 15 }];

/** The controller's default scale-down stabilization window (--horizontal-pod-autoscaler-downscale-stabilization). */
export const DEFAULT_STABILIZATION_SECONDS = 300;

/** Replicas changed by events strictly newer than `now − period` (Go: `timestamp.After(cutoff)`). */
export function changeInPeriod(events: readonly ScaleEvent[], periodSeconds: number, now: number): number {
  return events.filter((e) => e.at > now - periodSeconds).reduce((sum, e) => sum + e.change, 0);
}

/** One policy's proposal: the fewest replicas it lets the controller keep. */
export function policyFloor(policy: ScalingPolicy, periodStart: number): number | undefined {
  if (policy.type === 'Pods') return periodStart - policy.value;
  if (policy.type === 'Percent') return Math.trunc(periodStart * (1 - policy.value / 100));
  return undefined;
}

/** The lowest replica count the controller may scale down to now (before min/desired are applied). */
export function scaleDownLimit(
  current: number,
  rules: ScaleDownRules,
  upEvents: readonly ScaleEvent[] = [],
  downEvents: readonly ScaleEvent[] = [],
  now = 0,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const policies = rules.policies && rules.policies.length > 0 ? rules.policies : DEFAULT_SCALE_DOWN_POLICIES;
  for (const p of policies) {
    const start = current - changeInPeriod(upEvents, p.periodSeconds, now) + changeInPeriod(downEvents, p.periodSeconds, now);
    const proposed = policyFloor(p, start);
    if (proposed === undefined) continue;
    result = useMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return Number.isFinite(result) ? result : current;
}

export interface SimPoint {
  t: number;
  replicas: number;
}

/**
 * Replays the controller after load vanished (desired = minReplicas at every sync) from `start`
 * replicas, ignoring the stabilization window (it only delays the first step). Syncs every 15 s
 * (the controller's default --horizontal-pod-autoscaler-sync-period).
 */
export function simulateScaleDown(
  rules: ScaleDownRules,
  start: number,
  minReplicas: number,
  durationSeconds = 900,
  syncSeconds = 15,
): SimPoint[] {
  const events: ScaleEvent[] = [];
  let current = start;
  const out: SimPoint[] = [];
  for (let now = 0; now <= durationSeconds; now += syncSeconds) {
    if (current > minReplicas) {
      const limit = Math.min(scaleDownLimit(current, rules, [], events, now), current);
      const next = Math.max(minReplicas, limit);
      if (next < current) {
        events.push({ at: now, change: current - next });
        current = next;
      }
    }
    out.push({ t: now, replicas: current });
  }
  return out;
}

/** How `rules` compare with the required 10 %/min for scale-downs starting at each count in (min, max]. */
export type Comparison = { kind: 'same' } | { kind: 'faster' | 'slower'; start: number; theirs: SimPoint[]; required: SimPoint[] };

export function compareWithRequired(
  rules: ScaleDownRules,
  minReplicas: number,
  maxReplicas: number,
  required: ScaleDownRules = REQUIRED_SCALE_DOWN,
): Comparison {
  for (let start = maxReplicas; start > minReplicas; start--) {
    const theirs = simulateScaleDown(rules, start, minReplicas);
    const want = simulateScaleDown(required, start, minReplicas);
    for (let i = 0; i < want.length; i++) {
      const a = theirs[i]?.replicas ?? start;
      const b = want[i]?.replicas ?? start;
      if (a < b) return { kind: 'faster', start, theirs, required: want };
      if (a > b) return { kind: 'slower', start, theirs, required: want };
    }
  }
  return { kind: 'same' };
}

/** Renders a trajectory as "6 →5 (0 s) →4 (60 s) →3 (120 s)". */
export function describeTrajectory(start: number, points: readonly SimPoint[]): string {
  let text = String(start);
  let last = start;
  for (const p of points) {
    if (p.replicas !== last) {
      text += ` →${p.replicas} (${p.t} s)`;
      last = p.replicas;
    }
  }
  return text;
}
