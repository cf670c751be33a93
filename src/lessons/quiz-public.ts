import type { Lang } from '../shared/i18n.ts';
import type { QuizQuestion } from '../shared/lesson.ts';

/**
 * What the page may know about a question: its prompt and options in one language. Built field by
 * field (never by deleting from the question), so a key added to the schema later cannot leak:
 * answers, accepted patterns, the cluster fact and the explanation stay on the server.
 */
export interface PublicQuestion {
  id: string;
  kind: QuizQuestion['kind'];
  prompt: string;
  options: { id: string; text: string }[];
}

export function publicQuestion(question: QuizQuestion, lang: Lang): PublicQuestion {
  const options =
    question.kind === 'single' || question.kind === 'multiple' ? question.options.map((o) => ({ id: o.id, text: o.text[lang] })) : [];
  return { id: question.id, kind: question.kind, prompt: question.prompt[lang], options };
}
