import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** AES-256 wants 32 bytes of key. */
export const KEY_BYTES = 32;

export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

/**
 * Reads the site's secret key, creating it on first start: 32 random bytes in a file only this
 * user can read (0600, folder 0700), written with O_EXCL so two servers starting at once cannot
 * each make their own. The key never enters the database, the config or the repository.
 * A key file someone loosened to group/other-readable is tightened back to 0600.
 */
export function loadOrCreateKey(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number | undefined;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new SecretKeyError(`Cannot create the secret key ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (fd !== undefined) {
    try {
      writeSync(fd, randomBytes(KEY_BYTES));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const key = readFileSync(path);
  if (key.length !== KEY_BYTES) {
    throw new SecretKeyError(
      `The secret key ${path} has ${key.length} bytes, not ${KEY_BYTES}: it was damaged or replaced. Passwords saved with it cannot be read any more: delete the file, restart, and enter the passwords again on the host setup page.`,
    );
  }
  return key;
}
