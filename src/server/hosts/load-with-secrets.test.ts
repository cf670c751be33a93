import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../config/hosts-config.ts';
import { loadOrCreateKey } from '../secrets/secret-key.ts';
import { saveHosts } from './hosts-form.ts';
import { loadHostsConfigWithSecrets } from './load-with-secrets.ts';

test('the CLI and the terminal read what the setup page wrote; a plain config needs no key; a missing key is explained', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-cli-'));
  try {
    const path = join(dir, 'k8s-labs.yaml');
    writeFileSync(path, 'hosts:\n  master: {role: master, host: 192.168.157.133, user: root, password: "plain"}\n');
    assert.deepEqual(loadHostsConfigWithSecrets(path, {}, dir).hosts[0]?.auth, { kind: 'password', password: 'plain' });
    assert.ok(!readdirSync(dir).includes('data'), 'reading a plain config creates no key');

    const key = loadOrCreateKey(join(dir, 'data', 'secret.key'));
    saveHosts(
      path,
      key,
      [{ name: 'master', role: 'master', host: '192.168.157.133', port: 22, user: 'root', auth: 'password', password: 's3cret' }],
      'en',
    );
    assert.deepEqual(loadHostsConfigWithSecrets(path, {}, dir).hosts[0]?.auth, { kind: 'password', password: 's3cret' });
    assert.deepEqual(loadHostsConfigWithSecrets(path, { K8S_LABS_DATA: join(dir, 'data') }, '/').hosts[0]?.auth, {
      kind: 'password',
      password: 's3cret',
    });
    assert.throws(
      () => loadHostsConfigWithSecrets(path, { K8S_LABS_DATA: join(dir, 'elsewhere') }, dir),
      (err: unknown) => err instanceof ConfigError && /the key to open them, .*elsewhere\/secret\.key, is missing/.test(err.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
