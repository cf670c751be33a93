import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { LANGS, type Lang } from '../shared/i18n.ts';
import { LessonFrontmatter } from '../shared/lesson.ts';

/**
 * Reading a lesson's MDX source as text: its frontmatter, and what it refers to (`<Quiz id>`,
 * `<Solution file>`, `<Figure src>`, `<Aside type>`, h2 sections). Pure, so the content test, the
 * site and scripts agree on what a lesson is. The site compiles the MDX itself (Astro + Sätteri);
 * this only reads what must be checked before that.
 */

/** The file of a lesson in one language: `lesson.zh.mdx`, `lesson.en.mdx`. */
export const lessonFileName = (lang: Lang): string => `lesson.${lang}.mdx`;
export const QUIZ_FILE = 'quiz.yaml';
export const SOLUTION_DIR = 'solution';
export const ASIDE_TYPES = ['note', 'tip', 'caution', 'danger'] as const;
export type AsideType = (typeof ASIDE_TYPES)[number];

/** One problem found in lab content, with the file it is in (relative to the labs folder). */
export interface ContentProblem {
  file: string;
  message: string;
}

/** The first zod issue as `path: message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
}

/** Splits `---\n<yaml>\n---\n<body>`; undefined when the file has no frontmatter block. */
export function splitFrontmatter(source: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!m) return undefined;
  return { yaml: m[1] ?? '', body: source.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

export type FrontmatterResult = { ok: true; frontmatter: LessonFrontmatter } | { ok: false; message: string };

/** Parses and validates the frontmatter of a lesson source. */
export function parseLessonFrontmatter(source: string): FrontmatterResult {
  const split = splitFrontmatter(source);
  if (!split) return { ok: false, message: 'no frontmatter (the file must start with a --- block)' };
  let raw: unknown;
  try {
    raw = parseYaml(split.yaml);
  } catch (err) {
    return { ok: false, message: `frontmatter is not valid YAML (${(err as Error).message.split('\n')[0]})` };
  }
  const parsed = LessonFrontmatter.safeParse(raw);
  return parsed.success ? { ok: true, frontmatter: parsed.data } : { ok: false, message: `frontmatter: ${firstIssue(parsed.error)}` };
}

/** The body with fenced code blocks blanked (kept as empty lines, so line numbers stay right). */
export function withoutCode(body: string): string {
  let fence: string | undefined;
  return body
    .split('\n')
    .map((line) => {
      const open = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === undefined && open) {
        fence = open;
        return '';
      }
      if (fence !== undefined) {
        if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = undefined;
        return '';
      }
      return line;
    })
    .join('\n');
}

/** A component used in MDX, with its string attributes and line. */
export interface ComponentUse {
  name: string;
  attrs: Record<string, string>;
  line: number;
}

/** Every `<Name attr="value" …>` of the lesson components outside code (JSX in MDX). */
export function componentUses(source: string): ComponentUse[] {
  const split = splitFrontmatter(source);
  const body = withoutCode(split ? split.body : source);
  const offset = split ? split.bodyLine - 1 : 0;
  const uses: ComponentUse[] = [];
  for (const m of body.matchAll(/<(Quiz|Solution|Figure|Aside|Steps|CheckMyWork)\b([^>]*)>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1] ?? ''] = a[2] ?? a[3] ?? '';
    const line = offset + body.slice(0, m.index).split('\n').length;
    uses.push({ name: m[1] ?? '', attrs, line });
  }
  return uses;
}

/** Titles of the level-2 sections (`## …`), outside code. */
export function sectionTitles(source: string): string[] {
  const split = splitFrontmatter(source);
  return [...withoutCode(split ? split.body : source).matchAll(/^##\s+(.+?)\s*#*\s*$/gm)].map((m) => m[1] ?? '');
}

/** The languages a set of lesson file names covers, in LANGS order. */
export function lessonLangs(fileNames: Iterable<string>): Lang[] {
  const names = new Set(fileNames);
  return LANGS.filter((lang) => names.has(lessonFileName(lang)));
}

/**
 * The SVG a `<Figure src>` means in `lang`: `./topology.svg` is `topology.<lang>.svg` when that
 * file exists (figures with words have one per language), else `topology.svg` itself.
 * Returns the candidates in order of preference; only names inside the lab folder are accepted.
 */
export function figureCandidates(src: string, lang: Lang): string[] {
  const name = src.replace(/^\.\//, '');
  if (!/^[A-Za-z0-9][\w.-]*\.svg$/.test(name)) return [];
  const base = name.replace(/\.svg$/, '');
  const hasLang = LANGS.some((l) => base.endsWith(`.${l}`));
  return hasLang ? [name] : [`${base}.${lang}.svg`, name];
}

/** A solution file name as `<Solution file>` gives it: a plain YAML file name in `solution/`. */
export function isSolutionName(file: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\.ya?ml$/.test(file);
}
