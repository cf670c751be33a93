import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLabs, normalizeLabId, LabCatalogError } from './catalog.ts';

test('lab ids are accepted in every usual spelling', () => {
  for (const s of ['lab-10', 'lab10', 'LAB-10', '10', 'q10', 'Q10', ' 10 ']) assert.equal(normalizeLabId(s), 'lab-10', s);
  for (const s of ['lab-1', 'lab-01', '1', '01']) assert.equal(normalizeLabId(s), 'lab-01', s);
  for (const s of ['lab-0', 'lab-14', '14', 'all', '', 'lab-1x', '1.5']) assert.equal(normalizeLabId(s), undefined, s);
});

test('the project labs load and validate', () => {
  const labs = loadLabs();
  assert.ok(labs.length >= 1);
  for (const lab of labs) assert.equal(lab.id, `lab-${String(lab.order).padStart(2, '0')}`);
});

test('a broken lab.yaml gives a message naming the file and the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'labs-'));
  mkdirSync(join(dir, 'lab-03'));
  writeFileSync(join(dir, 'lab-03', 'lab.yaml'), 'id: lab-03\norder: 3\n');
  assert.throws(
    () => loadLabs(dir),
    (e: Error) => e instanceof LabCatalogError && /lab-03\/lab.yaml: title/.test(e.message),
  );
  writeFileSync(join(dir, 'lab-03', 'lab.yaml'), 'id: [\n');
  assert.throws(() => loadLabs(dir), /not valid YAML/);
});
