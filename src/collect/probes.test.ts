import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadLabs } from '../labs/catalog.ts';
import { ProbeName } from '../shared/snapshot.ts';
import { PROBE_NAMES, resolveProbe } from './probes.ts';

const DOC = readFileSync(new URL('../../docs/probes.md', import.meta.url), 'utf8');

test('docs/probes.md and the probe table list the same probes', () => {
  const documented = [...DOC.matchAll(/^\| `([a-z][a-z0-9-]*\.[^`]+)` \|/gm)].map((m) => m[1]).filter((n) => n !== 'pod.<namespace>.<pod>.addr');
  assert.deepEqual([...documented].sort(), [...PROBE_NAMES].sort());
});

test('every probe name is a valid snapshot probe name; root probes are the documented ones', () => {
  for (const name of PROBE_NAMES) assert.ok(ProbeName.safeParse(name).success, name);
  const root = PROBE_NAMES.filter((n) => resolveProbe(n)?.root);
  const docRoot = [...DOC.matchAll(/^\| `([^`]+)` \|.*\| root \|$/gm)].map((m) => m[1]).filter((n) => n !== 'pod.<namespace>.<pod>.addr');
  assert.deepEqual(root.sort(), docRoot.sort());
});

test('every probe a lab asks for is one the collector knows', () => {
  for (const lab of loadLabs()) {
    const names = [...lab.probes.master, ...lab.probes.worker, ...(lab.observe?.probes ?? [])];
    for (const name of names) assert.ok(resolveProbe(name), `${lab.id}: unknown probe ${name} (add it to src/collect/probes.ts and docs/probes.md)`);
  }
});
