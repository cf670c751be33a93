import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, type ConnectConfig } from 'ssh2';

/**
 * A minimal ssh2 client for the testbed's own tests (the project's src/ssh is tested against
 * the testbed too, but must not be needed to test the testbed). Host keys are always checked
 * against a pinned fingerprint: no auto-accept.
 */

export interface SshTarget {
  host: string;
  user: string;
  hostKeyFingerprint: string;
  privateKeyPath?: string;
  password?: string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export function connect(t: SshTarget, readyTimeout = 10_000): Promise<Client> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    let seen = '';
    const cfg: ConnectConfig = {
      host: t.host,
      port: 22,
      username: t.user,
      readyTimeout,
      hostVerifier: (key: Buffer) => {
        seen = fingerprintOf(key);
        return seen === t.hostKeyFingerprint;
      },
    };
    if (t.privateKeyPath) cfg.privateKey = readFileSync(t.privateKeyPath);
    if (t.password !== undefined) cfg.password = t.password;
    conn.on('ready', () => resolve(conn));
    conn.on('error', (err: Error) => reject(Object.assign(err, { seenHostKey: seen })));
    conn.connect(cfg);
  });
}

/** Runs command; stdin (when given) is written to it and closed, as `kubectl apply -f -` needs. */
export function execOn(conn: Client, command: string, timeoutMs = 15_000, stdin?: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    conn.exec(command, (err, stream) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => {
        stream.close();
        reject(new Error(`\`${command}\` did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      if (stdin !== undefined) stream.end(stdin);
      stream.on('data', (d: Buffer) => (stdout += d.toString()));
      stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      stream.on('close', (code: number | null) => {
        clearTimeout(timer);
        resolve({ stdout, stderr, code });
      });
    });
  });
}

/** Connects, runs one command, disconnects. */
export async function sshExec(t: SshTarget, command: string, timeoutMs?: number, stdin?: string): Promise<ExecResult> {
  const conn = await connect(t);
  try {
    return await execOn(conn, command, timeoutMs, stdin);
  } finally {
    conn.end();
  }
}
