import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecOptions, ExecOutcome } from '../ssh/ssh-exec.ts';
import type { Executor } from './host-run.ts';

/**
 * Test-only: runs collector scripts in a local `sh -s` instead of over SSH, with a clean
 * environment whose PATH starts with `bin` (fake tools), optionally as another user and after a
 * banner, like a login shell with a chatty rc file. Counts execs like round trips.
 */
const BIN_DIRS = new Set<string>();
process.once('exit', () => {
  for (const d of BIN_DIRS) rmSync(d, { recursive: true, force: true });
});

export class LocalShell implements Executor {
  execs = 0;
  readonly bin: string;
  private readonly user: string | undefined;
  private readonly banner: string;

  constructor(opts: { user?: string; banner?: string } = {}) {
    this.bin = mkdtempSync(join(tmpdir(), 'k8s-labs-bin-'));
    chmodSync(this.bin, 0o755);
    BIN_DIRS.add(this.bin);
    this.user = opts.user;
    this.banner = opts.banner ?? '';
  }

  /** Adds an executable to the fake bin folder. */
  tool(name: string, script: string): void {
    const p = join(this.bin, name);
    writeFileSync(p, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  }

  exec(_command: string, opts: ExecOptions): Promise<ExecOutcome> {
    this.execs++;
    const env = ['-i', `PATH=${this.bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, 'LC_ALL=C', `HOME=${this.bin}`];
    // Like a login shell: print the rc-file banner, then run the exec command's `env -i … sh -s`.
    const argv = ['/bin/sh', '-c', `printf '%s' "$1"; shift; exec /usr/bin/env "$@"`, 'login', this.banner, ...env, '/bin/sh', '-s'];
    const cmd = this.user ? ['/usr/sbin/runuser', '-u', this.user, '--', ...argv] : argv;
    return new Promise((resolve) => {
      const outcome: ExecOutcome = { exitCode: null, exitSignal: null, timedOut: false, aborted: false };
      // Its own process group, so a kill reaches every process the script started (like sshd's session).
      const child = spawn(cmd[0] as string, cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      // Like sshd closing a session: TERM first so the script's traps clean up, KILL as a last resort.
      const signalAll = (sig: NodeJS.Signals) => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, sig);
        } catch {}
      };
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const killAll = () => {
        signalAll('SIGTERM');
        setTimeout(() => signalAll('SIGKILL'), 10_000).unref();
        settle();
      };
      let timer: NodeJS.Timeout | undefined;
      if (opts.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          outcome.timedOut = true;
          killAll();
        }, opts.timeoutMs);
      }
      const onAbort = () => {
        outcome.aborted = true;
        killAll();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (c: Buffer) => opts.onStdout?.(c));
      child.stderr.on('data', (c: Buffer) => opts.onStderr?.(c));
      child.stdin.on('error', () => {});
      child.stdin.end(opts.stdin ?? '');
      child.on('close', (code, signal) => {
        if (settled) return;
        outcome.exitCode = code;
        outcome.exitSignal = signal;
        settle();
      });
    });
  }
}
