import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SNAPSHOT_SCHEMA_FILE, snapshotSchemaText } from './gen-schemas.ts';

test('schemas/snapshot.schema.json is up to date with src/shared/snapshot.ts (run node scripts/gen-schemas.ts)', () => {
  assert.equal(readFileSync(SNAPSHOT_SCHEMA_FILE, 'utf8'), snapshotSchemaText());
});

test('the JSON Schema states the v1 contract: required fields, loose objects, nullable exit code, optional flags', () => {
  const schema = JSON.parse(snapshotSchemaText()) as {
    required: string[];
    properties: {
      hosts: {
        additionalProperties: {
          required: string[];
          properties: { probes: { additionalProperties: { required: string[]; properties: Record<string, unknown> } } };
        };
      };
    };
  };
  assert.deepEqual([...schema.required].sort(), ['format', 'hosts', 'takenAt', 'version']);
  const host = schema.properties.hosts.additionalProperties;
  assert.deepEqual([...host.required].sort(), ['probes', 'role']);
  const probe = host.properties.probes.additionalProperties;
  assert.deepEqual([...probe.required].sort(), ['exitCode', 'stderr', 'stdout']);
  assert.deepEqual(Object.keys(probe.properties).sort(), ['exitCode', 'ms', 'stderr', 'stdout', 'timedOut', 'truncated']);
  assert.match(JSON.stringify(probe.properties['exitCode']), /"null"/);
});
