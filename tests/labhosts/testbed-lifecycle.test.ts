/**
 * Up, crash, up again, down: the testbed cleans a crashed run's leftovers and leaves nothing
 * behind. It builds and destroys its own testbed, so it runs only on its own:
 *
 *   ./node_modules/.bin/node --test tests/labhosts/testbed-lifecycle.test.ts
 *
 * Under global-setup (a shared testbed is up for the whole run) it is skipped.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readDescription } from './lib/description.ts';
import { acquireLock } from './lib/lock.ts';
import { BRIDGE, DESCRIPTION_ENV, DESCRIPTION_FILE, PREFIX, STATE_DIR } from './lib/paths.ts';
import { sshBanner } from './lib/node-proc.ts';
import { cannotStart, down, up } from './testbed.ts';

const underGlobalSetup = process.env[DESCRIPTION_ENV] !== undefined;
const skip = underGlobalSetup ? 'builds its own testbed: run this file alone (see its header)' : (cannotStart() ?? false);
const TESTBED_TS = fileURLToPath(new URL('./testbed.ts', import.meta.url));

function ourNamespaces(): string[] {
  return existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith(PREFIX)) : [];
}

/** Processes that belong to a testbed (their command line names its state or scripts). */
function testbedProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+/g, ' ');
      if (cmd.includes(STATE_DIR) || cmd.includes('tests/labhosts/node/')) found.push(`${pid} ${cmd.slice(0, 80)}`);
    } catch {
      /* exited */
    }
  }
  return found;
}

function bridgeExists(): boolean {
  return existsSync(`/sys/class/net/${BRIDGE}`);
}

test('a crashed run’s testbed is cleaned by the next up, and down leaves nothing behind', { skip, timeout: 180_000 }, async (t) => {
  // 1. A run that dies by SIGKILL right after its testbed came up (tied lock, like a test run).
  t.after(() => down({ force: true }).catch(() => undefined));
  const script = `const m = await import(${JSON.stringify(TESTBED_TS)}); await m.up({ lockMode: 'tied', waitSeconds: 600 }); console.log('UP'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('UP') && resolve());
    child.on('exit', (code) => reject(new Error(`the crashing run exited early (${code})`)));
  });
  const crashed = readDescription(DESCRIPTION_FILE);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.ok(crashed, 'the crashing run wrote its description');
  assert.ok(ourNamespaces().includes(`${PREFIX}master`), 'its namespaces are left behind');
  assert.equal(readDescription(DESCRIPTION_FILE), undefined, 'its lock died with it, so its description no longer counts');

  // 2. The next up cleans those leftovers and builds a fresh testbed.
  const d = await up({ waitSeconds: 60 });
  t.diagnostic(`up took ${d.upMs} ms`);
  assert.notEqual(d.hosts[0]?.hostKeyFingerprint, crashed?.hosts[0]?.hostKeyFingerprint, 'fresh host keys');
  assert.match((await sshBanner('master')) ?? '', /^SSH-2\.0-OpenSSH/);
  assert.match((await sshBanner('worker')) ?? '', /^SSH-2\.0-OpenSSH/);
  assert.equal(ourNamespaces().length, 10, 'two nodes and eight pods, nothing more');

  // 3. down leaves nothing: namespaces, bridge, processes, state, description, lock.
  await down();
  assert.deepEqual(ourNamespaces(), []);
  assert.equal(bridgeExists(), false);
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(testbedProcesses(), []);
  assert.equal(existsSync(STATE_DIR), false);
  assert.equal(existsSync(DESCRIPTION_FILE), false);
  const lock = await acquireLock('tied', 0, 'lifecycle test: lock is free');
  lock.release();
});
