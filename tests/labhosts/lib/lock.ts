import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { LOCK_FILE } from './paths.ts';

/**
 * The exclusive lock that keeps concurrent test runs (other engineers on this machine) from
 * building the testbed at the same time: br-lab and the node addresses exist once per machine.
 * Node has no flock(2), so a small `flock` process holds it:
 *  - `tied`: the holder reads our pipe and exits when this process dies (test runs; a crashed
 *    run never leaves the lock held, the next run cleans its leftovers),
 *  - `detached`: the holder outlives this process (`testbed.ts up` for manual sessions) and is
 *    killed by `down`.
 */
export interface LockHolder {
  pid: number;
  release(): void;
}

export class LockBusyError extends Error {}

function owner(): string {
  try {
    return readFileSync(LOCK_FILE, 'utf8').trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function acquireLock(mode: 'tied' | 'detached', waitSeconds: number, purpose: string): Promise<LockHolder> {
  // `echo` tells us the lock is ours; `exec cat` (tied) ends at EOF of our pipe.
  const body = mode === 'tied' ? 'echo locked; exec cat' : 'echo locked; exec sleep infinity';
  // -o: only flock itself holds the lock, not the command, so ending flock always releases it.
  const args = ['-x', '-o', '-w', String(waitSeconds), LOCK_FILE, 'sh', '-c', body];
  const child: ChildProcess = spawn('flock', args, {
    stdio: ['pipe', 'pipe', 'ignore'],
    detached: mode === 'detached',
  });
  child.stdin?.on('error', () => undefined); // the holder exiting must never crash the test runner
  const got = await new Promise<boolean>((resolve) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('locked')) resolve(true);
    });
    child.on('exit', () => resolve(false));
    child.on('error', () => resolve(false));
  });
  if (!got || child.pid === undefined) {
    throw new LockBusyError(`the testbed lock ${LOCK_FILE} is held by ${owner()} (waited ${waitSeconds} s)`);
  }
  writeFileSync(LOCK_FILE, `pid ${process.pid} (${purpose}) since ${new Date().toISOString()}\n`);
  child.stdout?.removeAllListeners('data');
  child.stdout?.destroy();
  if (mode === 'detached') {
    child.stdin?.destroy();
    child.unref();
  } else {
    // Keep the pipe open but do not let it keep the event loop alive.
    const stdin = child.stdin as unknown as { unref?: () => void } | null;
    stdin?.unref?.();
    child.unref();
  }
  const pid = child.pid;
  return {
    pid,
    release() {
      child.stdin?.destroy();
      releaseHolder(pid);
    },
  };
}

/** Releases a lock held by a detached holder of an earlier `up` (its PID from the state file). */
export function releaseHolder(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGTERM'); // -pid: a detached holder leads its own process group
    } catch {
      /* not a group leader, or already gone */
    }
  }
}
