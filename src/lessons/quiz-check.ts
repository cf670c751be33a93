import { t, type Localized } from '../shared/i18n.ts';
import type { QuizQuestion } from '../shared/lesson.ts';
import type { Snapshot } from '../shared/snapshot.ts';
import { clusterFact } from './cluster-facts.ts';
import { SHORT_FLAGS } from './quiz-source.ts';
import type { QuizCheckResponse } from './quiz-wire.ts';

/**
 * Checks one answer against one question's key, on the server. Pure apart from the snapshot the
 * caller passes for `cluster` questions (undefined when there is none yet).
 */

export const NO_SNAPSHOT: Localized = t(
  '还没有你的集群快照：先在右侧面板运行“检查我的作业”，再回答这道题。',
  'No snapshot of your cluster yet: run Check my work in the side panel first, then answer this question.',
);

export const WRONG_SHAPE: Localized = t('这道题需要另一种形式的回答。', 'This question takes another kind of answer.');

/** Text as typed, made comparable: full-width forms folded (NFKC, for Chinese input methods), trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').trim();
}

/**
 * A typed cluster value made comparable: `10.96.0.10/32` → `10.96.0.10`, `vethe358f9b7@if3` →
 * `vethe358f9b7`, surrounding backquotes and case ignored (interface and node names are lowercase).
 */
export function normalizeClusterValue(text: string): string {
  return normalizeText(text)
    .replace(/^[`'"]+|[`'"]+$/g, '')
    .replace(/\/32$/, '')
    .replace(/@if\d+$/i, '')
    .toLowerCase();
}

export type AnswerCheck = QuizCheckResponse | { invalid: Localized };

export function checkAnswer(question: QuizQuestion, answer: string | string[], snapshot?: Snapshot): AnswerCheck {
  const verdict = (right: boolean): QuizCheckResponse => ({ verdict: right ? 'right' : 'wrong', explanation: question.explanation });
  switch (question.kind) {
    case 'single':
      if (typeof answer !== 'string') return { invalid: WRONG_SHAPE };
      return verdict(answer === question.answer);
    case 'multiple': {
      if (!Array.isArray(answer)) return { invalid: WRONG_SHAPE };
      const chosen = new Set(answer);
      return verdict(chosen.size === question.answer.length && question.answer.every((id) => chosen.has(id)));
    }
    case 'short': {
      if (typeof answer !== 'string') return { invalid: WRONG_SHAPE };
      const text = normalizeText(answer);
      return verdict(text !== '' && question.accept.some((p) => new RegExp(p, SHORT_FLAGS).test(text)));
    }
    case 'cluster': {
      if (typeof answer !== 'string') return { invalid: WRONG_SHAPE };
      if (!snapshot) return { verdict: 'no-snapshot', message: NO_SNAPSHOT };
      const fact = clusterFact(snapshot, question.fact);
      if ('missing' in fact) return { verdict: 'cannot-tell', message: fact.missing };
      const typed = normalizeClusterValue(answer);
      return verdict(typed !== '' && typed === normalizeClusterValue(fact.value));
    }
  }
}
