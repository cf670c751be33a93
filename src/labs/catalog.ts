import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { LabMeta, LAB_ID_PATTERN, type LabId } from '../shared/lab.ts';

/** Where the lab folders live: `labs/` at the project root. */
export const LABS_DIR = new URL('../../labs/', import.meta.url);

export class LabCatalogError extends Error {
  override name = 'LabCatalogError';
}

/** Reads and validates every `labs/<id>/lab.yaml`, ordered by `order`. */
export function loadLabs(dir: URL | string = LABS_DIR): LabMeta[] {
  const root = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const ids = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && LAB_ID_PATTERN.test(d.name))
    .map((d) => d.name);
  const labs = ids.map((id) => loadLab(root, id));
  return labs.sort((a, b) => a.order - b.order);
}

function loadLab(root: string, id: string): LabMeta {
  const file = join(root, id, 'lab.yaml');
  if (!existsSync(file)) throw new LabCatalogError(`${file}: missing (every lab folder needs a lab.yaml)`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new LabCatalogError(`${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const parsed = LabMeta.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LabCatalogError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  if (parsed.data.id !== id) throw new LabCatalogError(`${file}: id is ${parsed.data.id} but the folder is ${id}`);
  return parsed.data;
}

/**
 * Accepts `lab-10`, `lab-1`, `10`, `01`, `Q10`, `q10` and returns the canonical `lab-10`,
 * or undefined when the text names no lab.
 */
export function normalizeLabId(text: string): LabId | undefined {
  const m = /^(?:lab-?|q)?0*([0-9]{1,2})$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n < 1 || n > 13) return undefined;
  return `lab-${String(n).padStart(2, '0')}`;
}
