import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real site for browser tests: the Astro build in dist/ (rebuilt only when a source is newer),
 * served by the production entry src/server/main.ts on a free loopback port.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const ENTRY = join(ROOT, 'dist', 'server', 'entry.mjs');
// What the build reads; a change in any of them makes dist/ stale.
const SOURCES = ['src', 'labs', 'graders', 'schemas', 'public', 'astro.config.mjs', 'package-lock.json'];

function newestMtime(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function buildIsFresh(): boolean {
  const built = newestMtime(ENTRY);
  return built > 0 && SOURCES.every((s) => newestMtime(join(ROOT, s)) < built);
}

/** Builds the site unless dist/ is newer than every source. Returns the build time in ms (0 if reused). */
export function ensureBuilt(): number {
  if (buildIsFresh()) return 0;
  // Test files may run in parallel: one builds, the others wait for its lock and then reuse.
  const lock = join(ROOT, '.tmp', 'e2e-build.lock');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left by a killed test run.
      if (Date.now() - newestMtime(lock) > 180_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} is still held after 3 minutes; remove it if no build is running`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (buildIsFresh()) return 0;
    const started = Date.now();
    const result = spawnSync(join(BIN, 'astro'), ['build'], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH ?? ''}`, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`astro build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    return Date.now() - started;
  } finally {
    rmdirSync(lock);
  }
}

export interface RunningSite {
  url: URL;
  stop(): Promise<void>;
}

/** Starts `node src/server/main.ts` with PORT=0 and reads the URL from its start-up line. */
export function startSite(env: Record<string, string> = {}): Promise<RunningSite> {
  const child = spawn(join(BIN, 'node'), [join(ROOT, 'src', 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: new URL(match[1]),
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it was ready:\n${output}`));
    });
  });
}
