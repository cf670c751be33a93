/**
 * Global setup for `node --test --test-global-setup=tests/labhosts/global-setup.ts ...`: brings
 * the namespace testbed up once per test run (when this machine can: root, ip, sshd, iptables,
 * ../shared) and tears it down at the end, also after failed or interrupted runs (the runner
 * calls globalTeardown on SIGINT/SIGTERM; after a SIGKILL the lock dies with us and the next run
 * cleans the leftovers). When it cannot start, it says why once and testbed tests skip.
 */
import type { LockHolder } from './lib/lock.ts';
import { cleanupAll } from './lib/cleanup.ts';
import { DESCRIPTION_ENV, DESCRIPTION_FILE } from './lib/paths.ts';
import { bringUp, cannotStart } from './lib/up.ts';

let lock: LockHolder | undefined;

/** Seconds to wait for the lock while another run (or a manual `up`) holds it. */
function lockWaitSeconds(): number {
  const v = Number(process.env['K8S_LABS_TESTBED_LOCK_WAIT']);
  return Number.isFinite(v) && v >= 0 ? v : 600;
}

function notice(message: string): void {
  process.stderr.write(`# k8s-labs testbed: ${message}; tests that need it are skipped.\n`);
}

export async function globalSetup(): Promise<void> {
  process.env[DESCRIPTION_ENV] = 'none'; // until our own testbed is up (see lib/description.ts)
  if (process.env['K8S_LABS_TESTBED'] === 'off') return notice('disabled by K8S_LABS_TESTBED=off');
  const reason = cannotStart();
  if (reason) return notice(`not started: ${reason}`);
  try {
    const up = await bringUp({ lockMode: 'tied', waitSeconds: lockWaitSeconds(), purpose: 'node --test global setup' });
    lock = up.lock;
    // Test files run in child processes that inherit this environment: they read this run's
    // description, never a stale or foreign .tmp/testbed.json.
    process.env[DESCRIPTION_ENV] = DESCRIPTION_FILE;
    process.stderr.write(
      `# k8s-labs testbed up in ${up.description.upMs} ms (master ${up.description.hosts[0]?.host}, worker ${up.description.hosts[1]?.host})\n`,
    );
  } catch (err) {
    notice(`not started: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function globalTeardown(): Promise<void> {
  if (!lock) return;
  cleanupAll();
  lock.release();
  lock = undefined;
}
