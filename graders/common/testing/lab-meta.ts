import assert from 'node:assert/strict';
import type { Grader } from '../../../src/grading/grader.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { LabMeta } from '../../../src/shared/lab.ts';
import type { Snapshot } from '../../../src/shared/snapshot.ts';
import { probesRead } from './grade.ts';

/**
 * Asserts that a lab's lab.yaml and its grader agree: same total points, and every probe the
 * grader reads on the given (complete) snapshot is declared for that role in lab.yaml.
 */
export function assertLabMetaMatches(grader: Grader, snapshot: Snapshot): void {
  const file = new URL(`../../../labs/${grader.lab}/lab.yaml`, import.meta.url);
  const lab = LabMeta.parse(parse(readFileSync(file, 'utf8')));
  assert.equal(lab.id, grader.lab);
  assert.equal(
    lab.points,
    grader.checks.reduce((s, c) => s + c.points, 0),
    `${grader.lab}: lab.yaml points must equal the sum of the checks' points`,
  );
  const read = probesRead(grader, snapshot);
  for (const role of ['master', 'worker'] as const) {
    const declared = new Set([...lab.probes[role], ...(role === 'master' ? (lab.observe?.probes ?? []) : [])]);
    for (const p of read[role]) assert.ok(declared.has(p), `${grader.lab} reads ${p} on the ${role} but lab.yaml does not list it`);
  }
}
