// Generates schemas/snapshot.schema.json (JSON Schema 2020-12) from the Snapshot v1 zod schema in
// src/shared/snapshot.ts, so outside tools can validate snapshots without our code.
//
//   ./node_modules/.bin/node scripts/gen-schemas.ts          write the file
//   ./node_modules/.bin/node scripts/gen-schemas.ts --check  exit 1 when the file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Snapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../src/shared/snapshot.ts';

export const SNAPSHOT_SCHEMA_FILE = fileURLToPath(new URL('../schemas/snapshot.schema.json', import.meta.url));

/** The schema text exactly as committed (stable key order, two-space indent, final newline). */
export function snapshotSchemaText(): string {
  const generated = z.toJSONSchema(Snapshot, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const doc = {
    $schema,
    title: `${SNAPSHOT_FORMAT} v${SNAPSHOT_VERSION}`,
    description:
      'A snapshot: the raw output of each probe the collector ran on the hosts (docs/snapshot.md). Generated from src/shared/snapshot.ts by scripts/gen-schemas.ts; do not edit.',
    ...rest,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = snapshotSchemaText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SNAPSHOT_SCHEMA_FILE, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${SNAPSHOT_SCHEMA_FILE} is out of date; run: node scripts/gen-schemas.ts`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(SNAPSHOT_SCHEMA_FILE, text);
    console.log(`wrote ${SNAPSHOT_SCHEMA_FILE}`);
  }
}
