import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { NODES, type Role } from '../model/topology.ts';
import { nodeDir, nodeNetns, NODE_SCRIPTS } from './paths.ts';

/** prctl(2)'s syscall number, for the stand-ins' PR_SET_NAME. */
const PRCTL: Partial<Record<string, string>> = { x64: '157', arm64: '167' };

/**
 * Starts a node: in its network namespace, `unshare` gives it its own PID namespace (with its
 * own /proc, so `ps aux` over SSH lists exactly this node's processes), mount namespace and
 * hostname; boot.sh and init.pl do the rest. `--kill-child` ties the node to the `unshare`
 * process we started: killing that one PID takes the whole node down.
 */
export function startNode(role: Role): number {
  const dir = nodeDir(role);
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege-separation directory
  const log = openSync(`${dir}/init.log`, 'a');
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      nodeNetns(role),
      'unshare',
      '--pid',
      '--fork',
      '--kill-child',
      '--mount-proc',
      '--mount',
      '--uts',
      '--propagation',
      'private',
      '/bin/sh',
      `${NODE_SCRIPTS}boot.sh`,
      dir,
      `${NODE_SCRIPTS}init.pl`,
      `${NODE_SCRIPTS}standin.pl`,
      PRCTL[process.arch] ?? '',
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start node ${role}`);
  return child.pid;
}

/** The node's PID 1 as the machine sees it: the child of our `unshare` process. */
export function initPid(unsharePid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim();
    if (children) return Number(children.split(/\s+/)[0]);
  } catch {
    /* fall back to a scan */
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (new RegExp(`^PPid:\\s+${unsharePid}$`, 'm').test(readFileSync(`/proc/${entry}/status`, 'utf8'))) return Number(entry);
    } catch {
      /* exited */
    }
  }
  return undefined;
}

function initLog(role: Role): string {
  try {
    return readFileSync(`${nodeDir(role)}/init.log`, 'utf8')
      .trim()
      .split('\n')
      .slice(-5)
      .join('\n');
  } catch {
    return '';
  }
}

/** Waits for init.pl's pids.tsv (the stand-ins are started) and returns it. */
export async function waitForPids(role: Role, timeoutMs: number): Promise<string> {
  const file = `${nodeDir(role)}/pids.tsv`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return readFileSync(file, 'utf8');
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`node ${role} did not start its processes within ${timeoutMs} ms; init.log says:\n${initLog(role)}`);
}

/** Resolves with the SSH banner when the node's sshd answers on port 22. */
export function sshBanner(role: Role, timeoutMs = 1000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const sock = connect({ host: NODES[role].ip, port: 22 });
    let data = '';
    const done = (v: string | undefined) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(timeoutMs, () => done(undefined));
    sock.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      if (data.includes('\n')) done(data.split('\n')[0]?.trim());
    });
    sock.on('error', () => done(undefined));
  });
}

export async function waitForSsh(role: Role, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await sshBanner(role, 500))?.startsWith('SSH-2.0')) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(
    `sshd of node ${role} (${NODES[role].ip}:22) did not answer within ${timeoutMs} ms; see ${nodeDir(role)}/sshd.log and init.log:\n${initLog(role)}`,
  );
}
