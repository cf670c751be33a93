import { z } from 'zod';
import { Localized } from './i18n.ts';
import { LabId } from './lab.ts';

/**
 * Five outcomes of a check. `failed` costs points (the cluster is wrong); `error` means the grader
 * could not look (a probe missing or failed) and costs nothing; `pending` means still converging
 * (e.g. an HPA that has not scaled yet); `skipped` means not applicable (e.g. no series collected).
 */
export const CheckStatus = z.enum(['passed', 'failed', 'error', 'pending', 'skipped']);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** A piece of raw output that supports a check's verdict. */
export const Evidence = z.strictObject({
  /** Probe name the excerpt comes from (e.g. `iptables.save`). */
  probe: z.string(),
  /** Host role (or key) the probe ran on. */
  host: z.string().optional(),
  /** The relevant lines, verbatim (bounded in length). */
  excerpt: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A check's result as graders produce it: every text in both languages. */
export const CheckResult = z.strictObject({
  /** Stable id within the lab, kebab-case (e.g. `nodes-ready`). */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** What is checked. */
  title: Localized,
  /** The verdict. */
  status: CheckStatus,
  /** Points earned (maxPoints when passed, otherwise 0). */
  points: z.number().nonnegative(),
  /** Points this check is worth. */
  maxPoints: z.number().nonnegative(),
  /** What was expected and what was seen. */
  message: Localized,
  /** What to do next, naming the command to run. Present unless passed. */
  hint: Localized.optional(),
  /** Raw output behind the verdict. */
  evidence: z.array(Evidence),
  /** Structured data for the UI (e.g. iptables chains with effective probabilities). */
  data: z.unknown().optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

/** The graded result of one lab, in one language: what `--json` prints (docs/report.md). */
export const GradeReport = z.strictObject({
  /** Always `k8s-lab-report`. */
  format: z.literal('k8s-lab-report'),
  /** Report format version. */
  version: z.literal(1),
  /** The lab graded. */
  lab: LabId,
  /** The lab's title in `lang`. */
  title: z.string(),
  /** Language of the texts. */
  lang: z.enum(['zh', 'en']),
  /** Points earned. */
  score: z.number().nonnegative(),
  /** Points possible: the sum of `maxPoints` of the checks that were not skipped. */
  maxScore: z.number().nonnegative(),
  /** True when at least one check passed and every other one was skipped (none failed, errored or is pending). */
  passed: z.boolean(),
  /** False when some check could not be judged (status `error`): the score is then incomplete. */
  gradable: z.boolean(),
  /** When grading ran (ISO 8601). */
  gradedAt: z.string(),
  /** When the snapshot was taken (ISO 8601). */
  snapshotTakenAt: z.string(),
  /** The checks, in the grader's order. */
  checks: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      status: CheckStatus,
      points: z.number().nonnegative(),
      maxPoints: z.number().nonnegative(),
      message: z.string(),
      hint: z.string().optional(),
      evidence: z.array(Evidence),
      data: z.unknown().optional(),
    }),
  ),
});
export type GradeReport = z.infer<typeof GradeReport>;

/**
 * Several labs graded from one snapshot (`npm run grade all --json`, batch grading): the
 * per-lab reports plus totals. A single lab is reported as a bare GradeReport (docs/report.md).
 */
export const GradeReportSet = z.strictObject({
  /** Always `k8s-lab-report-set`. */
  format: z.literal('k8s-lab-report-set'),
  /** Report-set format version. */
  version: z.literal(1),
  /** Language of the texts. */
  lang: z.enum(['zh', 'en']),
  /** Points earned over all labs. */
  score: z.number().nonnegative(),
  /** Points possible over all labs. */
  maxScore: z.number().nonnegative(),
  /** True when every lab passed. */
  passed: z.boolean(),
  /** False when some check of some lab could not be judged (status `error`). */
  gradable: z.boolean(),
  /** When grading ran (ISO 8601). */
  gradedAt: z.string(),
  /** When the snapshot was taken (ISO 8601). */
  snapshotTakenAt: z.string(),
  /** One report per lab, in course order. */
  labs: z.array(GradeReport),
});
export type GradeReportSet = z.infer<typeof GradeReportSet>;
