import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lab } from '../grading/reporters/sample-reports.fixture.ts';
import type { LabMeta } from '../shared/lab.ts';
import { closest, editDistance } from './did-you-mean.ts';
import { CliError, EXIT } from './errors.ts';
import { resolveLabs, suggestLabs } from './lab-select.ts';

const CATALOG: LabMeta[] = Array.from({ length: 13 }, (_, i) => lab(`lab-${String(i + 1).padStart(2, '0')}`, i + 1, 10));
const ids = (labs: LabMeta[]) => labs.map((l) => l.id);

function unknown(targets: string[], catalog = CATALOG): CliError {
  try {
    resolveLabs(targets, catalog);
  } catch (err) {
    assert.ok(err instanceof CliError);
    assert.equal(err.exitCode, EXIT.usage);
    return err;
  }
  assert.fail(`expected ${targets.join(' ')} to be rejected`);
}

test('every spelling of a lab id resolves to the catalog lab', () => {
  for (const text of ['lab-10', 'lab-010', 'lab10', 'LAB-10', '10', 'q10', 'Q10', ' 10 '])
    assert.deepEqual(ids(resolveLabs([text], CATALOG)), ['lab-10'], text);
  for (const text of ['lab-1', 'lab-01', '1', '01', 'q1']) assert.deepEqual(ids(resolveLabs([text], CATALOG)), ['lab-01'], text);
});

test('all selects every lab; several ids come back once each, in course order', () => {
  assert.equal(resolveLabs(['all'], CATALOG).length, 13);
  assert.equal(resolveLabs(['ALL'], CATALOG).length, 13);
  assert.deepEqual(ids(resolveLabs(['q12', 'lab-3', '12'], CATALOG)), ['lab-03', 'lab-12']);
});

test('an unknown id gets a did-you-mean and the list command', () => {
  const err = unknown(['lab-1o']);
  assert.equal(err.text.en, 'Unknown lab "lab-1o". Did you mean lab-10? Run `npm run grade -- list` to see them all.');
  assert.ok(err.text.zh.startsWith('未知的实验 "lab-1o"。是不是想输入 lab-10？'));
  assert.match(unknown(['ql2']).text.en, /Did you mean lab-12\?/);
  assert.match(unknown(['lab-O7']).text.en, /Did you mean lab-07\?/);
  assert.match(unknown(['lba-10']).text.en, /Did you mean lab-10\?/);
  assert.match(unknown(['labb-10']).text.en, /Did you mean lab-10\?/);
  assert.match(unknown(['al']).text.en, /Did you mean all\?/);
  assert.match(unknown(['q-12']).text.en, /Did you mean lab-12\?/);
});

test('a number out of range or gibberish names the range instead of guessing', () => {
  for (const text of ['lab-14', '0', 'q99', '14']) {
    assert.equal(
      unknown([text]).text.en,
      `Unknown lab "${text}". A lab id looks like lab-10, 10 or q10; the labs are lab-01 … lab-13. Run \`npm run grade -- list\` to see them all.`,
    );
  }
  assert.match(unknown(['kubernetes']).text.en, /A lab id looks like/);
  assert.match(unknown(['lab-10', 'nope']).text.en, /Unknown lab "nope"/);
});

test('a well-formed id whose lab folder is missing says so', () => {
  const err = unknown(
    ['lab-05'],
    CATALOG.filter((l) => l.id !== 'lab-05'),
  );
  assert.equal(err.text.en, 'Lab lab-05 does not exist (no labs/lab-05/lab.yaml). The labs are lab-01 … lab-13.');
});

test('edit distance counts an adjacent swap as one edit; ambiguous guesses are withheld', () => {
  assert.equal(editDistance('lab-10', 'lab-10'), 0);
  assert.equal(editDistance('lba-10', 'lab-10'), 1);
  assert.equal(editDistance('lab10x', 'lab10'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.deepEqual(closest('xyz', new Map([['a', ['abc']]])), []);
  const many = new Map(['ab', 'ac', 'ad', 'ae'].map((x) => [x, [x]]));
  assert.deepEqual(closest('aa', many), [], 'four-way tie: no guess');
  assert.deepEqual(
    closest(
      'ab',
      new Map([
        ['ab1', ['abc']],
        ['ab2', ['abd']],
        ['zz', ['zzzz']],
      ]),
    ),
    ['ab1', 'ab2'],
    'ties within the limit are all offered',
  );
  // lab-1x is one edit from lab-1, lab-10 … lab-13: too many to guess among.
  assert.deepEqual(suggestLabs('lab-1x', CATALOG), []);
});
