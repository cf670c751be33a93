import type { DatabaseSync } from 'node:sqlite';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Lang, Localized } from '../../shared/i18n.ts';
import type { LabId } from '../../shared/lab.ts';
import { GradeReport } from '../../shared/report.ts';
import { Snapshot } from '../../shared/snapshot.ts';
import { withBusyRetry } from './busy-retry.ts';

/**
 * The learner's progress: every "check my work" attempt (its reports and the snapshot graded) and
 * the best result per lab. All SQL is parameterised; one connection per process writes.
 */

/** Snapshots kept per lab besides the best attempt's: auto re-checks would otherwise fill the disk. */
export const KEEP_SNAPSHOTS_PER_LAB = 20;
/** Attempts kept per lab (older ones are deleted, the best one never). */
export const KEEP_ATTEMPTS_PER_LAB = 500;

export type AttemptStatus = 'passed' | 'failed' | 'incomplete' | 'not-collected';
export type AttemptTrigger = 'manual' | 'auto';

/** A host that could not be read, as the collector said. */
export interface CollectFailure {
  host: string;
  kind: string;
  detail: Localized;
}

export interface AttemptInput {
  lab: LabId;
  startedAt: Date;
  finishedAt: Date;
  trigger: AttemptTrigger;
  outcome:
    { kind: 'graded'; reports: Record<Lang, GradeReport>; snapshot: Snapshot } | { kind: 'not-collected'; failures: CollectFailure[] };
}

export interface AttemptSummary {
  id: number;
  lab: LabId;
  startedAt: string;
  finishedAt: string;
  trigger: AttemptTrigger;
  status: AttemptStatus;
  score: number | null;
  maxScore: number | null;
}

export interface BestResult {
  lab: LabId;
  attemptId: number;
  score: number;
  maxScore: number;
  passed: boolean;
  gradedAt: string;
}

export interface AttemptDetail extends AttemptSummary {
  /** The report in the language asked for; absent when not collected. */
  report?: GradeReport;
  failures?: CollectFailure[];
}

export interface ProgressStore {
  /** Stores an attempt, updates the best result, prunes old snapshots; retries while the file is locked. */
  recordAttempt(input: AttemptInput): Promise<{ attempt: AttemptSummary; best: BestResult | undefined; improved: boolean }>;
  bestResults(): BestResult[];
  latestAttempt(lab: LabId, lang: Lang): AttemptDetail | undefined;
  attempts(lab: LabId, limit?: number): AttemptSummary[];
  /** The snapshot of the newest attempt of `lab` (of any lab when omitted) that kept one. */
  latestSnapshot(lab?: LabId): Snapshot | undefined;
  close(): void;
}

export function statusOf(report: GradeReport): Exclude<AttemptStatus, 'not-collected'> {
  if (report.passed) return 'passed';
  return report.checks.some((c) => c.status === 'failed') ? 'failed' : 'incomplete';
}

interface AttemptRow {
  id: number;
  lab: string;
  started_at: string;
  finished_at: string;
  trigger: string;
  status: string;
  score: number | null;
  max_score: number | null;
}

const SUMMARY_COLUMNS = 'id, lab, started_at, finished_at, trigger, status, score, max_score';

function toSummary(row: AttemptRow): AttemptSummary {
  return {
    id: row.id,
    lab: row.lab,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    trigger: row.trigger as AttemptTrigger,
    status: row.status as AttemptStatus,
    score: row.score,
    maxScore: row.max_score,
  };
}

interface BestRow {
  lab: string;
  attempt_id: number;
  score: number;
  max_score: number;
  passed: number;
  graded_at: string;
}

function toBest(row: BestRow): BestResult {
  return {
    lab: row.lab,
    attemptId: row.attempt_id,
    score: row.score,
    maxScore: row.max_score,
    passed: row.passed === 1,
    gradedAt: row.graded_at,
  };
}

/** A passed lab beats any failed one; otherwise more points win. A tie keeps the earlier best. */
function beats(a: { passed: boolean; score: number }, b: BestResult | undefined): boolean {
  if (!b) return true;
  if (a.passed !== b.passed) return a.passed;
  return a.score > b.score;
}

