import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import type { Lang } from '../shared/i18n.ts';
import { LessonFrontmatter, type Quiz, type QuizQuestion } from '../shared/lesson.ts';
import { figureCandidates, firstIssue, isSolutionName, lessonFileName, QUIZ_FILE, SOLUTION_DIR } from './lesson-source.ts';
import { parseQuiz } from './quiz-source.ts';

/**
 * Lesson content for the site, through Vite: the MDX lessons compiled by Astro, and the quiz,
 * solutions and figures bundled as text at build time, so the running server needs no `labs/`
 * folder and serves exactly what was built. Server-only (pages, components, API routes).
 */

interface LessonModule {
  default: AstroComponentFactory;
  frontmatter: unknown;
  getHeadings?: () => { depth: number; slug: string; text: string }[];
}

// Globs must be literals. Paths are relative to the project root.
const lessonModules = import.meta.glob<LessonModule>('/labs/*/lesson.*.mdx');
const quizTexts = import.meta.glob<string>('/labs/*/quiz.yaml', { query: '?raw', import: 'default', eager: true });
const solutionTexts = import.meta.glob<string>(['/labs/*/solution/*.yaml', '/labs/*/solution/*.yml'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const figureTexts = import.meta.glob<string>('/labs/*/*.svg', { query: '?raw', import: 'default', eager: true });

const path = (lab: string, file: string) => `/labs/${lab}/${file}`;

/** A content file that does not meet the contract; the message names the file. */
export class LessonContentError extends Error {
  override name = 'LessonContentError';
}

export interface LoadedLesson {
  Content: AstroComponentFactory;
  frontmatter: LessonFrontmatter;
  /** The level-2 sections, with their language-neutral ids (`s-1` …), for the page's contents list. */
  sections: { id: string; text: string }[];
}

/** The languages `lab` has a lesson in. */
export function lessonLangsOf(lab: string): Lang[] {
  return (['zh', 'en'] as const).filter((lang) => path(lab, lessonFileName(lang)) in lessonModules);
}

/** The compiled lesson, or undefined when it is not written; throws when its frontmatter is invalid. */
export async function loadLesson(lab: string, lang: Lang): Promise<LoadedLesson | undefined> {
  const file = path(lab, lessonFileName(lang));
  const load = lessonModules[file];
  if (!load) return undefined;
  const mod = await load();
  const fm = LessonFrontmatter.safeParse(mod.frontmatter);
  if (!fm.success) throw new LessonContentError(`labs${file.slice('/labs'.length)}: frontmatter: ${firstIssue(fm.error)}`);
  const sections = (mod.getHeadings?.() ?? []).filter((h) => h.depth === 2).map((h) => ({ id: h.slug, text: h.text }));
  return { Content: mod.default, frontmatter: fm.data, sections };
}

const quizCache = new Map<string, Quiz | undefined>();

/** The lab's quiz (with its keys: server-only), or undefined when the lab has none. */
export function quizOf(lab: string): Quiz | undefined {
  if (quizCache.has(lab)) return quizCache.get(lab);
  const text = quizTexts[path(lab, QUIZ_FILE)];
  let quiz: Quiz | undefined;
  if (text !== undefined) {
    const parsed = parseQuiz(text);
    if (!parsed.ok) throw new LessonContentError(`labs/${lab}/${QUIZ_FILE}: ${parsed.message}`);
    quiz = parsed.quiz;
  }
  quizCache.set(lab, quiz);
  return quiz;
}

export function questionOf(lab: string, id: string): QuizQuestion | undefined {
  return quizOf(lab)?.questions.find((q) => q.id === id);
}

/** The text of `solution/<file>`, or undefined. */
export function solutionOf(lab: string, file: string): string | undefined {
  return isSolutionName(file) ? solutionTexts[path(lab, `${SOLUTION_DIR}/${file}`)] : undefined;
}

/** The SVG a `<Figure src>` means in `lang` (see figureCandidates), with its file name. */
export function figureOf(lab: string, src: string, lang: Lang): { file: string; svg: string } | undefined {
  for (const file of figureCandidates(src, lang)) {
    const svg = figureTexts[path(lab, file)];
    if (svg !== undefined) return { file, svg };
  }
  return undefined;
}
