import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sshdSkip, startSshd, type TestSshd } from '../../ssh/test-sshd.ts';
import { KEY_BYTES } from '../secrets/secret-key.ts';
import { parseFacts, TEST_COMMAND } from './test-connection.ts';
import { testHostFromForm } from './test-from-form.ts';

let sshd: TestSshd | undefined;
before(async () => {
  if (!sshdSkip) sshd = await startSshd();
});
after(async () => sshd?.stop());

test('parses hostname, OS and kubelet version; a VM without kubelet says so', () => {
  const out = 'ubuntu\n@@k8s-labs-test@@\nNAME="Ubuntu"\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\n@@k8s-labs-test@@\nKubernetes v1.28.2\n';
  assert.deepEqual(parseFacts(out), { hostname: 'ubuntu', os: 'Ubuntu 20.04.6 LTS', kubelet: 'v1.28.2' });
  assert.deepEqual(parseFacts('vm\n@@k8s-labs-test@@\n@@k8s-labs-test@@\n'), { hostname: 'vm', os: '', kubelet: null });
  assert.ok(!/\$\{|`/.test(TEST_COMMAND), 'the command is a constant');
});

test('test connection against a real sshd: facts on success, the exact reason on failure', { skip: sshdSkip }, async () => {
  assert.ok(sshd);
  const key = randomBytes(KEY_BYTES);
  const configPath = join(sshd.dir, 'k8s-labs.yaml');
  const host = {
    name: 'master',
    role: 'master' as const,
    host: '127.0.0.1',
    port: sshd.port,
    user: 'root',
    auth: 'key' as const,
    privateKey: sshd.clientKeyPath,
  };
  const ok = await testHostFromForm(configPath, key, host, 'en');
  assert.equal(ok.ok, true, JSON.stringify(ok));
  if (ok.ok) {
    assert.ok(ok.hostname.length > 0);
    assert.match(ok.os, /Debian/);
    assert.deepEqual(ok.hostKey, { fingerprint: sshd.hostKeyFingerprint, trust: 'first-use' });
  }
  const wrong = await testHostFromForm(configPath, key, { ...host, auth: 'password', password: 'nope' }, 'zh');
  assert.deepEqual(wrong.ok === false && [wrong.kind, /登录 master .* 失败/.test(wrong.message)], ['auth', true]);
  const typo = await testHostFromForm(configPath, key, { ...host, host: 'root@127.0.0.1' }, 'en');
  assert.deepEqual(typo.ok === false && [typo.kind, /put the login name in user:/.test(typo.message)], ['config', true]);
});
