import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { LocalHost } from '../../tests/e2e/terminal-sshd.ts';

/**
 * The baseline: OpenSSH's own client on a pty (util-linux `script` provides the pty), against
 * the same sshd in the same run. Keys are written to the pty and timed until they come back.
 */
export interface SshFigures {
  promptMs: number;
  echoMs: number[];
  floodMs: number;
  echoDuringFloodMs: number;
}

class PtySsh {
  readonly child: ChildProcessWithoutNullStreams;
  #tail = '';
  #waiters: { re: RegExp; resolve: () => void }[] = [];

  constructor(host: LocalHost) {
    const ssh = [
      'ssh',
      '-tt',
      '-i',
      host.privateKeyPath,
      '-p',
      String(host.port),
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      `${host.user}@${host.host}`,
    ].join(' ');
    this.child = spawn('script', ['-qfec', ssh, '/dev/null'], { env: { ...process.env, TERM: 'xterm-256color' } });
    this.child.stdout.on('data', (d: Buffer) => {
      // Match against the previous tail plus the WHOLE new chunk: a big chunk may carry the
      // awaited text well before its end.
      const seen = this.#tail + d.toString('latin1');
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.re.test(seen)) return true;
        w.resolve();
        return false;
      });
      this.#tail = seen.slice(-4096);
    });
  }

  /** Resolves when `re` matches the recent output (checked as data arrives). */
  until(re: RegExp, ms = 60_000): Promise<void> {
    if (re.test(this.#tail)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`ssh baseline: no ${re} within ${ms} ms; tail ${JSON.stringify(this.#tail.slice(-200))}`)),
        ms,
      );
      this.#waiters.push({
        re,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  clear(): void {
    this.#tail = '';
  }

  write(s: string): void {
    this.child.stdin.write(s);
  }
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const PROMPT = /[#$] $/;

export async function measureSsh(host: LocalHost, keys: number): Promise<SshFigures> {
  const t0 = now();
  const ssh = new PtySsh(host);
  try {
    await ssh.until(PROMPT);
    const promptMs = now() - t0;
    const echoMs: number[] = [];
    for (let i = 0; i < keys; i++) {
      if (i % 40 === 0) {
        // Ctrl-U clears the line (bash only rings the bell on an empty one): no prompt to wait for.
        ssh.write('\x15');
        await new Promise((r) => setTimeout(r, 50));
      }
      const ch = String.fromCharCode(97 + (i % 26));
      ssh.clear();
      const k0 = now();
      ssh.write(ch);
      await ssh.until(new RegExp(ch));
      echoMs.push(now() - k0);
      // The same typing rhythm as the browser probe (page-probes.ts echoProbe).
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 100));
    }
    ssh.write('\x15');
    ssh.clear();
    const f0 = now();
    ssh.write('seq 1 3000000; echo EN""D\r');
    await ssh.until(/\r\nEND\r\n/, 300_000);
    const floodMs = now() - f0;
    await ssh.until(PROMPT);
    ssh.write('seq 1 999999999\r');
    await new Promise((r) => setTimeout(r, 1000));
    ssh.clear();
    const z0 = now();
    ssh.write('Z');
    await ssh.until(/Z/, 30_000);
    const echoDuringFloodMs = now() - z0;
    ssh.write('\x03');
    await ssh.until(PROMPT, 30_000);
    return { promptMs, echoMs, floodMs, echoDuringFloodMs };
  } finally {
    ssh.write('exit\r');
    setTimeout(() => ssh.child.kill('SIGTERM'), 500).unref();
  }
}
