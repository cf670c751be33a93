import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';

/**
 * A known-hosts file in OpenSSH's format, so the learner can inspect and fix it with the usual
 * tools (`ssh-keygen -F`, `ssh-keygen -R`). Only what trust-on-first-use needs: exact host
 * patterns (plain or hashed `|1|`), `@revoked`; wildcard patterns and `@cert-authority` lines are
 * ignored (they never make a key trusted here).
 */

/** `SHA256:<base64 without padding>` of an SSH public key blob, as `ssh-keygen -l` prints it. */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** Normalizes a fingerprint for comparison (padding is optional in what people paste). */
export function sameFingerprint(a: string, b: string): boolean {
  return a.replace(/=+$/, '') === b.replace(/=+$/, '');
}

/** The key type inside a public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
export function keyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  if (len > 64 || keyBlob.length < 4 + len) return 'unknown';
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

/** The host pattern OpenSSH writes: `host` on port 22, `[host]:port` otherwise. */
export function hostPattern(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

export interface KnownKey {
  line: number;
  revoked: boolean;
  type: string;
  blob: Buffer;
}

/** The keys recorded for `pattern` (empty when the file is missing). */
export function knownKeys(path: string, pattern: string): KnownKey[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: KnownKey[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = (lines[i] ?? '').trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) continue;
    let revoked = false;
    if (fields[0].startsWith('@')) {
      if (fields[0] !== '@revoked') continue;
      revoked = true;
      fields.shift();
    }
    const [patterns, type, b64] = fields;
    if (patterns === undefined || type === undefined || b64 === undefined) continue;
    if (!patterns.split(',').some((p) => patternMatches(p, pattern))) continue;
    out.push({ line: i + 1, revoked, type, blob: Buffer.from(b64, 'base64') });
  }
  return out;
}

function patternMatches(entry: string, pattern: string): boolean {
  if (entry.startsWith('|1|')) {
    const [, , salt, hash] = entry.split('|');
    if (salt === undefined || hash === undefined) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(pattern).digest('base64') === hash;
  }
  return entry.toLowerCase() === pattern;
}

/** Records a key for `pattern` (trust on first use). The file is created private to the user. */
export function recordKey(path: string, pattern: string, keyBlob: Buffer): void {
  appendFileSync(path, `${pattern} ${keyType(keyBlob)} ${keyBlob.toString('base64')}\n`, { mode: 0o600 });
}
