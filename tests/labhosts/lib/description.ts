import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role } from '../model/types.ts';
import { DESCRIPTION_ENV, DESCRIPTION_FILE, LOCK_FILE } from './paths.ts';

/** One SSH host of the testbed (contract: /work/notes/collect-api.md). */
export interface TestbedHost {
  name: 'master' | 'worker';
  role: 'master' | 'worker';
  host: string;
  port: 22;
  hostname: string;
  hostKeyFingerprint: string;
}

/** What `up` leaves in .tmp/testbed.json for test processes and `down`/`status`. */
export interface Description {
  format: 'k8s-labs-testbed';
  version: 1;
  startedAt: string;
  upMs: number;
  /** flock holder: while it lives the testbed is up and ours. */
  lockHolderPid: number;
  lockMode: 'tied' | 'detached';
  hosts: TestbedHost[];
  user: string;
  password: string;
  privateKeyPath: string;
  configPath: string;
  /** The `unshare` process of each node; killing it ends the node. */
  unsharePids: Record<Role, number>;
}

/**
 * Where this process finds the testbed: global-setup points its test processes at its own
 * description, or at none ('none') when it could not start one, so a test run never picks up a
 * testbed someone else brought up by hand. Without global-setup: the manual `up`'s file.
 */
export function descriptionPath(): string | undefined {
  const fromEnv = process.env[DESCRIPTION_ENV];
  if (fromEnv === 'none') return undefined;
  return fromEnv || DESCRIPTION_FILE;
}

export function writeDescription(d: Description, path = DESCRIPTION_FILE): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(d, null, 2)}\n`, { mode: 0o600 });
}

/**
 * Whether the flock holder still runs. A holder whose run was killed may linger as a zombie
 * until it is reaped (kill(pid, 0) still succeeds then), and its PID may be reused: so check the
 * process state and that it is a flock on our lock file.
 */
function holderAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X' && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(LOCK_FILE);
  } catch {
    return false;
  }
}

/** The description of a testbed that is up right now, or undefined (none, or a crashed run's). */
export function readDescription(path = descriptionPath()): Description | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    const d = JSON.parse(readFileSync(path, 'utf8')) as Description;
    if (d.format !== 'k8s-labs-testbed' || !holderAlive(d.lockHolderPid)) return undefined;
    return d;
  } catch {
    return undefined;
  }
}
