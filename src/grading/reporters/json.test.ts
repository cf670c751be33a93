import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GradeReport, GradeReportSet } from '../../shared/report.ts';
import { jsonReport, renderJson } from './json.ts';
import { mixedReport, NOW, passingReport } from './sample-reports.fixture.ts';

test('one lab: --json prints a GradeReport that validates against the schema', () => {
  const report = mixedReport('en');
  const text = renderJson(jsonReport([report], { lang: 'en', asSet: false, snapshotTakenAt: report.snapshotTakenAt }));
  assert.ok(text.endsWith('}\n'));
  const parsed = GradeReport.parse(JSON.parse(text));
  assert.deepEqual(parsed, report);
  assert.equal(parsed.passed, false);
  assert.equal(parsed.gradable, false);
  assert.equal(parsed.checks[1]?.evidence[0]?.probe, 'iptables.save');
});

test('all: --json prints a GradeReportSet with totals that validates against the schema', () => {
  const reports = [passingReport(), mixedReport('en')];
  const value = jsonReport(reports, { lang: 'en', asSet: true, snapshotTakenAt: '2026-11-27T12:00:00Z', now: NOW });
  const parsed = GradeReportSet.parse(JSON.parse(renderJson(value)));
  assert.equal(parsed.format, 'k8s-lab-report-set');
  assert.equal(parsed.score, 8);
  assert.equal(parsed.maxScore, 14);
  assert.equal(parsed.passed, false);
  assert.equal(parsed.gradable, false);
  assert.equal(parsed.gradedAt, NOW.toISOString());
  assert.deepEqual(
    parsed.labs.map((l) => l.lab),
    ['lab-09', 'lab-10'],
  );
  for (const lab of parsed.labs) GradeReport.parse(lab);
});

test('a set of passing labs is passed and gradable; a single-lab set stays a set', () => {
  const value = jsonReport([passingReport()], { lang: 'en', asSet: true, snapshotTakenAt: '2026-11-27T12:00:00Z' });
  const parsed = GradeReportSet.parse(value);
  assert.equal(parsed.passed, true);
  assert.equal(parsed.gradable, true);
  assert.equal(parsed.labs.length, 1);
});
