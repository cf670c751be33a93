import { parse as parseYaml } from 'yaml';
import { Quiz, type QuizQuestion } from '../shared/lesson.ts';
import { firstIssue } from './lesson-source.ts';

/**
 * `quiz.yaml` → a validated Quiz, with the checks the schema cannot express: question ids are
 * unique, option ids are unique, answers name existing options, a multiple-choice key is not
 * every option, and short-answer patterns compile. Errors say which question and what to fix.
 */

/** Flags short-answer patterns are compiled with: case-insensitive, as the schema says. */
export const SHORT_FLAGS = 'i';

export type QuizResult = { ok: true; quiz: Quiz } | { ok: false; message: string };

export function parseQuiz(text: string): QuizResult {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    return { ok: false, message: `not valid YAML (${(err as Error).message.split('\n')[0]})` };
  }
  const parsed = Quiz.safeParse(raw);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error) };
  const problems = quizProblems(parsed.data);
  return problems.length > 0 ? { ok: false, message: problems.join('; ') } : { ok: true, quiz: parsed.data };
}

/** Problems the schema does not catch, one sentence each. */
export function quizProblems(quiz: Quiz): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const q of quiz.questions) {
    if (seen.has(q.id)) problems.push(`question id \`${q.id}\` is used twice`);
    seen.add(q.id);
    problems.push(...questionProblems(q).map((p) => `question \`${q.id}\`: ${p}`));
  }
  return problems;
}

function questionProblems(q: QuizQuestion): string[] {
  const problems: string[] = [];
  if (q.kind === 'single' || q.kind === 'multiple') {
    const ids = q.options.map((o) => o.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) problems.push(`option id \`${dup}\` is used twice`);
    const answers = q.kind === 'single' ? [q.answer] : q.answer;
    for (const a of answers) if (!ids.includes(a)) problems.push(`answer \`${a}\` is not one of the options (${ids.join(', ')})`);
    if (q.kind === 'multiple' && new Set(answers).size === ids.length) problems.push('every option is right; make at least one wrong');
  }
  if (q.kind === 'short') {
    for (const pattern of q.accept) {
      try {
        new RegExp(pattern, SHORT_FLAGS);
      } catch (err) {
        problems.push(`accept pattern ${JSON.stringify(pattern)} does not compile (${(err as Error).message})`);
      }
    }
  }
  return problems;
}
