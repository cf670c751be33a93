import type { CheckStatus, GradeReport } from '../../shared/report.ts';

export type StatusCounts = Record<CheckStatus, number>;

/** How many checks ended in each status, over one or several reports. */
export function countStatuses(reports: readonly GradeReport[]): StatusCounts {
  const counts: StatusCounts = { passed: 0, failed: 0, error: 0, pending: 0, skipped: 0 };
  for (const report of reports) for (const check of report.checks) counts[check.status] += 1;
  return counts;
}

/** Points earned and possible over several reports. */
export function totals(reports: readonly GradeReport[]): { score: number; maxScore: number } {
  return {
    score: reports.reduce((sum, r) => sum + r.score, 0),
    maxScore: reports.reduce((sum, r) => sum + r.maxScore, 0),
  };
}

/**
 * True when nothing stands between the learner and full marks: no check failed, errored or is
 * pending. Skipped checks (not applicable) do not count against it. The CLI's exit code 0.
 */
export function allClear(reports: readonly GradeReport[]): boolean {
  const c = countStatuses(reports);
  return reports.length > 0 && c.failed === 0 && c.error === 0 && c.pending === 0;
}
