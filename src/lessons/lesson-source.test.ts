import assert from 'node:assert/strict';
import { test } from 'node:test';
import { t } from '../shared/i18n.ts';
import {
  componentUses,
  figureCandidates,
  isSolutionName,
  lessonLangs,
  parseLessonFrontmatter,
  sectionTitles,
  splitFrontmatter,
} from './lesson-source.ts';
import { parseQuiz } from './quiz-source.ts';
import { publicQuestion } from './quiz-public.ts';
import { inlineSvg, svgProblems } from './svg-figure.ts';
import { parseLayout, serializeLayout, splitRule } from '../components/lesson/layout-prefs.ts';

const FM = `---
title: T
description: D
objectives:
  - one
  - two
minutes: 30
kubernetesVersion: "1.29"
---
`;

test('frontmatter: valid, and each way to get it wrong names the field', () => {
  const ok = parseLessonFrontmatter(`${FM}\nBody`);
  assert.ok(ok.ok && ok.frontmatter.minutes === 30 && ok.frontmatter.kubernetesVersion === '1.29');
  const bad = (fm: string) => parseLessonFrontmatter(`---\n${fm}\n---\nBody`);
  assert.deepEqual(parseLessonFrontmatter('# no frontmatter'), {
    ok: false,
    message: 'no frontmatter (the file must start with a --- block)',
  });
  assert.match(JSON.stringify(bad('title: [unclosed')), /not valid YAML/);
  assert.match(JSON.stringify(bad('title: T\ndescription: D\nobjectives: [a]\nminutes: 30\nkubernetesVersion: "1.29"')), /objectives/);
  assert.match(
    JSON.stringify(bad('title: T\ndescription: D\nobjectives: [a, b]\nminutes: 30\nkubernetesVersion: 1.29')),
    /kubernetesVersion/,
  );
  assert.match(
    JSON.stringify(bad('title: T\ndescription: D\nobjectives: [a, b]\nminutes: 30\nkubernetesVersion: "1.29"\nauthor: me')),
    /author|Unrecognized/,
  );
});

test('component uses are found outside code blocks, with their attributes and lines', () => {
  const src = `${FM}\n## A\n\n<Quiz id="one" />\n\n\`\`\`mdx\n<Quiz id="in-code" />\n\`\`\`\n\n<Aside type='caution' title="x">\ntext\n</Aside>\n\n   <Solution file="pod1.yaml" />\n\n## B\n`;
  const uses = componentUses(src);
  assert.deepEqual(
    uses.map((u) => [u.name, u.attrs, u.line]),
    [
      ['Quiz', { id: 'one' }, 13],
      ['Aside', { type: 'caution', title: 'x' }, 19],
      ['Solution', { file: 'pod1.yaml' }, 23],
    ],
  );
  assert.deepEqual(sectionTitles(src), ['A', 'B']);
  assert.equal(splitFrontmatter(src)?.bodyLine, 10);
});

test('lesson languages, figure names and solution names', () => {
  assert.deepEqual(lessonLangs(['lesson.en.mdx', 'quiz.yaml']), ['en']);
  assert.deepEqual(lessonLangs(['lesson.en.mdx', 'lesson.zh.mdx']), ['zh', 'en']);
  assert.deepEqual(figureCandidates('./topology.svg', 'en'), ['topology.en.svg', 'topology.svg']);
  assert.deepEqual(figureCandidates('./cluster.zh.svg', 'en'), ['cluster.zh.svg']);
  assert.deepEqual(figureCandidates('../lab-01/x.svg', 'zh'), []);
  assert.deepEqual(figureCandidates('x.png', 'zh'), []);
  assert.ok(isSolutionName('deployment1-hpa.yaml'));
  assert.ok(!isSolutionName('../secret.yaml') && !isSolutionName('a/b.yaml') && !isSolutionName('x.json'));
});

test('quiz.yaml: schema errors and the checks beyond it', () => {
  const q = (body: string) => parseQuiz(`questions:\n${body}`);
  const opt = (id: string) => `      - id: ${id}\n        text: { zh: ${id}, en: ${id} }\n`;
  const single = (answer: string, id = 'q1') =>
    `  - id: ${id}\n    kind: single\n    prompt: { zh: 问, en: Q }\n    options:\n${opt('a')}${opt('b')}    answer: ${answer}\n    explanation: { zh: 因为, en: Because }\n`;
  assert.ok(q(single('a')).ok);
  assert.match(JSON.stringify(q(single('c'))), /answer `c` is not one of the options \(a, b\)/);
  assert.match(JSON.stringify(q(single('a') + single('b'))), /question id `q1` is used twice/);
  assert.match(JSON.stringify(q(single('a').replace('    explanation: { zh: 因为, en: Because }\n', ''))), /explanation/);
  assert.match(JSON.stringify(q(single('a').replace('en: Because', 'en: ""'))), /explanation\.en/);
  const multiple = `  - id: m\n    kind: multiple\n    prompt: { zh: 问, en: Q }\n    options:\n${opt('a')}${opt('b')}    answer: [a, b]\n    explanation: { zh: 因, en: B }\n`;
  assert.match(JSON.stringify(q(multiple)), /every option is right/);
  const short = `  - id: s\n    kind: short\n    prompt: { zh: 问, en: Q }\n    accept: ['(unclosed']\n    explanation: { zh: 因, en: B }\n`;
  assert.match(JSON.stringify(q(short)), /does not compile/);
  const cluster = `  - id: c\n    kind: cluster\n    prompt: { zh: 问, en: Q }\n    fact: pod2.ip\n    explanation: { zh: 因, en: B }\n`;
  assert.match(JSON.stringify(q(cluster)), /fact/);
});

