import { z } from 'zod';
import { Localized } from './i18n.ts';

/**
 * Lesson content contract (labs/<id>/): `lesson.zh.mdx` and `lesson.en.mdx` (frontmatter below),
 * `quiz.yaml` (questions with their answer keys; checked on the server so keys never reach the
 * page), and `solution/*.yaml` (reference manifests, shown only when the learner asks).
 */

/** Frontmatter of `labs/<id>/lesson.<lang>.mdx`. */
export const LessonFrontmatter = z.strictObject({
  /** Lesson title in the file's language. */
  title: z.string().min(1),
  /** One-sentence description (used by search and the home page). */
  description: z.string().min(1),
  /** What the learner will be able to do, 2–6 items. */
  objectives: z.array(z.string().min(1)).min(2).max(6),
  /** Rough time to complete, in minutes. */
  minutes: z.number().int().min(5).max(240),
  /** The Kubernetes version the facts of the lesson were checked against (e.g. "1.29"). */
  kubernetesVersion: z.string().regex(/^1\.[0-9]{2}$/),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatter>;

const QuizOption = z.strictObject({
  /** Stable id within the question (a, b, c …). */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Option text. */
  text: Localized,
});

/** A value taken from the learner's own snapshot, so copied answers fail. */
export const ClusterFact = z.enum([
  /** Name of the host-side veth paired with pod1's eth0 (e.g. vethe358f9b7). */
  'pod1.hostVeth',
  /** pod1's IP address. */
  'pod1.ip',
  /** The ClusterIP of service1. */
  'service1.clusterIP',
  /** The node pod1 runs on. */
  'pod1.node',
]);
export type ClusterFact = z.infer<typeof ClusterFact>;

export const QuizQuestion = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Stable id within the lab, kebab-case. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** One right option. */
    kind: z.literal('single'),
    prompt: Localized,
    options: z.array(QuizOption).min(2),
    /** Id of the right option. */
    answer: z.string(),
    /** Why, shown after answering. */
    explanation: Localized,
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** Several right options; all and only them must be chosen. */
    kind: z.literal('multiple'),
    prompt: Localized,
    options: z.array(QuizOption).min(2),
    /** Ids of the right options. */
    answer: z.array(z.string()).min(1),
    explanation: Localized,
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** A short free answer, right when it matches one of the accepted patterns. */
    kind: z.literal('short'),
    prompt: Localized,
    /** Case-insensitive regular expressions; any match is right. */
    accept: z.array(z.string().min(1)).min(1),
    explanation: Localized,
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** The answer is a fact of the learner's own cluster, read from their latest snapshot. */
    kind: z.literal('cluster'),
    prompt: Localized,
    fact: ClusterFact,
    explanation: Localized,
  }),
]);
export type QuizQuestion = z.infer<typeof QuizQuestion>;

/** `labs/<id>/quiz.yaml`. */
export const Quiz = z.strictObject({ questions: z.array(QuizQuestion).min(1) });
export type Quiz = z.infer<typeof Quiz>;