export function createProgressStore(db: DatabaseSync): ProgressStore {
  const insert = db.prepare(
    `INSERT INTO attempts (lab, started_at, finished_at, trigger, status, score, max_score, report_json, snapshot_gz, error_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${SUMMARY_COLUMNS}`,
  );
  const bestOf = db.prepare('SELECT * FROM best_results WHERE lab = ?');
  const upsertBest = db.prepare(
    `INSERT INTO best_results (lab, attempt_id, score, max_score, passed, graded_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (lab) DO UPDATE SET attempt_id = excluded.attempt_id, score = excluded.score,
       max_score = excluded.max_score, passed = excluded.passed, graded_at = excluded.graded_at`,
  );
  const pruneSnapshots = db.prepare(
    `UPDATE attempts SET snapshot_gz = NULL
     WHERE lab = ? AND snapshot_gz IS NOT NULL
       AND id NOT IN (SELECT id FROM attempts WHERE lab = ? AND snapshot_gz IS NOT NULL ORDER BY id DESC LIMIT ?)
       AND id NOT IN (SELECT attempt_id FROM best_results)`,
  );
  const pruneAttempts = db.prepare(
    `DELETE FROM attempts
     WHERE lab = ? AND id NOT IN (SELECT id FROM attempts WHERE lab = ? ORDER BY id DESC LIMIT ?)
       AND id NOT IN (SELECT attempt_id FROM best_results)`,
  );

  function write(input: AttemptInput): { attempt: AttemptSummary; best: BestResult | undefined; improved: boolean } {
    const o = input.outcome;
    const graded = o.kind === 'graded' ? o.reports.zh : undefined;
    db.exec('BEGIN IMMEDIATE');
    try {
      const row = insert.get(
        input.lab,
        input.startedAt.toISOString(),
        input.finishedAt.toISOString(),
        input.trigger,
        graded ? statusOf(graded) : 'not-collected',
        graded ? graded.score : null,
        graded ? graded.maxScore : null,
        o.kind === 'graded' ? JSON.stringify(o.reports) : null,
        o.kind === 'graded' ? gzipSync(JSON.stringify(o.snapshot)) : null,
        o.kind === 'not-collected' ? JSON.stringify({ failures: o.failures }) : null,
      ) as unknown as AttemptRow;
      const attempt = toSummary(row);
      const previous = bestOf.get(input.lab) as BestRow | undefined;
      let best = previous ? toBest(previous) : undefined;
      let improved = false;
      if (graded && beats(graded, best)) {
        upsertBest.run(input.lab, attempt.id, graded.score, graded.maxScore, graded.passed ? 1 : 0, attempt.finishedAt);
        best = {
          lab: input.lab,
          attemptId: attempt.id,
          score: graded.score,
          maxScore: graded.maxScore,
          passed: graded.passed,
          gradedAt: attempt.finishedAt,
        };
        improved = true;
      }
      pruneSnapshots.run(input.lab, input.lab, KEEP_SNAPSHOTS_PER_LAB);
      pruneAttempts.run(input.lab, input.lab, KEEP_ATTEMPTS_PER_LAB);
      db.exec('COMMIT');
      return { attempt, best, improved };
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  let writes = 0;
  return {
    async recordAttempt(input) {
      const result = await withBusyRetry(() => write(input));
      // Give pruned pages back now and then; a failure here loses nothing.
      if (++writes % 20 === 0) {
        try {
          db.exec('PRAGMA incremental_vacuum');
        } catch {}
      }
      return result;
    },
    bestResults() {
      return (db.prepare('SELECT * FROM best_results ORDER BY lab').all() as unknown as BestRow[]).map(toBest);
    },
    latestAttempt(lab, lang) {
      const row = db
        .prepare(`SELECT ${SUMMARY_COLUMNS}, report_json, error_json FROM attempts WHERE lab = ? ORDER BY id DESC LIMIT 1`)
        .get(lab) as (AttemptRow & { report_json: string | null; error_json: string | null }) | undefined;
      if (!row) return undefined;
      const detail: AttemptDetail = toSummary(row);
      if (row.report_json !== null) {
        const reports = JSON.parse(row.report_json) as Record<string, unknown>;
        detail.report = GradeReport.parse(reports[lang]);
      }
      if (row.error_json !== null) detail.failures = (JSON.parse(row.error_json) as { failures: CollectFailure[] }).failures;
      return detail;
    },
    attempts(lab, limit = 50) {
      const rows = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM attempts WHERE lab = ? ORDER BY id DESC LIMIT ?`).all(lab, limit);
      return (rows as unknown as AttemptRow[]).map(toSummary);
    },
    latestSnapshot(lab) {
      const row = (
        lab === undefined
          ? db.prepare('SELECT snapshot_gz FROM attempts WHERE snapshot_gz IS NOT NULL ORDER BY id DESC LIMIT 1').get()
          : db.prepare('SELECT snapshot_gz FROM attempts WHERE lab = ? AND snapshot_gz IS NOT NULL ORDER BY id DESC LIMIT 1').get(lab)
      ) as { snapshot_gz: Uint8Array } | undefined;
      if (!row) return undefined;
      return Snapshot.parse(JSON.parse(gunzipSync(row.snapshot_gz).toString('utf8')));
    },
    close() {
      if (db.isOpen) db.close();
    },
  };
}
