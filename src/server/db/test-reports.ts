import type { GradeReport } from '../../shared/report.ts';
import type { Snapshot } from '../../shared/snapshot.ts';
import type { Lang } from '../../shared/i18n.ts';
import type { AttemptInput } from './progress-store.ts';

/** Test helpers: a report with given check statuses, in both languages, and a small snapshot. */
export function report(lang: Lang, lab: string, statuses: GradeReport['checks'][number]['status'][], pointsEach = 2): GradeReport {
  const checks = statuses.map((status, i) => ({
    id: `check-${i}`,
    title: `${lang} check ${i}`,
    status,
    points: status === 'passed' ? pointsEach : 0,
    maxPoints: pointsEach,
    message: `${lang} message ${i}`,
    evidence: [],
  }));
  const counted = checks.filter((c) => c.status !== 'skipped');
  return {
    format: 'k8s-lab-report',
    version: 1,
    lab,
    title: `${lang} title`,
    lang,
    score: counted.reduce((n, c) => n + c.points, 0),
    maxScore: counted.reduce((n, c) => n + c.maxPoints, 0),
    passed: counted.length > 0 && counted.every((c) => c.status === 'passed'),
    gradable: !checks.some((c) => c.status === 'error'),
    gradedAt: '2026-11-27T12:00:01.000Z',
    snapshotTakenAt: '2026-11-27T12:00:00.000Z',
    checks,
  };
}

export function snapshot(marker: string): Snapshot {
  return {
    format: 'k8s-lab-snapshot',
    version: 1,
    takenAt: '2026-11-27T12:00:00.000Z',
    hosts: { master: { role: 'master', probes: { 'host.hostname': { stdout: `${marker}\n`, stderr: '', exitCode: 0 } } } },
  };
}

export function graded(lab: string, statuses: GradeReport['checks'][number]['status'][], marker = 'ubuntu'): AttemptInput {
  return {
    lab,
    startedAt: new Date('2026-11-27T12:00:00Z'),
    finishedAt: new Date('2026-11-27T12:00:01Z'),
    trigger: 'manual',
    outcome: { kind: 'graded', reports: { zh: report('zh', lab, statuses), en: report('en', lab, statuses) }, snapshot: snapshot(marker) },
  };
}
