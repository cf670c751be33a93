import type { Lang } from '../shared/i18n.ts';
import type { LabMeta } from '../shared/lab.ts';
import type { CheckResult, GradeReport } from '../shared/report.ts';
import type { Snapshot } from '../shared/snapshot.ts';

/** Turns check results into the one-language report that every reporter prints. */
export function buildReport(lab: LabMeta, checks: CheckResult[], snapshot: Snapshot, lang: Lang, now = new Date()): GradeReport {
  const score = checks.reduce((sum, c) => sum + c.points, 0);
  // A skipped check is not applicable to this cluster or snapshot (an optional exercise not
  // attempted, no observation series): it neither earns nor costs points.
  const maxScore = checks.reduce((sum, c) => sum + (c.status === 'skipped' ? 0 : c.maxPoints), 0);
  return {
    format: 'k8s-lab-report',
    version: 1,
    lab: lab.id,
    title: lab.title[lang],
    lang,
    score,
    maxScore,
    passed: checks.some((c) => c.status === 'passed') && checks.every((c) => c.status === 'passed' || c.status === 'skipped'),
    gradable: checks.every((c) => c.status !== 'error'),
    gradedAt: now.toISOString(),
    snapshotTakenAt: snapshot.takenAt,
    checks: checks.map((c) => {
      const entry: GradeReport['checks'][number] = {
        id: c.id,
        title: c.title[lang],
        status: c.status,
        points: c.points,
        maxPoints: c.maxPoints,
        message: c.message[lang],
        evidence: c.evidence,
      };
      if (c.hint) entry.hint = c.hint[lang];
      if (c.data !== undefined) entry.data = c.data;
      return entry;
    }),
  };
}
