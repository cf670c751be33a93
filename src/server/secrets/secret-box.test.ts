import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSealed, openSecret, sealSecret, SECRET_PREFIX, SecretOpenError } from './secret-box.ts';
import { KEY_BYTES, loadOrCreateKey, SecretKeyError } from './secret-key.ts';

const key = randomBytes(KEY_BYTES);
const FIELD = 'hosts.master.password';

test('a sealed secret opens in its own field with its key, and never shows the plaintext', () => {
  const sealed = sealSecret(key, 'p@ss wörd 123', FIELD);
  assert.ok(sealed.startsWith(SECRET_PREFIX));
  assert.ok(isSealed(sealed));
  assert.ok(!sealed.includes('p@ss'));
  assert.equal(openSecret(key, sealed, FIELD), 'p@ss wörd 123');
  assert.notEqual(sealSecret(key, 'p@ss wörd 123', FIELD), sealed, 'a fresh nonce each time');
  assert.equal(openSecret(key, sealSecret(key, '', FIELD), FIELD), '');
});

test('tampering with any byte makes opening fail', () => {
  const sealed = sealSecret(key, 'secret', FIELD);
  const raw = Buffer.from(sealed.slice(SECRET_PREFIX.length), 'base64url');
  for (const at of [0, 11, 12, raw.length - 17, raw.length - 1]) {
    const bad = Buffer.from(raw);
    bad[at] = (bad[at] ?? 0) ^ 0x01;
    assert.throws(() => openSecret(key, SECRET_PREFIX + bad.toString('base64url'), FIELD), SecretOpenError, `byte ${at}`);
  }
  assert.throws(() => openSecret(key, SECRET_PREFIX + raw.subarray(0, 20).toString('base64url'), FIELD), /cut short/);
  assert.throws(() => openSecret(key, 'secret', FIELD), /not an encrypted value/);
});

test('a value moved to another field (AAD) or opened with another key fails', () => {
  const sealed = sealSecret(key, 'secret', FIELD);
  assert.throws(() => openSecret(key, sealed, 'hosts.worker.password'), SecretOpenError);
  assert.throws(() => openSecret(key, sealed, 'hosts.master.passphrase'), SecretOpenError);
  assert.throws(() => openSecret(randomBytes(KEY_BYTES), sealed, FIELD), SecretOpenError);
});

test('the key file is created once, 32 random bytes, owner-only; a loosened mode is tightened; a damaged one is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-key-'));
  try {
    const path = join(dir, 'data', 'secret.key');
    const first = loadOrCreateKey(path);
    assert.equal(first.length, KEY_BYTES);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'data')).mode & 0o777, 0o700);
    assert.deepEqual(loadOrCreateKey(path), first, 'the second start reads the same key');
    chmodSync(path, 0o644);
    loadOrCreateKey(path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    writeFileSync(path, 'short');
    assert.throws(
      () => loadOrCreateKey(path),
      (err: unknown) => err instanceof SecretKeyError && /5 bytes, not 32/.test(err.message),
    );
    assert.equal(readFileSync(path, 'utf8'), 'short', 'a damaged key is never replaced silently');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
