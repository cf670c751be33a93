import { readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import type { HostEntry } from '../config/hosts-config.ts';
import { t } from '../shared/i18n.ts';
import { checkHostKey, type HostKeyInfo } from './host-key.ts';
import { classifySshError, SshError } from './ssh-error.ts';
import { execOnClient, type ExecOptions, type ExecOutcome } from './ssh-exec.ts';

/** One authenticated SSH connection to a learner's VM. */
export interface SshConnection {
  readonly target: HostEntry;
  readonly hostKey: HostKeyInfo;
  /** The ssh2 client, for a terminal session (shell); the collector only uses `exec`. */
  readonly client: Client;
  /** Runs one command (a constant string) with `stdin`; resolves when the channel closes. */
  exec(command: string, opts?: ExecOptions): Promise<ExecOutcome>;
  /** Bytes read from / written to the TCP socket so far (SSH framing and encryption included). */
  bytes(): { in: number; out: number };
  /** Set once the connection failed after login (keepalive timeout, reset). */
  readonly lostWith: () => SshError | undefined;
  close(): void;
}

export interface ConnectOptions {
  knownHostsPath: string;
  /** Handshake + login deadline (default 10 s; ssh2's own default of 20 s is too long for a grading). */
  readyTimeoutMs?: number;
  signal?: AbortSignal;
  /** ssh-agent socket for `auth.kind === 'agent'`; defaults to `SSH_AUTH_SOCK` read at call time. */
  agentSocket?: string;
}

/** A dead VM is noticed within ~45 s (OpenSSH's ServerAliveInterval 15 × CountMax 3). */
const KEEPALIVE_MS = 15_000;
const KEEPALIVE_COUNT = 3;

/**
 * Opens an SSH connection with the host key checked before any credential is sent. Agent, X11 and
 * port forwarding are never requested, and ssh2 refuses channels the server opens on its own.
 */
export function connectSsh(host: HostEntry, opts: ConnectOptions): Promise<SshConnection> {
  const readyTimeout = opts.readyTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason);
    let settled = false;
    let tcpConnected = false;
    let hostKeyError: SshError | undefined;
    let hostKey: HostKeyInfo | undefined;
    let lost: SshError | undefined;
    const client = new ssh2.Client();
    const sock: Socket = netConnect({ host: host.host, port: host.port });
    sock.once('connect', () => (tcpConnected = true));
    const fail = (err: unknown, raw = false) => {
      if (settled) {
        lost ??= classifySshError(err, host, { tcpConnected, timeoutMs: readyTimeout });
        return;
      }
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      client.end();
      sock.destroy();
      reject(raw ? err : (hostKeyError ?? classifySshError(err, host, { tcpConnected, timeoutMs: readyTimeout })));
    };
    // Aborting is the caller's decision, not a fault of the VM: reject with the signal's reason.
    const onAbort = () => fail(opts.signal?.reason, true);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    client.on('error', fail);
    client.on('close', () => {
      if (!settled)
        fail(
          new SshError(
            'protocol',
            t(`${host.name} 在登录完成前关闭了连接。`, `${host.name} closed the connection before login finished.`),
            'closed',
          ),
        );
      lost ??= new SshError('protocol', t(`与 ${host.name} 的连接已关闭。`, `The connection to ${host.name} is closed.`), 'closed');
    });
    client.on('ready', () => {
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      if (!hostKey) {
        client.end();
        return reject(new SshError('host-key', t('未检查主机密钥。', 'The host key was not checked.'), 'unverified'));
      }
      const verified = hostKey;
      resolve({
        target: host,
        hostKey: verified,
        client,
        exec: (command, execOpts) => execOnClient(client, command, execOpts ?? {}),
        bytes: () => ({ in: sock.bytesRead, out: sock.bytesWritten }),
        lostWith: () => lost,
        close: () => {
          client.end();
          // A VM that stopped answering never acknowledges the close; do not wait for it.
          setTimeout(() => sock.destroy(), 2_000).unref();
        },
      });
    });
    if (host.auth.kind === 'password') {
      const password = host.auth.password;
      // Many VMs only offer keyboard-interactive; answer a single hidden prompt with the password.
      client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
        finish(prompts.length === 1 && prompts[0]?.echo === false ? [password] : prompts.map(() => ''));
      });
    }
    let config: ConnectConfig;
    try {
      config = {
        sock,
        username: host.user,
        readyTimeout: readyTimeout,
        keepaliveInterval: KEEPALIVE_MS,
        keepaliveCountMax: KEEPALIVE_COUNT,
        agentForward: false,
        hostVerifier: (key: Buffer) => {
          try {
            hostKey = checkHostKey(key, host, opts.knownHostsPath);
            return true;
          } catch (err) {
            hostKeyError = err instanceof SshError ? err : classifySshError(err, host, { tcpConnected, timeoutMs: readyTimeout });
            return false;
          }
        },
        ...authConfig(host, opts),
      };
      client.connect(config);
    } catch (err) {
      fail(err instanceof SshError ? err : keyProblem(host, err));
    }
  });
}

function authConfig(host: HostEntry, opts: ConnectOptions): Partial<ConnectConfig> {
  const auth = host.auth;
  if (auth.kind === 'password') return { password: auth.password, tryKeyboard: true };
  if (auth.kind === 'agent') {
    const agent = opts.agentSocket ?? process.env['SSH_AUTH_SOCK'];
    if (!agent) {
      throw new SshError(
        'auth',
        t(
          `${host.name} 配置为使用 ssh-agent，但没有正在运行的 agent（SSH_AUTH_SOCK 为空）。请运行 eval "$(ssh-agent)" 和 ssh-add，或改用 privateKey。`,
          `${host.name} is set to use ssh-agent, but no agent is running (SSH_AUTH_SOCK is empty). Run eval "$(ssh-agent)" and ssh-add, or use privateKey.`,
        ),
        'no-agent',
      );
    }
    return { agent };
  }
  let privateKey: Buffer;
  try {
    privateKey = readFileSync(auth.privateKeyPath);
  } catch (err) {
    throw keyProblem(host, err);
  }
  return auth.passphrase === undefined ? { privateKey } : { privateKey, passphrase: auth.passphrase };
}

function keyProblem(host: HostEntry, err: unknown): SshError {
  const path = host.auth.kind === 'key' ? host.auth.privateKeyPath : '';
  const why = (err as Error).message ?? String(err);
  return new SshError(
    'auth',
    t(
      `无法使用 ${host.name} 的私钥 ${path}：${why}。若密钥有口令，请在配置中写 passphrase；密钥应为 OpenSSH 或 PEM 格式（ssh-keygen -t ed25519 生成）。`,
      `Cannot use the private key ${path} of ${host.name}: ${why}. If the key has a passphrase, add passphrase: to the config; the key must be in OpenSSH or PEM format (ssh-keygen -t ed25519 makes one).`,
    ),
    'key',
  );
}
