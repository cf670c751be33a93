import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkHostKey } from './host-key.ts';
import { fingerprint, hostPattern, keyType, knownKeys } from './known-hosts.ts';
import { SshError } from './ssh-error.ts';
import { fingerprintOf, keygen } from './test-sshd.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-hostkey-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A real ed25519 public key blob from ssh-keygen, with its fingerprint as ssh-keygen prints it. */
function realKey(name: string): { blob: Buffer; fp: string; line: string } {
  keygen(join(dir, name));
  const line = readFileSync(join(dir, `${name}.pub`), 'utf8').trim();
  return { blob: Buffer.from(line.split(' ')[1] ?? '', 'base64'), fp: fingerprintOf(join(dir, `${name}.pub`)), line };
}
const A = realKey('a');
const B = realKey('b');
const target = { name: 'master', host: '192.168.157.133', port: 22, user: 'root' };

test('fingerprint and key type match what ssh-keygen prints', () => {
  assert.equal(fingerprint(A.blob), A.fp);
  assert.equal(keyType(A.blob), 'ssh-ed25519');
  assert.equal(keyType(Buffer.from([0, 0, 0, 200])), 'unknown');
});

test('host patterns follow OpenSSH: plain on port 22, [host]:port otherwise', () => {
  assert.equal(hostPattern('Master.Lab', 22), 'master.lab');
  assert.equal(hostPattern('10.0.0.1', 2222), '[10.0.0.1]:2222');
});

test('first use records the key in OpenSSH format (ssh-keygen -F finds it), then it is known', () => {
  const kh = join(dir, 'tofu.known_hosts');
  assert.deepEqual(checkHostKey(A.blob, target, kh), { fingerprint: A.fp, trust: 'first-use' });
  assert.equal(statSync(kh).mode & 0o777, 0o600);
  const found = spawnSync('ssh-keygen', ['-F', '192.168.157.133', '-f', kh], { encoding: 'utf8' });
  assert.match(found.stdout, /ssh-ed25519/);
  assert.deepEqual(checkHostKey(A.blob, target, kh), { fingerprint: A.fp, trust: 'known' });
  assert.equal(readFileSync(kh, 'utf8').trim().split('\n').length, 1, 'recorded once');
});

test('a changed key is refused with both fingerprints and the exact command to fix it', () => {
  const kh = join(dir, 'changed.known_hosts');
  checkHostKey(A.blob, { ...target, port: 2222 }, kh);
  const err = (() => {
    try {
      checkHostKey(B.blob, { ...target, port: 2222 }, kh);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(err instanceof SshError);
  assert.equal(err.kind, 'host-key');
  assert.ok(err.detail.en.includes(A.fp) && err.detail.en.includes(B.fp));
  assert.ok(err.detail.zh.includes(A.fp) && err.detail.zh.includes(B.fp));
  assert.ok(err.detail.en.includes(`ssh-keygen -R '[192.168.157.133]:2222' -f '${kh}'`));
  // The fix works: after it, the new key is trusted on first use.
  spawnSync('ssh-keygen', ['-R', '[192.168.157.133]:2222', '-f', kh]);
  assert.equal(checkHostKey(B.blob, { ...target, port: 2222 }, kh).trust, 'first-use');
});

test('a pinned fingerprint accepts only that key and never writes known-hosts', () => {
  const kh = join(dir, 'pinned.known_hosts');
  assert.equal(checkHostKey(A.blob, { ...target, hostKey: A.fp }, kh).trust, 'pinned');
  assert.equal(checkHostKey(A.blob, { ...target, hostKey: `${A.fp}=` }, kh).trust, 'pinned', 'padding is optional');
  assert.throws(
    () => checkHostKey(B.blob, { ...target, hostKey: A.fp }, kh),
    (e: unknown) => e instanceof SshError && e.kind === 'host-key' && e.message.includes(B.fp),
  );
  assert.deepEqual(knownKeys(kh, 'x'), []);
});

test('hashed entries, revoked keys, other hosts and comments are read correctly', () => {
  const kh = join(dir, 'mixed.known_hosts');
  const salt = randomBytes(20);
  const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('192.168.157.133').digest('base64')}`;
  writeFileSync(
    kh,
    [
      `# comment`,
      `other.host ${A.line}`,
      `${hashed} ${A.line.split(' ').slice(0, 2).join(' ')}`,
      `@revoked 192.168.157.133 ${B.line}`,
      `@cert-authority * ${B.line}`,
      'garbage',
      '',
    ].join('\n'),
  );
  assert.equal(checkHostKey(A.blob, target, kh).trust, 'known');
  assert.throws(
    () => checkHostKey(B.blob, target, kh),
    (e: unknown) => e instanceof SshError && /revoked/.test(e.message),
  );
  assert.equal(checkHostKey(B.blob, { ...target, host: 'fresh.host' }, kh).trust, 'first-use');
});

test('an unreadable known-hosts path is a host-key error, not a crash', () => {
  assert.throws(
    () => checkHostKey(A.blob, target, dir),
    (e: unknown) => e instanceof SshError && e.kind === 'host-key',
  );
});
