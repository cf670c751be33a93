import type { Lang } from '../../shared/i18n.ts';
import { langOfPath } from '../locale-path.ts';

/**
 * Which lab and language a lesson component is rendered for. MDX passes components only the props
 * written in the lesson, so they read both from the page URL (`/labs/lab-10/`, `/en/labs/lab-10/`).
 */
export interface LessonContext {
  lang: Lang;
  lab: string;
}

export function lessonContext(url: URL): LessonContext {
  const lang = langOfPath(url.pathname);
  const lab = /\/labs\/(lab-[0-9]{2})(?:\/|$)/.exec(url.pathname)?.[1];
  if (!lab)
    throw new Error(
      `A lesson component was rendered outside a lab page (${url.pathname}); lesson components only work in labs/<id>/lesson.*.mdx.`,
    );
  return { lang, lab };
}
