import { parseAllDocuments } from 'yaml';
import { LANGS, type Lang } from '../shared/i18n.ts';
import type { Quiz } from '../shared/lesson.ts';
import {
  ASIDE_TYPES,
  componentUses,
  figureCandidates,
  isSolutionName,
  lessonFileName,
  lessonLangs,
  parseLessonFrontmatter,
  QUIZ_FILE,
  sectionTitles,
  SOLUTION_DIR,
  type ContentProblem,
} from './lesson-source.ts';
import { parseQuiz } from './quiz-source.ts';
import { svgProblems } from './svg-figure.ts';

/**
 * Everything the content contract (docs in /work/notes/lesson-contract.md, schema in
 * src/shared/lesson.ts) asks of one lab folder, checked from its files as text. Used by the
 * content test; each problem names the file and says what to fix.
 */

/** A lab folder's files, keyed by path inside it: `lesson.zh.mdx`, `quiz.yaml`, `solution/x.yaml`, `x.svg`. */
export interface LabFiles {
  id: string;
  files: ReadonlyMap<string, string>;
}

/** Labs whose question asks for explanations: their lesson comes with a quiz. */
export const QUIZ_LABS: readonly string[] = ['lab-02', 'lab-03', 'lab-05', 'lab-06', 'lab-08', 'lab-10', 'lab-11'];

export interface LabCheck {
  /** Languages with a lesson file; empty while the lesson is not written. */
  langs: Lang[];
  problems: ContentProblem[];
}

export function checkLab(lab: LabFiles): LabCheck {
  const problems: ContentProblem[] = [];
  const at = (file: string, message: string) => problems.push({ file: `${lab.id}/${file}`, message });
  const langs = lessonLangs(lab.files.keys());
  for (const lang of LANGS) {
    if (langs.length > 0 && !langs.includes(lang))
      at(lessonFileName(lang), 'missing: every lesson is written in both languages (zh and en)');
  }

  const quiz = checkQuizFile(lab, at);
  if (langs.length > 0 && !lab.files.has(QUIZ_FILE) && QUIZ_LABS.includes(lab.id)) {
    at(QUIZ_FILE, 'missing: this lab asks for explanations, so its lesson needs a quiz (schema: Quiz in src/shared/lesson.ts)');
  }
  for (const [path, text] of lab.files) {
    if (path.startsWith(`${SOLUTION_DIR}/`)) checkSolution(path, text, at);
    if (path.endsWith('.svg')) for (const p of svgProblems(text)) at(path, `${p}; it is inlined into the page`);
  }

  const perLang = new Map<Lang, { quizIds: string[]; solutions: string[]; sections: number; fm?: { minutes: number; version: string } }>();
  for (const lang of langs) {
    const file = lessonFileName(lang);
    const source = lab.files.get(file) ?? '';
    const fm = parseLessonFrontmatter(source);
    if (!fm.ok) at(file, fm.message);
    const uses = componentUses(source);
    const quizIds: string[] = [];
    const solutions: string[] = [];
    for (const use of uses) {
      const where = `line ${use.line}: <${use.name}>`;
      if (use.name === 'Quiz') {
        const id = use.attrs['id'];
        quizIds.push(id ?? '');
        if (!id) at(file, `${where} has no id`);
        else if (!lab.files.has(QUIZ_FILE)) at(file, `${where} id="${id}" but the lab has no ${QUIZ_FILE}`);
        else if (quiz && !quiz.questions.some((q) => q.id === id)) at(file, `${where} id="${id}" is not a question in ${QUIZ_FILE}`);
      } else if (use.name === 'Solution') {
        const name = use.attrs['file'] ?? '';
        solutions.push(name);
        if (!isSolutionName(name)) at(file, `${where} file="${name}" must be a .yaml file name in ${SOLUTION_DIR}/`);
        else if (!lab.files.has(`${SOLUTION_DIR}/${name}`)) at(file, `${where} ${SOLUTION_DIR}/${name} does not exist`);
      } else if (use.name === 'Figure') {
        const src = use.attrs['src'] ?? '';
        const found = figureCandidates(src, lang).find((name) => lab.files.has(name));
        if (!found)
          at(
            file,
            `${where} src="${src}": no such SVG in the lab folder (looked for ${figureCandidates(src, lang).join(', ') || 'a plain file name'})`,
          );
        if (!use.attrs['alt']) at(file, `${where} needs alt="…" describing the figure`);
      } else if (use.name === 'Aside') {
        const type = use.attrs['type'];
        if (type !== undefined && !(ASIDE_TYPES as readonly string[]).includes(type))
          at(file, `${where} type="${type}"; use one of ${ASIDE_TYPES.join(', ')}`);
      }
    }
    perLang.set(lang, {
      quizIds,
      solutions,
      sections: sectionTitles(source).length,
      ...(fm.ok ? { fm: { minutes: fm.frontmatter.minutes, version: fm.frontmatter.kubernetesVersion } } : {}),
    });
  }
  compareLanguages(perLang, at);
  return { langs, problems };
}

type At = (file: string, message: string) => void;

function checkQuizFile(lab: LabFiles, at: At): Quiz | undefined {
  const text = lab.files.get(QUIZ_FILE);
  if (text === undefined) return undefined;
  const parsed = parseQuiz(text);
  if (!parsed.ok) {
    at(QUIZ_FILE, parsed.message);
    return undefined;
  }
  return parsed.quiz;
}

function checkSolution(path: string, text: string, at: At): void {
  if (!/\.ya?ml$/.test(path)) return at(path, 'solutions are YAML manifests (.yaml)');
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) return at(path, `not valid YAML: ${err.message.split('\n')[0]}`);
  }
  if (!list.some((d) => d.contents !== null)) at(path, 'is empty');
}

/** The two languages must teach the same thing: same quizzes, solutions, sections, minutes, version. */
function compareLanguages(
  perLang: Map<Lang, { quizIds: string[]; solutions: string[]; sections: number; fm?: { minutes: number; version: string } }>,
  at: At,
): void {
  const zh = perLang.get('zh');
  const en = perLang.get('en');
  if (!zh || !en) return;
  const file = lessonFileName('en');
  const sameSet = (a: string[], b: string[]) => [...new Set(a)].sort().join() === [...new Set(b)].sort().join();
  if (!sameSet(zh.quizIds, en.quizIds))
    at(file, `uses quizzes [${en.quizIds.join(', ')}] but the Chinese lesson uses [${zh.quizIds.join(', ')}]`);
  if (!sameSet(zh.solutions, en.solutions))
    at(file, `shows solutions [${en.solutions.join(', ')}] but the Chinese lesson shows [${zh.solutions.join(', ')}]`);
  if (zh.sections !== en.sections) {
    at(
      file,
      `has ${en.sections} sections (##) but the Chinese lesson has ${zh.sections}: keep the same sections so the language switch keeps the reader's place`,
    );
  }
  if (zh.fm && en.fm && (zh.fm.minutes !== en.fm.minutes || zh.fm.version !== en.fm.version)) {
    at(file, `says ${en.fm.minutes} min / Kubernetes ${en.fm.version}, the Chinese lesson ${zh.fm.minutes} min / ${zh.fm.version}`);
  }
}
