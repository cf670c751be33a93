import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLabs } from '../src/labs/catalog.ts';
import { CheckResult } from '../src/shared/report.ts';
import { GRADERS } from './registry.ts';

// The content test: labs/ and graders/ describe the same thirteen labs, and each lab's points add up.
const labs = loadLabs();

test('every lab in labs/ has a grader, and every grader a lab', () => {
  const labIds = labs.map((l) => l.id).sort();
  const graderIds = [...GRADERS.keys()].sort();
  assert.deepEqual(
    labIds.filter((id) => !GRADERS.has(id)),
    [],
    'labs without a grader',
  );
  assert.deepEqual(
    graderIds.filter((id) => !labIds.includes(id)),
    [],
    'graders without a labs/<id>/lab.yaml',
  );
  assert.equal(GRADERS.size, 13, 'one grader per question Q1 … Q13');
});

test('each grader is registered under its own lab id and has checks', () => {
  for (const [id, grader] of GRADERS) {
    assert.equal(grader.lab, id);
    assert.ok(grader.checks.length > 0, `${id} has no checks`);
  }
});

test("each lab.yaml's points equal the sum of its grader's check points", () => {
  for (const lab of labs) {
    const grader = GRADERS.get(lab.id);
    if (!grader) continue; // reported by the first test
    const sum = grader.checks.reduce((s, c) => s + c.points, 0);
    assert.equal(sum, lab.points, `${lab.id}: lab.yaml says ${lab.points} points, the checks add up to ${sum}`);
  }
});

test('check ids are unique within a lab and kebab-case; points are non-negative whole numbers', () => {
  const idPattern = CheckResult.shape.id;
  for (const [lab, grader] of GRADERS) {
    const ids = grader.checks.map((c) => c.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    assert.deepEqual(dupes, [], `${lab}: duplicate check ids`);
    for (const check of grader.checks) {
      assert.ok(idPattern.safeParse(check.id).success, `${lab}: check id "${check.id}" is not kebab-case`);
      assert.ok(Number.isInteger(check.points) && check.points >= 0, `${lab}/${check.id}: points ${check.points}`);
      assert.ok(check.title.zh && check.title.en, `${lab}/${check.id}: title in both languages`);
    }
  }
});
