import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/**
 * Runs one program with an argv array (never a shell string) and returns its stdout. Throws with
 * the command and its stderr when it fails, because a half-built testbed is worse than none.
 */
export function run(
  argv: readonly string[],
  opts: { input?: string | Buffer; allowFail?: boolean; timeoutMs?: number } = {},
): { stdout: string; stderr: string; status: number } {
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('run: empty argv');
  const options: SpawnSyncOptions = { encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 };
  if (opts.input !== undefined) options.input = opts.input;
  const r = spawnSync(cmd, args, options);
  const stdout = String(r.stdout ?? '');
  const stderr = String(r.stderr ?? '');
  const status = r.status ?? -1;
  if ((r.error || status !== 0) && !opts.allowFail) {
    const why = r.error ? r.error.message : `exit ${status}`;
    throw new Error(`\`${argv.join(' ')}\` failed (${why}): ${stderr.trim() || stdout.trim()}`);
  }
  return { stdout, stderr, status };
}

/** `ip` inside a network namespace (`ip -n <ns> ...`), or in the root namespace when ns is null. */
export function ip(ns: string | null, ...args: string[]): string {
  return run(ns ? ['ip', '-n', ns, ...args] : ['ip', ...args]).stdout;
}

/** Runs a program inside a network namespace (`ip netns exec`). */
export function inNetns(
  ns: string,
  argv: readonly string[],
  opts: { input?: string; allowFail?: boolean } = {},
): { stdout: string; stderr: string; status: number } {
  return run(['ip', 'netns', 'exec', ns, ...argv], opts);
}

/**
 * Like run(), without blocking: independent steps (the two nodes, the pods) overlap, which
 * matters on a loaded 2-core machine where every process start costs tens of milliseconds.
 */
export function runAsync(argv: readonly string[], opts: { input?: string } = {}): Promise<string> {
  const [cmd, ...args] = argv;
  return new Promise((resolve, reject) => {
    if (!cmd) return reject(new Error('runAsync: empty argv'));
    const child = spawn(cmd, args, { stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`\`${argv.join(' ')}\` failed (exit ${code}): ${err.trim() || out.trim()}`)),
    );
    // A program that fails early closes its stdin: its exit status tells why, not our EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input);
  });
}

/** True when a program exists and is executable (an absolute path, or a name on PATH). */
export function have(program: string): boolean {
  const dirs = program.includes('/') ? [''] : (process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').map((d) => `${d}/`);
  for (const dir of dirs) {
    try {
      accessSync(`${dir}${program}`, constants.X_OK);
      return true;
    } catch {
      /* next */
    }
  }
  return false;
}

export function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
