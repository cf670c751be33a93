/**
 * The two-node namespace testbed (see README.md): the answer sheet's master (192.168.157.133,
 * hostname `ubuntu`) and worker (192.168.157.132, `worker1`) as network + PID + mount + UTS
 * namespaces with a real sshd each, a real flannel-style vxlan pod network, real iptables, and
 * recorded kubectl/crictl answers.
 *
 *   ./node_modules/.bin/node tests/labhosts/testbed.ts up|down|status
 *
 * Tests get it through getTestbed() after tests/labhosts/global-setup.ts brought it up.
 */
import { fileURLToPath } from 'node:url';
import type { Role } from './model/types.ts';
import { clearApplied, lastApplied, type AppliedManifest } from './lib/applied.ts';
import { cleanupAll } from './lib/cleanup.ts';
import { writeConfigFile } from './lib/config-file.ts';
import { type Description, readDescription, type TestbedHost } from './lib/description.ts';
import { setFault, setReachable, type KubectlFault } from './lib/faults.ts';
import { restoreHostKey, rotateHostKey } from './lib/host-keys.ts';
import { acquireLock, LockBusyError, releaseHolder } from './lib/lock.ts';
import { initPid, sshBanner } from './lib/node-proc.ts';
import { DESCRIPTION_FILE, LOCK_FILE } from './lib/paths.ts';
import { run } from './lib/run.ts';
import { bringUp, cannotStart, TestbedUnavailable, type UpOptions } from './lib/up.ts';

export type { AppliedManifest } from './lib/applied.ts';
export type { TestbedHost } from './lib/description.ts';
export type { KubectlFault } from './lib/faults.ts';
export { cannotStart, TestbedUnavailable } from './lib/up.ts';

export interface Testbed {
  hosts: TestbedHost[];
  user: string;
  password: string;
  privateKeyPath: string;
  /** A ready k8s-labs.yaml for both hosts (key auth, pinned host keys). */
  configPath: string;
  /** Writes a config variant (e.g. a wrong password) into dir and returns its path. */
  writeConfig(dir: string, overrides?: object): string;
  /** Switches the node's recorded kubectl: hang, ~50 MB output, banner before the JSON. */
  setFault(node: Role, fault: KubectlFault): void;
  /** Drops (false) or accepts again (true) TCP port 22 inside the node. */
  setReachable(node: Role, reachable: boolean): void;
  /** Restarts the node's sshd with a new host key; returns the new fingerprint. */
  rotateHostKey(node: Role): string;
  /** Brings the original host key back (the one in `hosts` and in configPath). */
  restoreHostKey(node: Role): string;
  /** Runs argv as root inside all of the node's namespaces (e.g. `pgrep -a kubectl`). */
  inNode(node: Role, argv: string[]): { stdout: string; stderr: string; status: number };
  /**
   * The last `kubectl apply -f …` the node's kubectl ran (dry runs included: see `dryRun`), or
   * undefined. The recorded cluster does not change; kubectl answered `pod/pod1 configured` etc.
   */
  lastApplied(node: Role): AppliedManifest | undefined;
  /** Forgets the node's recorded applies, so a test sees only its own. */
  clearApplied(node: Role): void;
  /** How long `up` took, in milliseconds. */
  upMs: number;
}

function toTestbed(d: Description): Testbed {
  return {
    hosts: d.hosts,
    user: d.user,
    password: d.password,
    privateKeyPath: d.privateKeyPath,
    configPath: d.configPath,
    upMs: d.upMs,
    writeConfig: (dir, overrides = {}) => writeConfigFile(dir, d.hosts, d.user, d.privateKeyPath, overrides),
    setFault,
    setReachable,
    lastApplied,
    clearApplied,
    rotateHostKey: (node) => rotateHostKey(node, d.unsharePids[node]),
    restoreHostKey: (node) => restoreHostKey(node, d.unsharePids[node]),
    inNode: (node, argv) => {
      const pid = initPid(d.unsharePids[node]);
      if (!pid) throw new Error(`node ${node} is not running`);
      return run(['nsenter', '-t', String(pid), '-a', '--', ...argv], { allowFail: true });
    },
  };
}

/** The testbed of this test run (or of a manual `up`), or undefined: tests then skip. */
export function getTestbed(): Testbed | undefined {
  const d = readDescription();
  return d ? toTestbed(d) : undefined;
}

export async function up(opts: Partial<UpOptions> = {}): Promise<Description> {
  const { description } = await bringUp({ lockMode: 'detached', waitSeconds: 0, purpose: 'testbed.ts up', ...opts });
  return description;
}

/**
 * Tears the testbed down. A testbed held by a running test run is left alone unless `force`;
 * leftovers of crashed runs are cleaned only while holding the lock.
 */
export async function down(opts: { force?: boolean } = {}): Promise<string> {
  const live = readDescription(DESCRIPTION_FILE);
  if (live && live.lockMode === 'tied' && !opts.force) {
    throw new LockBusyError(
      `the testbed is in use by a test run (lock holder pid ${live.lockHolderPid}); use --force to tear it down anyway`,
    );
  }
  if (live) {
    const r = cleanupAll();
    releaseHolder(live.lockHolderPid);
    return `testbed down (${r.namespaces} namespaces, ${r.killed} processes)`;
  }
  const lock = await acquireLock('tied', 0, 'testbed.ts down');
  try {
    const r = cleanupAll();
    return r.namespaces ? `cleaned leftovers (${r.namespaces} namespaces, ${r.killed} processes)` : 'nothing to clean';
  } finally {
    lock.release();
  }
}

export async function status(): Promise<string> {
  const d = readDescription(DESCRIPTION_FILE);
  if (!d) return `testbed: down${cannotStart() ? ` (cannot start here: ${cannotStart()})` : ''}`;
  const lines = [
    `testbed: up since ${d.startedAt} (up took ${d.upMs} ms), lock ${LOCK_FILE} held by pid ${d.lockHolderPid} (${d.lockMode})`,
  ];
  for (const h of d.hosts)
    lines.push(
      `  ${h.name}: ${d.user}@${h.host}:22 hostname ${h.hostname} key ${h.hostKeyFingerprint} banner ${(await sshBanner(h.role)) ?? 'NO ANSWER'}`,
    );
  lines.push(`  config: ${d.configPath}`, `  key: ${d.privateKeyPath}`);
  return lines.join('\n');
}

async function main(cmd: string | undefined, flags: string[]): Promise<number> {
  try {
    if (cmd === 'up') {
      const d = await up();
      console.log(`testbed up in ${d.upMs} ms\n${await status()}`);
    } else if (cmd === 'down') console.log(await down({ force: flags.includes('--force') }));
    else if (cmd === 'status') console.log(await status());
    else {
      console.error('usage: node tests/labhosts/testbed.ts up|down [--force]|status');
      return 2;
    }
    return 0;
  } catch (err) {
    console.error(err instanceof TestbedUnavailable || err instanceof LockBusyError ? `testbed: ${err.message}` : err);
    return 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv[2], process.argv.slice(3));
}
