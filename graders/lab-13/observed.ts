import { REQUIRED_SCALE_DOWN, scaleDownLimit, type ScaleDownRules } from '../common/hpa-scaledown.ts';

/** One observation of hpa1: seconds since the first sample and the replica counts seen. */
export interface ObservedPoint {
  /** When the sample was taken (ISO 8601). */
  t: string;
  /** Seconds since the first sample. */
  s: number;
  /** hpa1 status.currentReplicas: the pods the controller counted. */
  replicas?: number;
  /** hpa1 status.desiredReplicas: what it decided at its last sync. */
  desired?: number;
  /** deployment1 spec.replicas, the count the controller wrote (when kube.deployments was sampled). */
  specReplicas?: number;
  /** Average CPU utilization (% of request) the controller saw. */
  cpu?: number;
  /** The count judged: spec.replicas, else desired, else current. */
  scale: number;
}

export type Violation =
  | { kind: 'above-max' | 'below-min'; at: ObservedPoint; limit: number }
  | { kind: 'too-fast'; from: ObservedPoint; to: ObservedPoint; allowed: number };

export interface Observation {
  violations: Violation[];
  /** The highest count seen. */
  peak: number;
  /** True when the count was ever above minReplicas: the HPA scaled up under load. */
  rose: boolean;
  /** Every decrease between consecutive samples. */
  decreases: { from: ObservedPoint; to: ObservedPoint }[];
}

/**
 * Sample timestamps are the collector's, not the controller's; a couple of seconds of slack keeps a
 * legitimate "one pod at t, one pod at t + 60 s" from looking like two pods within one period.
 */
const JITTER_SECONDS = 2;

/**
 * Judges a series against the bounds and the scale-down rate. The controller limits each
 * scale-down by the replicas at the start of the last period (see hpa-scaledown.ts). Between two
 * samples less than a period apart, every removal happened inside one period whose start had at
 * least the earlier sample's count, unless something was added meanwhile, so "later < limit(earlier)"
 * proves a violation; windows with a scale-up are not judged (that would need the controller's own
 * event times). Exact for single-period rules such as Q13's Percent 10 / 60 s.
 */
export function analyze(
  points: readonly ObservedPoint[],
  min: number,
  max: number,
  rules: ScaleDownRules = REQUIRED_SCALE_DOWN,
): Observation {
  const violations: Violation[] = [];
  const decreases: Observation['decreases'] = [];
  let peak = 0;
  let wasInside = false;
  for (const [j, p] of points.entries()) {
    peak = Math.max(peak, p.scale);
    // Counts outside the bounds before the HPA's first sync (a Deployment created with 1 replica) are not its doing.
    if (wasInside && p.scale > max) violations.push({ kind: 'above-max', at: p, limit: max });
    if (wasInside && p.scale < min) violations.push({ kind: 'below-min', at: p, limit: min });
    if (p.scale >= min && p.scale <= max) wasInside = true;
    const prev = points[j - 1];
    if (prev !== undefined && p.scale < prev.scale) decreases.push({ from: prev, to: p });
  }
  const period = Math.max(...(rules.policies ?? []).map((x) => x.periodSeconds), 0);
  for (let j = 1; j < points.length; j++) {
    const to = points[j];
    if (to === undefined) continue;
    for (let i = j - 1; i >= 0; i--) {
      const from = points[i];
      if (from === undefined || to.s - from.s > period - JITTER_SECONDS) break;
      if (to.scale >= from.scale || scaledUpSince(points, from.s - period, j)) continue;
      const allowed = Math.max(min, Math.min(from.scale, scaleDownLimit(from.scale, rules)));
      if (to.scale < allowed) {
        violations.push({ kind: 'too-fast', from, to, allowed });
        break;
      }
    }
  }
  return { violations, peak, rose: peak > min, decreases };
}

/** True when the count rose between any two consecutive samples from time `since` up to index `j`. */
function scaledUpSince(points: readonly ObservedPoint[], since: number, j: number): boolean {
  let start = 0;
  for (let k = 0; k <= j; k++) if ((points[k]?.s ?? 0) <= since) start = k;
  for (let k = start + 1; k <= j; k++) if ((points[k]?.scale ?? 0) > (points[k - 1]?.scale ?? 0)) return true;
  return false;
}
