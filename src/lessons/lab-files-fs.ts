import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_ID_PATTERN } from '../shared/lab.ts';
import type { LabFiles } from './content-check.ts';
import { SOLUTION_DIR } from './lesson-source.ts';

/**
 * Reads lab folders from disk for the content test and scripts (the site reads the same files
 * through Vite, see site-content.ts). `labsDir` points anywhere, so tests can use a fixture folder.
 */
export function readLabFiles(labsDir: string): LabFiles[] {
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && LAB_ID_PATTERN.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((id) => readLab(labsDir, id));
}

function readLab(labsDir: string, id: string): LabFiles {
  const dir = join(labsDir, id);
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (/\.(mdx|ya?ml|svg)$/.test(name) && name !== 'lab.yaml') files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  const solutions = join(dir, SOLUTION_DIR);
  if (existsSync(solutions)) {
    for (const name of readdirSync(solutions)) files.set(`${SOLUTION_DIR}/${name}`, readFileSync(join(solutions, name), 'utf8'));
  }
  return { id, files };
}
