import type { collectSnapshot, CollectStats, observeSeries, planFor, ProgressEvent } from '../collect/collector.ts';
import type { HostsConfig } from '../config/hosts-config.ts';
import type { Lang } from '../shared/i18n.ts';
import type { LabId, LabMeta } from '../shared/lab.ts';
import type { GradeReport } from '../shared/report.ts';
import type { Snapshot } from '../shared/snapshot.ts';
import { runGrader, type Grader } from './grader.ts';
import { buildReport } from './report.ts';

/**
 * The one grading service: labs + (hosts config | saved snapshot) → one report per lab.
 * The CLI and the web server both call it; neither collects nor grades on its own.
 */

/** The collector functions the service uses; injectable so tests and benchmarks can swap them. */
export interface CollectorPort {
  collectSnapshot: typeof collectSnapshot;
  observeSeries: typeof observeSeries;
  planFor: typeof planFor;
}

/** The real collector, loaded on first live use so offline grading never loads ssh2. */
export async function liveCollector(): Promise<CollectorPort> {
  const { collectSnapshot, observeSeries, planFor } = await import('../collect/collector.ts');
  return { collectSnapshot, observeSeries, planFor };
}

/** Where the evidence comes from. */
export type GradeSource =
  /** A saved snapshot, graded offline. */
  | { kind: 'snapshot'; snapshot: Snapshot }
  /**
   * The configured hosts, collected now. `observeSeconds` overrides the observation length of labs
   * graded over time (lab.yaml `observe.durationSeconds`); 0 skips the observation.
   */
  | { kind: 'live'; config: HostsConfig; observeSeconds?: number; mode?: 'batched' | 'naive' };

/** What the service reports while it works (for progress lines and the web UI). */
export type GradeProgress =
  | { stage: 'collect'; event: ProgressEvent }
  | { stage: 'observe-start'; durationSeconds: number; intervalSeconds: number; probes: string[] }
  | { stage: 'observe'; event: ProgressEvent }
  | { stage: 'grade'; labs: LabId[] };

export interface GradeOptions {
  lang: Lang;
  /** Lab id → grader (graders/registry.ts GRADERS in production). */
  graders: ReadonlyMap<LabId, Grader>;
  onProgress?: (p: GradeProgress) => void;
  signal?: AbortSignal;
  collector?: CollectorPort;
  now?: () => Date;
}

export interface GradeOutcome {
  /** One report per lab, in the order the labs were given. */
  reports: GradeReport[];
  /** The evidence graded (collected now, or the one given). */
  snapshot: Snapshot;
  /** Collection figures (live only). */
  stats?: CollectStats;
}

export class MissingGraderError extends Error {
  override name = 'MissingGraderError';
}

/** Grades labs from a snapshot: pure and synchronous (graders never throw). */
export function gradeSnapshot(
  labs: readonly LabMeta[],
  snapshot: Snapshot,
  opts: Pick<GradeOptions, 'lang' | 'graders' | 'now'>,
): GradeReport[] {
  const now = (opts.now ?? (() => new Date()))();
  return labs.map((lab) => {
    const grader = opts.graders.get(lab.id);
    if (!grader) throw new MissingGraderError(`no grader registered for ${lab.id} (graders/registry.ts)`);
    return buildReport(lab, runGrader(grader, snapshot), snapshot, opts.lang, now);
  });
}

/** Collects (when live) and grades. Throws the collector's CollectError when a host cannot be read. */
export async function gradeLabs(labs: readonly LabMeta[], source: GradeSource, opts: GradeOptions): Promise<GradeOutcome> {
  for (const lab of labs)
    if (!opts.graders.has(lab.id)) throw new MissingGraderError(`no grader registered for ${lab.id} (graders/registry.ts)`);
  if (source.kind === 'snapshot') {
    opts.onProgress?.({ stage: 'grade', labs: labs.map((l) => l.id) });
    return { reports: gradeSnapshot(labs, source.snapshot, opts), snapshot: source.snapshot };
  }
  const collector = opts.collector ?? (await liveCollector());
  const progress = opts.onProgress;
  const collectOpts: Parameters<CollectorPort['collectSnapshot']>[2] = {};
  if (progress) collectOpts.onProgress = (event) => progress({ stage: 'collect', event });
  if (opts.signal) collectOpts.signal = opts.signal;
  if (source.mode) collectOpts.mode = source.mode;
  const { snapshot, stats } = await collector.collectSnapshot(source.config, collector.planFor([...labs]), collectOpts);

  const observation = observationFor(labs, source.observeSeconds);
  if (observation) {
    progress?.({ stage: 'observe-start', ...observation });
    const observeOpts: Parameters<CollectorPort['observeSeries']>[2] = { ...observation };
    if (progress) observeOpts.onProgress = (event) => progress({ stage: 'observe', event });
    if (opts.signal) observeOpts.signal = opts.signal;
    const series = await collector.observeSeries(source.config, observation.probes, observeOpts);
    snapshot.series = [...(snapshot.series ?? []), ...series].sort((a, b) => a.t.localeCompare(b.t));
  }

  progress?.({ stage: 'grade', labs: labs.map((l) => l.id) });
  return { reports: gradeSnapshot(labs, snapshot, opts), snapshot, stats };
}

/**
 * The observation the selected labs ask for: the union of their probes, the shortest interval, and
 * the longest duration (or the override). Undefined when no lab observes or the length is 0.
 * Grading several labs at once (`grade all`) observes only when asked (`--observe`): a ten-minute
 * wait is the learner's choice, not a side effect of grading everything.
 */
export function observationFor(
  labs: readonly LabMeta[],
  overrideSeconds?: number,
): { durationSeconds: number; intervalSeconds: number; probes: string[] } | undefined {
  const observing = labs.flatMap((l) => (l.observe ? [l.observe] : []));
  if (observing.length === 0) return undefined;
  const defaultSeconds = labs.length === 1 ? Math.max(...observing.map((o) => o.durationSeconds)) : 0;
  const durationSeconds = overrideSeconds ?? defaultSeconds;
  if (durationSeconds <= 0) return undefined;
  return {
    durationSeconds,
    intervalSeconds: Math.min(...observing.map((o) => o.intervalSeconds)),
    probes: [...new Set(observing.flatMap((o) => o.probes))],
  };
}
