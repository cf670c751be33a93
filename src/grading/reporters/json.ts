import type { Lang } from '../../shared/i18n.ts';
import type { GradeReport, GradeReportSet } from '../../shared/report.ts';
import { totals } from './summary.ts';

/**
 * What `--json` prints: one lab → its GradeReport; `all` or several labs → a GradeReportSet with
 * the per-lab reports and totals (docs/report.md).
 */
export function jsonReport(
  reports: readonly GradeReport[],
  opts: { lang: Lang; asSet: boolean; snapshotTakenAt: string; now?: Date },
): GradeReport | GradeReportSet {
  const only = reports[0];
  if (!opts.asSet && reports.length === 1 && only) return only;
  const { score, maxScore } = totals(reports);
  return {
    format: 'k8s-lab-report-set',
    version: 1,
    lang: opts.lang,
    score,
    maxScore,
    passed: reports.length > 0 && reports.every((r) => r.passed),
    gradable: reports.every((r) => r.gradable),
    gradedAt: (opts.now ?? new Date(reports[0]?.gradedAt ?? Date.now())).toISOString(),
    snapshotTakenAt: opts.snapshotTakenAt,
    labs: [...reports],
  };
}

/** Serialized with a trailing newline, two-space indent (diff-friendly, still one document). */
export function renderJson(value: GradeReport | GradeReportSet): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
