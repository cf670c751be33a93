import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './secret-key.ts';

/**
 * Secrets at rest (VM passwords, key passphrases): AES-256-GCM, a fresh random 96-bit nonce per
 * value, and the field the value belongs to (e.g. `hosts.master.password`) as additional
 * authenticated data. So a value only opens in its own place: copying the master's ciphertext into
 * the worker's field, editing one byte, or using another key all fail instead of yielding a wrong
 * password. Format: `k8slabs-secret:v1:<base64url(nonce | ciphertext | tag)>`.
 */
export const SECRET_PREFIX = 'k8slabs-secret:v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'k8s-labs secret v1\n';

export class SecretOpenError extends Error {
  override name = 'SecretOpenError';
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`secret key must be ${KEY_BYTES} bytes`);
}

function aad(field: string): Buffer {
  return Buffer.from(AAD_LABEL + field, 'utf8');
}

export function sealSecret(key: Buffer, plaintext: string, field: string): string {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(field));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return SECRET_PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SECRET_PREFIX);
}

/** Opens a sealed value for `field`; throws SecretOpenError (never returns garbage) on any mismatch. */
export function openSecret(key: Buffer, sealed: string, field: string): string {
  checkKey(key);
  if (!isSealed(sealed)) throw new SecretOpenError(`${field}: not an encrypted value (expected ${SECRET_PREFIX}…)`);
  const raw = Buffer.from(sealed.slice(SECRET_PREFIX.length), 'base64url');
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SecretOpenError(`${field}: the encrypted value is cut short`);
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(field));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretOpenError(
      `${field}: the encrypted value does not open with this key (it was edited, moved from another field, or saved with another key)`,
    );
  }
}
