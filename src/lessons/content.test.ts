import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLabs } from '../labs/catalog.ts';
import { checkLab, QUIZ_LABS, type LabFiles } from './content-check.ts';
import { readLabFiles } from './lab-files-fs.ts';

/**
 * The lesson content contract, on the real labs/ folder: every written lesson exists in both
 * languages with valid frontmatter; every quiz has a key and explanations; every <Quiz id>,
 * <Solution file> and <Figure src> exists; solutions parse as YAML; figures are safe to inline; the
 * two languages have the same sections, quizzes and solutions. Labs whose lesson is not written
 * yet are skipped (and said so); a lab written in one language only fails.
 */
const LABS_DIR = fileURLToPath(new URL('../../labs/', import.meta.url));
const labs = readLabFiles(LABS_DIR);

for (const lab of labs) {
  const result = checkLab(lab);
  const skip = result.langs.length === 0 ? `${lab.id}: no lesson written yet (labs/${lab.id}/lesson.zh.mdx, lesson.en.mdx)` : false;
  test(`${lab.id}: lesson content meets the contract`, { skip }, () => {
    assert.deepEqual(
      result.problems.map((p) => `${p.file}: ${p.message}`),
      [],
    );
  });
}

test('every lab with a lab.yaml is looked at, and the quiz labs are real labs', () => {
  const ids = loadLabs(LABS_DIR).map((l) => l.id);
  assert.deepEqual(
    labs.map((l) => l.id),
    ids,
  );
  for (const id of QUIZ_LABS) assert.ok(ids.includes(id) || ids.length < 13, id);
});

// The checker itself, on a small fixture lab: each broken thing is reported with its file.
const FM = (minutes = 30) => `---\ntitle: T\ndescription: D\nobjectives: [one, two]\nminutes: ${minutes}\nkubernetesVersion: "1.29"\n---\n`;
const QUIZ = `questions:
  - id: pick
    kind: single
    prompt: { zh: 问, en: Q }
    options:
      - { id: a, text: { zh: 甲, en: A } }
      - { id: b, text: { zh: 乙, en: B } }
    answer: b
    explanation: { zh: 因为, en: Because }
`;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect fill="currentColor"/></svg>';
const body = '## A\n\n<Quiz id="pick" />\n\n<Solution file="pod1.yaml" />\n\n<Figure src="./fig.svg" alt="a figure" />\n\n## B\n';

function fixture(files: Record<string, string>, id = 'lab-04'): LabFiles {
  return { id, files: new Map(Object.entries(files)) };
}
const good = () => ({
  'lesson.zh.mdx': FM() + body,
  'lesson.en.mdx': FM() + body,
  'quiz.yaml': QUIZ,
  'solution/pod1.yaml': 'apiVersion: v1\nkind: Pod\n',
  'fig.en.svg': SVG,
  'fig.zh.svg': SVG,
});
const problems = (files: Record<string, string>, id?: string) =>
  checkLab(fixture(files, id)).problems.map((p) => `${p.file}: ${p.message}`);

test('checker: a complete fixture lab has no problem; an unwritten one is just unwritten', () => {
  assert.deepEqual(problems(good()), []);
  assert.deepEqual(checkLab(fixture({ 'solution/pod1.yaml': 'kind: Pod\n' })), { langs: [], problems: [] });
});

test('checker: one language only, bad frontmatter, missing quiz for an explanation lab', () => {
  const { 'lesson.en.mdx': _en, ...zhOnly } = good();
  assert.deepEqual(problems(zhOnly), ['lab-04/lesson.en.mdx: missing: every lesson is written in both languages (zh and en)']);
  assert.match(
    problems({ ...good(), 'lesson.en.mdx': '---\ntitle: T\n---\n' + body }).join('\n'),
    /lesson\.en\.mdx: frontmatter: description/,
  );
  const { 'quiz.yaml': _q, ...noQuiz } = good();
  const noQuizBody = { ...noQuiz, 'lesson.zh.mdx': FM() + '## A\n\n## B\n', 'lesson.en.mdx': FM() + '## A\n\n## B\n' };
  assert.deepEqual(problems(noQuizBody, 'lab-10'), [
    'lab-10/quiz.yaml: missing: this lab asks for explanations, so its lesson needs a quiz (schema: Quiz in src/shared/lesson.ts)',
  ]);
});

test('checker: references that do not resolve, unsafe figures and broken solutions', () => {
  const files = {
    ...good(),
    'lesson.en.mdx': FM() + body.replace('id="pick"', 'id="pik"').replace('pod1.yaml', 'pod2.yaml').replace('./fig.svg', './fog.svg'),
    'solution/bad.yaml': 'a: [1, 2\n',
    'fig.zh.svg': '<svg viewBox="0 0 1 1" onclick="x()"></svg>',
  };
  const found = problems(files).join('\n');
  assert.match(found, /lesson\.en\.mdx: line 10: <Quiz> id="pik" is not a question in quiz\.yaml/);
  assert.match(found, /lesson\.en\.mdx: line 12: <Solution> solution\/pod2\.yaml does not exist/);
  assert.match(found, /lesson\.en\.mdx: line 14: <Figure> src="\.\/fog\.svg": no such SVG .*fog\.en\.svg, fog\.svg/);
  assert.match(found, /solution\/bad\.yaml: not valid YAML/);
  assert.match(found, /fig\.zh\.svg: contains an event handler attribute/);
  assert.match(found, /lesson\.en\.mdx: uses quizzes \[pik\] but the Chinese lesson uses \[pick\]/);
});

test('checker: both languages must keep the same sections and facts', () => {
  const files = { ...good(), 'lesson.en.mdx': FM(45) + body + '\n## C\n\n<Aside type="warning">x</Aside>\n' };
  const found = problems(files).join('\n');
  assert.match(found, /has 3 sections \(##\) but the Chinese lesson has 2/);
  assert.match(found, /says 45 min \/ Kubernetes 1\.29, the Chinese lesson 30 min/);
  assert.match(found, /<Aside> type="warning"; use one of note, tip, caution, danger/);
});
