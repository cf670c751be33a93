import type { CheckStatus, GradeReport } from '../../shared/report.ts';
import { countStatuses } from './summary.ts';
import { xmlAttr, xmlText } from './xml.ts';

/**
 * JUnit XML (the de-facto schema CI systems read): one <testsuite> per lab, one <testcase> per
 * check. Mapping (docs/cli.md): failed → <failure>, error → <error> (could not look), pending →
 * <failure type="pending"> (no points yet, re-check later), skipped → <skipped>.
 */
export function renderJunit(reports: readonly GradeReport[]): string {
  const all = countStatuses(reports);
  const tests = reports.reduce((n, r) => n + r.checks.length, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="k8s-labs" tests="${tests}" failures="${all.failed + all.pending}" errors="${all.error}" skipped="${all.skipped}">`,
  ];
  for (const report of reports) out.push(...suite(report));
  out.push('</testsuites>', '');
  return out.join('\n');
}

function suite(report: GradeReport): string[] {
  const c = countStatuses([report]);
  const name = `${report.lab} ${report.title}`;
  const lines = [
    `  <testsuite name="${xmlAttr(name)}" tests="${report.checks.length}" failures="${c.failed + c.pending}" errors="${c.error}" skipped="${c.skipped}" timestamp="${xmlAttr(report.gradedAt)}">`,
    '    <properties>',
    ...Object.entries({
      lab: report.lab,
      score: report.score,
      maxScore: report.maxScore,
      gradable: report.gradable,
      snapshotTakenAt: report.snapshotTakenAt,
      lang: report.lang,
    }).map(([k, v]) => `      <property name="${k}" value="${xmlAttr(String(v))}"/>`),
    '    </properties>',
  ];
  for (const check of report.checks) {
    const open = `    <testcase classname="${xmlAttr(report.lab)}" name="${xmlAttr(`${check.id}: ${check.title}`)}"`;
    const child = outcome(check.status, check.message, detail(check));
    lines.push(child ? `${open}>\n${child}\n    </testcase>` : `${open}/>`);
  }
  lines.push('  </testsuite>');
  return lines;
}

function outcome(status: CheckStatus, message: string, body: string): string | undefined {
  const msg = xmlAttr(message);
  switch (status) {
    case 'passed':
      return undefined;
    case 'failed':
      return `      <failure type="failed" message="${msg}">${xmlText(body)}</failure>`;
    case 'pending':
      return `      <failure type="pending" message="${msg}">${xmlText(body)}</failure>`;
    case 'error':
      return `      <error type="error" message="${msg}">${xmlText(body)}</error>`;
    case 'skipped':
      return `      <skipped message="${msg}"/>`;
  }
}

function detail(check: GradeReport['checks'][number]): string {
  const parts = [check.message];
  if (check.hint) parts.push(check.hint);
  for (const ev of check.evidence) parts.push(`--- ${ev.probe}${ev.host ? ` @ ${ev.host}` : ''}\n${ev.excerpt}`);
  parts.push(`points: ${check.points}/${check.maxPoints}`);
  return parts.join('\n\n');
}
