import { t, type Localized } from '../shared/i18n.ts';
import type { LabId } from '../shared/lab.ts';
import type { CheckResult } from '../shared/report.ts';
import type { Snapshot } from '../shared/snapshot.ts';
import { SnapshotView } from './snapshot-view.ts';
import { CannotLook, type Verdict } from './verdict.ts';

/** One check of a lab: pure, reads the snapshot, returns a verdict. */
export interface Check {
  /** Stable id within the lab, kebab-case. */
  id: string;
  /** What is checked, in both languages. */
  title: Localized;
  /** Points when passed. */
  points: number;
  /** Decides the verdict. May throw CannotLook (becomes `error`). */
  run(view: SnapshotView): Verdict;
}

/** A lab's grader: its checks, in the order they are reported. */
export interface Grader {
  lab: LabId;
  checks: readonly Check[];
}

/** Runs every check of a grader against a snapshot. Never throws: a crash becomes `error`. */
export function runGrader(grader: Grader, snapshot: Snapshot): CheckResult[] {
  const view = new SnapshotView(snapshot);
  return grader.checks.map((check) => toResult(check, runOne(check, view)));
}

function runOne(check: Check, view: SnapshotView): Verdict {
  try {
    return check.run(view);
  } catch (err) {
    if (err instanceof CannotLook) {
      return { status: 'error', message: err.reason, hint: err.hint, evidence: err.evidence };
    }
    const detail = err instanceof Error ? err.message : String(err);
    return {
      status: 'error',
      message: t(`评分程序内部错误：${detail}`, `The grader failed internally: ${detail}`),
      hint: t('这是评分程序的缺陷，请把快照文件发给教师。', 'This is a grader bug; send the snapshot file to your instructor.'),
    };
  }
}

function toResult(check: Check, verdict: Verdict): CheckResult {
  const result: CheckResult = {
    id: check.id,
    title: check.title,
    status: verdict.status,
    points: verdict.status === 'passed' ? check.points : 0,
    maxPoints: check.points,
    message: verdict.message,
    evidence: verdict.evidence ?? [],
  };
  if (verdict.hint !== undefined && verdict.status !== 'passed') result.hint = verdict.hint;
  if (verdict.data !== undefined) result.data = verdict.data;
  return result;
}
