import { z } from 'zod';
import { Localized } from '../shared/i18n.ts';

/**
 * The quiz API's wire format (`POST /api/quiz/check`), shared by the endpoint and the page script.
 * The page sends the learner's answer; the server, which alone holds the key, answers with the
 * verdict and the explanation.
 */

export const QUIZ_CHECK_PATH = '/api/quiz/check';

/** Upper bounds: a quiz answer is short, so anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 4096;
export const MAX_TEXT_ANSWER = 200;

export const QuizCheckRequest = z.strictObject({
  /** Lab id, e.g. `lab-10`. */
  lab: z.string().regex(/^lab-[0-9]{2}$/),
  /** Question id within the lab's quiz.yaml. */
  question: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
  /** An option id (single), option ids (multiple), or the typed text (short, cluster). */
  answer: z.union([z.string().max(MAX_TEXT_ANSWER), z.array(z.string().max(40)).max(26)]),
});
export type QuizCheckRequest = z.infer<typeof QuizCheckRequest>;

/**
 * - `right` / `wrong`: checked; `explanation` says why.
 * - `no-snapshot`: a `cluster` question and no snapshot of this lab yet (run Check my work first).
 * - `cannot-tell`: a `cluster` question whose fact the snapshot does not show (`message` says why).
 */
export const QuizVerdict = z.enum(['right', 'wrong', 'no-snapshot', 'cannot-tell']);
export type QuizVerdict = z.infer<typeof QuizVerdict>;

export const QuizCheckResponse = z.strictObject({
  verdict: QuizVerdict,
  /** Why the right answer is right; sent with right and wrong. */
  explanation: Localized.optional(),
  /** What to do next, for no-snapshot and cannot-tell. */
  message: Localized.optional(),
});
export type QuizCheckResponse = z.infer<typeof QuizCheckResponse>;

/** An error answer of the endpoint (4xx): what was wrong with the request. */
export const QuizCheckError = z.strictObject({ error: Localized });
export type QuizCheckError = z.infer<typeof QuizCheckError>;