test('the page sees prompts and options only: no key, patterns, fact or explanation', () => {
  const parsed = parseQuiz(
    `questions:\n  - id: s\n    kind: short\n    prompt: { zh: 问, en: Q }\n    accept: ['^SECRET$']\n    explanation: { zh: 秘密解释, en: SECRET-EXPLANATION }\n  - id: c\n    kind: cluster\n    prompt: { zh: 问, en: Q }\n    fact: service1.clusterIP\n    explanation: { zh: 因, en: B }\n`,
  );
  assert.ok(parsed.ok);
  for (const question of parsed.quiz.questions) {
    for (const lang of ['zh', 'en'] as const) {
      const text = JSON.stringify(publicQuestion(question, lang));
      assert.doesNotMatch(text, /SECRET|秘密|service1\.clusterIP|accept|explanation|fact/);
    }
  }
  const single = publicQuestion(
    { id: 'p', kind: 'single', prompt: t('问', 'Q'), options: [{ id: 'a', text: t('甲', 'A') }], answer: 'a', explanation: t('x', 'x') },
    'zh',
  );
  assert.deepEqual(single, { id: 'p', kind: 'single', prompt: '问', options: [{ id: 'a', text: '甲' }] });
});

test('figures: active or styled SVG is refused; inlining scopes ids and sets the accessible name', () => {
  const good =
    '<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="760" height="430" role="img" aria-labelledby="t"><title id="t">T</title><defs><marker id="arrow"/></defs><path marker-end="url(#arrow)" fill="currentColor"/><use href="#arrow"/></svg>';
  assert.deepEqual(svgProblems(good), []);
  const out = inlineSvg(good, 'Two "nodes" & a <link>', 'fig-x');
  assert.doesNotMatch(out, /<\?xml|<!--|width="760"|aria-labelledby/);
  assert.match(
    out,
    /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 10 10" role="img" aria-label="Two &quot;nodes&quot; &amp; a &lt;link&gt;" focusable="false">/,
  );
  assert.match(out, /id="fig-x-t"/);
  assert.match(out, /id="fig-x-arrow"/);
  assert.match(out, /url\(#fig-x-arrow\)/);
  assert.match(out, /href="#fig-x-arrow"/);
  for (const [bad, why] of [
    ['<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>', /<script>/],
    ['<svg viewBox="0 0 1 1" onload="x()"></svg>', /event handler/],
    ['<svg viewBox="0 0 1 1"><rect style="fill:red"/></svg>', /style attribute/],
    ['<svg viewBox="0 0 1 1"><style>rect{}</style></svg>', /<style>/],
    ['<svg viewBox="0 0 1 1"><image href="https://evil.example/x.png"/></svg>', /link to another file/],
    ['<svg viewBox="0 0 1 1"><a href="javascript:alert(1)">x</a></svg>', /javascript:/],
    ['<svg viewBox="0 0 1 1"><foreignObject/></svg>', /foreignObject/],
    ['<svg width="10" height="10"></svg>', /viewBox/],
  ] as const) {
    assert.match(svgProblems(bad).join('; '), why, bad);
  }
});

test('layout cookie: parsed defensively, serialized round trip, one CSS rule', () => {
  assert.deepEqual(parseLayout(undefined), { split: 55, tool: 'terminal', hidden: false });
  assert.deepEqual(parseLayout('57.check.1'), { split: 57, tool: 'check', hidden: true });
  assert.deepEqual(parseLayout('5.nope.x'), { split: 30, tool: 'terminal', hidden: false });
  assert.deepEqual(parseLayout('999.editor.0'), { split: 72, tool: 'editor', hidden: false });
  assert.deepEqual(parseLayout('abc;x=1'), { split: 55, tool: 'terminal', hidden: false });
  assert.equal(serializeLayout({ split: 61.4, tool: 'editor', hidden: true }), '61.editor.1');
  assert.equal(splitRule(parseLayout('40.check.0')), '.lab-layout{--split:40%}');
  assert.equal(splitRule(parseLayout('40%}body{display:none')), '.lab-layout{--split:55%}', 'only a number reaches the CSS');
});
