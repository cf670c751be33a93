import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gradescopeResults, renderGradescope } from './gradescope.ts';
import { mixedReport, passingReport } from './sample-reports.fixture.ts';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test('Gradescope results.json: score, max_score and one test per check', () => {
  const results = JSON.parse(renderGradescope([mixedReport('en')])) as ReturnType<typeof gradescopeResults>;
  assert.equal(results.score, 3);
  assert.equal(results.max_score, 9);
  assert.equal(results.tests.length, 5);
  assert.equal(
    results.tests.reduce((s, x) => s + x.score, 0),
    results.score,
  );
  for (const test of results.tests) {
    assert.ok(test.status === 'passed' || test.status === 'failed');
    assert.equal(test.visibility, 'visible');
    assert.equal(typeof test.name, 'string');
    assert.equal(typeof test.output, 'string');
    assert.ok(!CONTROL.test(test.output.replace(/\n/g, '')), 'no control characters in output');
  }
  const [passed, failed, error, pending, skipped] = results.tests;
  assert.deepEqual(
    [passed?.name, passed?.number, passed?.score, passed?.max_score, passed?.status],
    ['Check chains-present', '10.1', 3, 3, 'passed'],
  );
  assert.equal(failed?.status, 'failed');
  assert.ok(failed?.output.startsWith('Wrong probability: pod <b>"x"</b>'));
  assert.ok(failed?.output.includes('line one\nline two'));
  assert.ok(failed?.output.includes('--- iptables.save @ master'));
  assert.ok(error?.output.startsWith('Could not check (no penalty, but no points either): Message dnat-targets'));
  assert.deepEqual(error?.extra_data, { lab: 'lab-10', check: 'dnat-targets', status: 'error' });
  assert.ok(pending?.output.startsWith('Still converging; grade again later:'));
  assert.ok(skipped?.output.startsWith('Not applicable:'));
  assert.ok(results.output.includes('lab-10 Lab 10: 3/9 (some checks could not be judged)'));
  assert.equal(results.extra_data.gradable, false);
});

test('Gradescope with several labs prefixes test names with the lab and sums the scores', () => {
  const results = gradescopeResults([passingReport('lab-09', 9, 'zh'), mixedReport('zh')]);
  assert.equal(results.score, 8);
  assert.equal(results.max_score, 14);
  assert.equal(results.tests[0]?.name, 'lab-09 · 检查 service-exists');
  assert.equal(results.tests[0]?.number, '9.1');
  assert.equal(results.tests[4]?.output.startsWith('无法检查'), true);
  assert.deepEqual(results.extra_data.labs, ['lab-09', 'lab-10']);
});
