import { copyFileSync, readFileSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { NODES, type Role } from '../model/topology.ts';
import { initPid } from './node-proc.ts';
import { nodeDir } from './paths.ts';
import { run, sleepMs } from './run.ts';

/** OpenSSH's `SHA256:<base64, no padding>` fingerprint of an OpenSSH public key line. */
export function fingerprint(publicKeyLine: string): string {
  const blob = publicKeyLine.trim().split(/\s+/)[1] ?? '';
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

export function hostKeyPath(role: Role): string {
  return `${nodeDir(role)}/ssh/ssh_host_ed25519_key`;
}

export function hostKeyFingerprint(role: Role): string {
  return fingerprint(readFileSync(`${hostKeyPath(role)}.pub`, 'utf8'));
}

/** The fingerprint sshd serves right now (ssh-keyscan from the root namespace), or undefined. */
export function servedFingerprint(role: Role): string | undefined {
  const r = run(['ssh-keyscan', '-T', '2', '-t', 'ed25519', NODES[role].ip], { allowFail: true });
  const line = r.stdout.split('\n').find((l) => l.includes('ssh-ed25519'));
  return line ? fingerprint(line.split(/\s+/).slice(1).join(' ')) : undefined;
}

/** Tells init.pl to restart sshd (it re-reads HostKey) and waits until the new key is served. */
function restartSshd(role: Role, unsharePid: number, expected: string): void {
  const pid = initPid(unsharePid);
  if (!pid) throw new Error(`node ${role} is not running (no init under unshare ${unsharePid})`);
  process.kill(pid, 'SIGUSR1');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (servedFingerprint(role) === expected) return;
    sleepMs(50);
  }
  throw new Error(`sshd of node ${role} did not come back with host key ${expected} within 10 s`);
}

/** Keeps the first key so restoreHostKey can bring it back after a host-key-change test. */
export function saveOriginalHostKey(role: Role): void {
  for (const ext of ['', '.pub']) copyFileSync(`${hostKeyPath(role)}${ext}`, `${hostKeyPath(role)}.original${ext}`);
}

/** Restarts the node's sshd with a freshly generated host key; returns its fingerprint. */
export function rotateHostKey(role: Role, unsharePid: number): string {
  const key = hostKeyPath(role);
  const fresh = `${key}.new`;
  run(['rm', '-f', fresh, `${fresh}.pub`]);
  run(['ssh-keygen', '-q', '-N', '', '-t', 'ed25519', '-C', `root@${NODES[role].name}`, '-f', fresh]);
  renameSync(`${fresh}.pub`, `${key}.pub`);
  renameSync(fresh, key);
  const fp = hostKeyFingerprint(role);
  restartSshd(role, unsharePid, fp);
  return fp;
}

export function restoreHostKey(role: Role, unsharePid: number): string {
  const key = hostKeyPath(role);
  for (const ext of ['', '.pub']) copyFileSync(`${key}.original${ext}`, `${key}${ext}`);
  const fp = hostKeyFingerprint(role);
  restartSshd(role, unsharePid, fp);
  return fp;
}
