import { readFileSync, rmSync } from 'node:fs';
import type { Role } from '../model/types.ts';
import { nodeDir } from './paths.ts';

/** The last `kubectl apply` a node's kubectl ran (node/kubectl-apply.sh records it). */
export interface AppliedManifest {
  /** Counts the node's apply calls since `up` or the last clearApplied (1 = the first). */
  seq: number;
  /** What kubectl read from `-f` (stdin for `-f -`), byte for byte. */
  yaml: string;
  /** `server` for `--dry-run=server`, `client` for `--dry-run=client`, else `none`. */
  dryRun: 'none' | 'server' | 'client';
  /** kubectl's exit code: 0 applied (or would apply), 1 refused (bad manifest). */
  exitCode: number;
}

const applyDir = (role: Role) => `${nodeDir(role)}/usr-local/share/k8s-labs/apply`;

export function lastApplied(role: Role): AppliedManifest | undefined {
  let meta: string;
  try {
    meta = readFileSync(`${applyDir(role)}/last.meta`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (k: string) => meta.match(new RegExp(`^${k}=(.*)$`, 'm'))?.[1] ?? '';
  const dryRun = field('dryRun');
  return {
    seq: Number(field('seq')),
    yaml: readFileSync(`${applyDir(role)}/last.yaml`, 'utf8'),
    dryRun: dryRun === 'server' || dryRun === 'client' ? dryRun : 'none',
    exitCode: Number(field('exitCode')),
  };
}

/** Forgets the node's recorded applies (lastApplied is undefined until the next one). */
export function clearApplied(role: Role): void {
  for (const f of ['last.meta', 'last.yaml', 'seq']) rmSync(`${applyDir(role)}/${f}`, { force: true });
}
