import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test-only: a real OpenSSH sshd on 127.0.0.1 and a high port, with its own host key and a
 * client key for root, for integration tests before (and beside) the namespace testbed.
 * Needs root and /usr/sbin/sshd; `sshdSkip` says why not when they are missing.
 */
export const sshdSkip: string | false =
  process.getuid?.() !== 0
    ? 'needs root to run sshd'
    : !existsSync('/usr/sbin/sshd')
      ? '/usr/sbin/sshd is not installed (apt-get install openssh-server)'
      : false;

/** Every sshd we started; killed when the test process exits, even if a test forgot `stop()`. */
const LIVE = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of LIVE) c.kill('SIGKILL');
});

export interface TestSshd {
  port: number;
  dir: string;
  clientKeyPath: string;
  hostKeyFingerprint: string;
  /** sshd's own log (LogLevel VERBOSE), to assert what the server saw. */
  log(): string;
  /** Restarts on the same port with a new host key (a reinstalled VM, or an impostor). */
  changeHostKey(): Promise<void>;
  stop(): Promise<void>;
}

export interface SshdOptions {
  /** Options for the client key's authorized_keys line, e.g. `command="…"`. */
  keyOptions?: string;
}

export function keygen(path: string): void {
  const r = spawnSync('ssh-keygen', ['-q', '-N', '', '-t', 'ed25519', '-f', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

export function fingerprintOf(pubPath: string): string {
  const r = spawnSync('ssh-keygen', ['-lf', pubPath], { encoding: 'utf8' });
  return r.stdout.split(' ')[1] ?? '';
}

export async function startSshd(opts: SshdOptions = {}): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-sshd-'));
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  keygen(join(dir, 'client'));
  const pub = readFileSync(join(dir, 'client.pub'), 'utf8').trim();
  writeFileSync(join(dir, 'authorized_keys'), `${opts.keyOptions ? `${opts.keyOptions} ` : ''}${pub}\n`, { mode: 0o600 });
  let generation = 0;
  let child: ChildProcess | undefined;
  let port = await freePort();
  const state = { fingerprint: '' };
  const start = async () => {
    generation++;
    const hostKey = join(dir, `host${generation}`);
    keygen(hostKey);
    state.fingerprint = fingerprintOf(`${hostKey}.pub`);
    const cfg = join(dir, 'sshd_config');
    writeFileSync(
      cfg,
      [
        `ListenAddress 127.0.0.1:${port}`,
        `HostKey ${hostKey}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'PidFile none',
        'LogLevel VERBOSE',
        'AllowAgentForwarding yes',
        'MaxStartups 50',
        '',
      ].join('\n'),
    );
    const logFd = openSync(join(dir, 'sshd.log'), 'a');
    const c = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', cfg], { stdio: ['ignore', logFd, logFd] });
    child = c;
    LIVE.add(c);
    c.once('exit', () => LIVE.delete(c));
    closeSync(logFd);
    const exited = new Promise<false>((r) => c.once('exit', () => r(false)));
    // A banner from someone else's server on a reused port must not pass for ours: sshd must still run.
    const ok = await Promise.race([
      waitForBanner(port).then(
        () => c.exitCode === null,
        () => false,
      ),
      exited,
    ]);
    if (!ok) {
      c.kill('SIGTERM');
      throw new Error(`sshd could not start on 127.0.0.1:${port}: ${readFileSync(join(dir, 'sshd.log'), 'utf8').slice(-300)}`);
    }
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      port = await freePort();
    }
  }
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await gone;
  };
  return {
    port,
    dir,
    clientKeyPath: join(dir, 'client'),
    get hostKeyFingerprint() {
      return state.fingerprint;
    },
    log: () => readFileSync(join(dir, 'sshd.log'), 'utf8'),
    changeHostKey: async () => {
      await stop();
      await start();
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port the kernel just handed out (then released): unlikely to be taken again at once. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForBanner(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('data', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
      s.setTimeout(1000, () => {
        s.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not start on 127.0.0.1:${port}`);
}

/** A hosts config for this sshd (root, key auth), written beside it. */
export function writeConfig(sshd: TestSshd, name: string, extra = ''): string {
  const path = join(sshd.dir, name);
  writeFileSync(
    path,
    `hosts:\n  m:\n    role: master\n    host: 127.0.0.1\n    port: ${sshd.port}\n    user: root\n    privateKey: client\n${extra}`,
  );
  return path;
}
