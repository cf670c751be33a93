import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { answerSheetIptablesDump, hasShared, SHARED_DIR } from '../../shared-fixtures.ts';
import { NODES, type Role } from '../model/topology.ts';
import { cleanupAll } from './cleanup.ts';
import { writeConfigFile } from './config-file.ts';
import { type Description, type TestbedHost, writeDescription } from './description.ts';
import { hostKeyFingerprint, saveOriginalHostKey } from './host-keys.ts';
import { loadIptables } from './iptables.ts';
import { acquireLock, type LockHolder } from './lock.ts';
import { buildNetwork } from './network.ts';
import { hashPassword, prepareNode, prepareRecorded } from './node-fs.ts';
import { startNode, waitForPids, waitForSsh } from './node-proc.ts';
import { nodeDir, STATE_DIR, USER } from './paths.ts';
import { dockerPids } from './recorded.ts';
import { have, runAsync } from './run.ts';

const ROLES: Role[] = ['master', 'worker'];
const TOOLS = [
  'ip',
  'bridge',
  'iptables',
  'iptables-restore',
  'ssh-keygen',
  'ssh-keyscan',
  'unshare',
  'nsenter',
  'flock',
  'perl',
  'mount',
  'sysctl',
];

/** Why the testbed cannot start on this machine, or undefined when it can. */
export function cannotStart(): string | undefined {
  if (process.platform !== 'linux') return 'the testbed needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'the testbed needs root (network namespaces, sshd, iptables)';
  const missing = TOOLS.filter((t) => !have(t));
  if (!have('/usr/sbin/sshd')) missing.push('/usr/sbin/sshd (apt-get install openssh-server)');
  if (missing.length > 0) return `missing programs: ${missing.join(', ')}`;
  if (!hasShared) return `../shared is absent (${SHARED_DIR}): the master's iptables come from the answer sheet's real dump`;
  return undefined;
}

export class TestbedUnavailable extends Error {}

export interface UpOptions {
  lockMode: 'tied' | 'detached';
  waitSeconds: number;
  purpose: string;
}

export async function bringUp(opts: UpOptions): Promise<{ description: Description; lock: LockHolder }> {
  const reason = cannotStart();
  if (reason) throw new TestbedUnavailable(reason);
  const lock = await acquireLock(opts.lockMode, opts.waitSeconds, opts.purpose);
  const t0 = Date.now();
  try {
    cleanupAll(); // leftovers of a run that crashed while holding the lock
    mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
    const privateKeyPath = `${STATE_DIR}/labuser_ed25519`;
    const network = buildNetwork(); // kernel work; the files below are written meanwhile
    network.catch(() => undefined); // rethrown by `await network` below, not an unhandled rejection
    await runAsync(['ssh-keygen', '-q', '-N', '', '-t', 'ed25519', '-C', `${USER}@k8s-labs-testbed`, '-f', privateKeyPath]);
    const password = randomBytes(15).toString('base64url');
    const creds = {
      publicKey: readFileSync(`${privateKeyPath}.pub`, 'utf8').trim(),
      passwordHash: hashPassword(password, randomBytes(12).toString('base64').replace(/[+=]/g, '.')),
    };
    prepareRecorded();
    await Promise.all(ROLES.map((role) => prepareNode(role, creds)));
    for (const role of ROLES) saveOriginalHostKey(role);
    await network;
    await loadIptables(answerSheetIptablesDump());
    const unsharePids = { master: startNode('master'), worker: startNode('worker') };
    await Promise.all(
      ROLES.map(async (role) => {
        const pids = await waitForPids(role, 15_000);
        writeFileSync(`${nodeDir(role)}/usr-local/share/k8s-labs/docker-pids.tsv`, dockerPids(role, pids));
        await waitForSsh(role, 15_000);
      }),
    );
    const hosts: TestbedHost[] = ROLES.map((role) => ({
      name: role,
      role,
      host: NODES[role].ip,
      port: 22,
      hostname: NODES[role].name,
      hostKeyFingerprint: hostKeyFingerprint(role),
    }));
    const configPath = writeConfigFile(`${STATE_DIR}/config`, hosts, USER, privateKeyPath);
    const description: Description = {
      format: 'k8s-labs-testbed',
      version: 1,
      startedAt: new Date(t0).toISOString(),
      upMs: Date.now() - t0,
      lockHolderPid: lock.pid,
      lockMode: opts.lockMode,
      hosts,
      user: USER,
      password,
      privateKeyPath,
      configPath,
      unsharePids,
    };
    writeDescription(description);
    return { description, lock };
  } catch (err) {
    try {
      cleanupAll();
    } finally {
      lock.release();
    }
    throw err;
  }
}
