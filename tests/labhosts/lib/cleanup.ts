import { existsSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { BRIDGE, DESCRIPTION_FILE, PREFIX, STATE_DIR } from './paths.ts';
import { run, sleepMs } from './run.ts';

/**
 * Tears down everything a testbed run may have left, including after a crash: processes living
 * in our network namespaces (node inits, sshd, sessions, stand-ins, `unshare`), the namespaces
 * (their /run/netns bind mounts), br-lab, root-side veths and the state directory. It finds
 * them by the `klab-` prefix and the namespaces' inodes, never by process names, so nothing of
 * other engineers' test runs is touched. Mounts made inside the nodes live in the nodes' own
 * mount namespaces and disappear with their processes.
 */

function ourNetns(): string[] {
  try {
    return readdirSync('/run/netns').filter((n) => n.startsWith(PREFIX));
  } catch {
    return [];
  }
}

/** PIDs whose network namespace is one of ours. */
function pidsInNetns(names: string[]): number[] {
  const inodes = new Set<string>();
  for (const n of names) {
    try {
      inodes.add(`net:[${statSync(`/run/netns/${n}`).ino}]`);
    } catch {
      /* vanished meanwhile */
    }
  }
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (inodes.has(readlinkSync(`/proc/${entry}/ns/net`))) pids.push(Number(entry));
    } catch {
      /* exited meanwhile, or a kernel thread */
    }
  }
  return pids;
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export function cleanupAll(): { killed: number; namespaces: number } {
  const names = ourNetns();
  let killed = 0;
  // Killed processes may take a moment to leave; a few rounds catch children forked meanwhile.
  for (let round = 0; round < 20; round++) {
    const pids = pidsInNetns(names);
    if (pids.length === 0) break;
    killed += pids.length;
    killAll(pids);
    sleepMs(50);
  }
  if (names.length > 0) {
    run(['ip', '-force', '-batch', '-'], { input: names.map((n) => `netns del ${n}\n`).join(''), allowFail: true });
  }
  const links = run(['ip', '-j', 'link', 'show'], { allowFail: true }).stdout;
  let leftovers: { ifname?: string }[] = [];
  try {
    leftovers = JSON.parse(links || '[]') as { ifname?: string }[];
  } catch {
    leftovers = [];
  }
  for (const l of leftovers) {
    if (l.ifname && (l.ifname === BRIDGE || l.ifname.startsWith(PREFIX))) run(['ip', 'link', 'del', l.ifname], { allowFail: true });
  }
  if (existsSync(STATE_DIR)) rmSync(STATE_DIR, { recursive: true, force: true });
  rmSync(DESCRIPTION_FILE, { force: true });
  return { killed, namespaces: names.length };
}
