import { z } from 'zod';
import { Localized } from './i18n.ts';
import { ProbeName } from './snapshot.ts';

/** Lab ids are `lab-01` … `lab-13`; the number is the homework question (Q1 … Q13). */
export const LAB_ID_PATTERN = /^lab-(0[1-9]|1[0-3])$/;
export const LabId = z.string().regex(LAB_ID_PATTERN, 'a lab id looks like lab-01 … lab-13');
export type LabId = z.infer<typeof LabId>;

/** Probes a lab needs, per host role. The collector runs them in one SSH round trip per host. */
export const LabProbes = z.strictObject({
  /** Probes run on the master (control-plane) host. */
  master: z.array(ProbeName).default([]),
  /** Probes run on the worker host. */
  worker: z.array(ProbeName).default([]),
});

/** A lab's metadata, kept in `labs/<id>/lab.yaml`. */
export const LabMeta = z.strictObject({
  /** `lab-01` … `lab-13`; must equal the folder name. */
  id: LabId,
  /** Position in the course (1 … 13); equals the question number. */
  order: z.number().int().min(1).max(13),
  /** Short title in both languages. */
  title: Localized,
  /** The homework question, restated in both languages. */
  question: Localized,
  /** One-line summary of what the grader checks, in both languages. */
  summary: Localized,
  /** Probes the grader reads, per host role. */
  probes: LabProbes,
  /** Total points of the lab's graded checks (must equal the sum of its checks' points). */
  points: z.number().int().positive(),
  /** Behaviour observation for labs graded over time (HPA): how long and how often to sample. */
  observe: z
    .strictObject({
      /** Probes repeated on the master during observation. */
      probes: z.array(ProbeName).min(1),
      /** Seconds between samples. */
      intervalSeconds: z.number().int().min(5).max(300),
      /** Default observation length in seconds (the CLI's `--observe` overrides it). */
      durationSeconds: z.number().int().min(0).max(3600),
    })
    .optional(),
});
export type LabMeta = z.infer<typeof LabMeta>;
