import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ssh2';
import type { TerminalHost } from '../../src/server/terminal/types.ts';

/**
 * Real OpenSSH servers on 127.0.0.1 for the terminal's tests while the namespace testbed
 * (tests/labhosts) is not available: one `/usr/sbin/sshd -D` per host, each in its own UTS
 * namespace so `hostname` differs per host, root login by a throwaway key, password login on
 * (so a wrong password is refused by the real sshd). Needs root; `localSshdSkip()` says why not.
 */
export interface LocalHost extends TerminalHost {
  hostname: string;
  privateKeyPath: string;
  hostKeyFingerprint: string;
  /** Password that sshd will refuse (root has no password it would accept). */
  password?: string;
}

export interface LocalSshd {
  hosts: LocalHost[];
  stop(): void;
}

export function localSshdSkip(): string | false {
  if (process.getuid?.() !== 0) return 'needs root to run sshd';
  try {
    execFileSync('/usr/sbin/sshd', ['-V'], { stdio: 'ignore' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '/usr/sbin/sshd is not installed';
  }
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function fingerprint(pubKeyLine: string): string {
  const blob = Buffer.from(pubKeyLine.trim().split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

async function waitForPort(port: number, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}`);
    // sshd greets with its banner as soon as it accepts: that is "listening".
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('data', () => {
        s.destroy();
        resolve(true);
      }).once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port} within ${ms} ms`);
}

export async function startLocalSshd(names: string[] = ['master', 'worker'], extraConfig = ''): Promise<LocalSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-term-sshd-'));
  mkdirSync('/run/sshd', { recursive: true });
  execFileSync('ssh-keygen', ['-q', '-N', '', '-t', 'ed25519', '-f', join(dir, 'client_key')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const children: ChildProcess[] = [];
  const hosts: LocalHost[] = [];
  try {
    for (const name of names) {
      const port = await freePort();
      const hostKey = join(dir, `${name}_host_key`);
      execFileSync('ssh-keygen', ['-q', '-N', '', '-t', 'ed25519', '-f', hostKey]);
      const cfg = join(dir, `${name}_sshd_config`);
      writeFileSync(
        cfg,
        [
          `ListenAddress 127.0.0.1`,
          `Port ${port}`,
          `HostKey ${hostKey}`,
          `PidFile none`,
          `PermitRootLogin yes`,
          `PubkeyAuthentication yes`,
          `PasswordAuthentication yes`,
          `KbdInteractiveAuthentication no`,
          `UsePAM no`,
          `StrictModes no`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          // Forwarding allowed on the server on purpose: the tests prove the client never asks for it.
          `AllowAgentForwarding yes`,
          `X11Forwarding yes`,
          `AllowTcpForwarding yes`,
          `LogLevel ERROR`,
          `MaxStartups 50:30:100`,
          extraConfig,
        ].join('\n'),
      );
      const hostname = `${name}-node`;
      // unshare -u: a private UTS namespace, so this sshd's shells see their own hostname.
      const child = spawn('unshare', ['-u', 'sh', '-c', `hostname ${hostname} && exec /usr/sbin/sshd -D -e -f ${cfg}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', () => undefined);
      children.push(child);
      await waitForPort(port, child, 5000);
      hosts.push({
        name,
        host: '127.0.0.1',
        port,
        user: 'root',
        hostname,
        privateKeyPath: join(dir, 'client_key'),
        hostKeyFingerprint: fingerprint(readFileSync(`${hostKey}.pub`, 'utf8')),
      });
    }
  } catch (err) {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    hosts,
    stop() {
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** SHA256 fingerprint of a raw host key blob, as OpenSSH prints it. */
export function keyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/**
 * A stand-in for src/ssh's connectSsh until it lands: ssh2 with the host key pinned (a changed
 * key is refused before authentication), keepalive on, agent and forwarding never requested.
 */
export function pinnedConnector(opts: { passwordOverride?: string } = {}) {
  return (host: LocalHost): Promise<{ client: Client }> =>
    new Promise((resolve, reject) => {
      const client = new Client();
      client.once('ready', () => resolve({ client }));
      client.once('error', (err) => reject(err));
      const auth =
        opts.passwordOverride !== undefined ? { password: opts.passwordOverride } : { privateKey: readFileSync(host.privateKeyPath) };
      client.connect({
        host: host.host,
        port: host.port,
        username: host.user,
        ...auth,
        readyTimeout: 10_000,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => keyFingerprint(key) === host.hostKeyFingerprint,
      });
    });
}

/** Writes a k8s-labs.yaml for these hosts (key login, pinned host keys) and returns its path. */
export function writeHostsConfig(dir: string, hosts: LocalHost[], opts: { password?: string } = {}): string {
  const lines = ['hosts:'];
  for (const h of hosts) {
    lines.push(
      `  ${h.name}:`,
      `    role: ${h.name === 'worker' ? 'worker' : 'master'}`,
      `    host: ${h.host}`,
      `    port: ${h.port}`,
      `    user: ${h.user}`,
    );
    if (opts.password !== undefined) lines.push(`    password: ${JSON.stringify(opts.password)}`);
    else lines.push(`    privateKey: ${JSON.stringify(h.privateKeyPath)}`);
    lines.push(`    hostKey: "${h.hostKeyFingerprint}"`);
  }
  const path = join(dir, `k8s-labs-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
