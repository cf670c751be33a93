import { pick, t, type Localized } from '../../shared/i18n.ts';
import type { CheckStatus, GradeReport } from '../../shared/report.ts';
import { totals } from './summary.ts';
import { plainText } from './text-safety.ts';

/**
 * Gradescope autograder results.json (gradescope-autograders.readthedocs.io, "specs"). Gradescope
 * knows only passed/failed per test; an `error` (could not look) or `pending` check earns 0 points
 * like a failure, and its output and tags say so, so staff can tell it from a wrong cluster.
 */
export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  tags: string[];
  visibility: 'visible';
  extra_data: { lab: string; check: string; status: CheckStatus };
}

export interface GradescopeResults {
  score: number;
  max_score: number;
  output: string;
  output_format: 'text';
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
  extra_data: { gradable: boolean; snapshotTakenAt: string; gradedAt: string; labs: string[] };
}

const NOTE: Record<CheckStatus, Localized | undefined> = {
  passed: undefined,
  failed: undefined,
  error: t('无法检查（不扣分，但也不得分）：', 'Could not check (no penalty, but no points either): '),
  pending: t('尚未就绪，请稍后重新评分：', 'Still converging; grade again later: '),
  skipped: t('不适用：', 'Not applicable: '),
};

const UNGRADABLE = t('（有检查项无法判断）', ' (some checks could not be judged)');

export function gradescopeResults(reports: readonly GradeReport[]): GradescopeResults {
  const { score, maxScore } = totals(reports);
  const several = reports.length > 1;
  const tests = reports.flatMap((report) =>
    report.checks.map((check, i): GradescopeTest => {
      const note = NOTE[check.status];
      const lines = [`${note ? pick(note, report.lang) : ''}${check.message}`];
      if (check.hint) lines.push('', check.hint);
      for (const ev of check.evidence) lines.push('', `--- ${ev.probe}${ev.host ? ` @ ${ev.host}` : ''}`, ev.excerpt);
      return {
        name: plainText(several ? `${report.lab} · ${check.title}` : check.title),
        number: `${Number(report.lab.slice(4))}.${i + 1}`,
        score: check.points,
        max_score: check.maxPoints,
        status: check.status === 'passed' ? 'passed' : 'failed',
        output: plainText(lines.join('\n')),
        output_format: 'text',
        tags: [report.lab, check.id, check.status],
        visibility: 'visible',
        extra_data: { lab: report.lab, check: check.id, status: check.status },
      };
    }),
  );
  const summary = reports.map(
    (r) => `${r.lab} ${plainText(r.title)}: ${r.score}/${r.maxScore}${r.gradable ? '' : pick(UNGRADABLE, r.lang)}`,
  );
  return {
    score,
    max_score: maxScore,
    output: summary.join('\n'),
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    extra_data: {
      gradable: reports.every((r) => r.gradable),
      snapshotTakenAt: reports[0]?.snapshotTakenAt ?? '',
      gradedAt: reports[0]?.gradedAt ?? '',
      labs: reports.map((r) => r.lab),
    },
  };
}

export function renderGradescope(reports: readonly GradeReport[]): string {
  return `${JSON.stringify(gradescopeResults(reports), null, 2)}\n`;
}
