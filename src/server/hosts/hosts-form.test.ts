import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadHostsConfig } from '../../config/hosts-config.ts';
import type { HostInput } from '../../client/check/api-types.ts';
import { createProgressStore } from '../db/progress-store.ts';
import { openDatabase } from '../db/open-db.ts';
import { graded } from '../db/test-reports.ts';
import { KEY_BYTES } from '../secrets/secret-key.ts';
import { hostsView, saveHosts } from './hosts-form.ts';
import { loadSiteHostsConfig, NoHostsConfigError } from './site-hosts-config.ts';

const key = randomBytes(KEY_BYTES);
const PASSWORD = 'Correct-Horse-7431';

const master: HostInput = {
  name: 'master',
  role: 'master',
  host: '192.168.157.133',
  port: 22,
  user: 'root',
  auth: 'password',
  password: PASSWORD,
};
const worker: HostInput = {
  name: 'worker',
  role: 'worker',
  host: '192.168.157.132',
  port: 2222,
  user: 'ubuntu',
  auth: 'password',
  password: 'worker-pw',
};

function inDir(run: (dir: string, path: string) => void | Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-hosts-'));
  return Promise.resolve(run(dir, join(dir, 'k8s-labs.yaml'))).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('no file yet: the view says so and loading says there are no hosts', () =>
  inDir((_dir, path) => {
    assert.deepEqual(hostsView(path, key, 'en'), { configPath: path, exists: false, hosts: [] });
    assert.throws(() => loadSiteHostsConfig(path, key), NoHostsConfigError);
  }));

test('saving writes the CLI format with sealed passwords; loading opens them; nothing secret in the view', () =>
  inDir((_dir, path) => {
    const saved = saveHosts(path, key, [master, worker], 'en');
    assert.equal(saved.ok, true);
    const text = readFileSync(path, 'utf8');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.ok(!text.includes(PASSWORD) && !text.includes('worker-pw'), 'no password in clear');
    assert.match(text, /passwordEncrypted: k8slabs-secret:v1:/);
    assert.match(text, /port: 2222/);
    const config = loadSiteHostsConfig(path, key);
    assert.deepEqual(
      config.hosts.map((h) => [h.name, h.role, h.host, h.port, h.user, h.auth]),
      [
        ['master', 'master', '192.168.157.133', 22, 'root', { kind: 'password', password: PASSWORD }],
        ['worker', 'worker', '192.168.157.132', 2222, 'ubuntu', { kind: 'password', password: 'worker-pw' }],
      ],
    );
    const view = hostsView(path, key, 'en');
    assert.ok(!JSON.stringify(view).includes(PASSWORD));
    assert.deepEqual(
      view.hosts.map((h) => [h.name, h.auth, h.hasPassword]),
      [
        ['master', 'password', true],
        ['worker', 'password', true],
      ],
    );
    assert.equal(view.problems, undefined);
  }));

test('a blank password keeps the saved one; a missing one is asked for', () =>
  inDir((_dir, path) => {
    assert.deepEqual(saveHosts(path, key, [{ ...master, password: '' }], 'en'), {
      ok: false,
      problems: [{ path: 'hosts.master.password', message: 'enter the password' }],
    });
    saveHosts(path, key, [master], 'en');
    const again = saveHosts(path, key, [{ ...master, password: '', user: 'labuser' }], 'en');
    assert.equal(again.ok, true);
    const host = loadSiteHostsConfig(path, key).hosts[0];
    assert.deepEqual([host?.user, host?.auth], ['labuser', { kind: 'password', password: PASSWORD }]);
  }));

test('mistakes are reported per field and nothing is written', () =>
  inDir((_dir, path) => {
    const result = saveHosts(
      path,
      key,
      [
        { ...master, host: 'root@192.168.157.133' },
        { ...worker, role: 'master' },
      ],
      'en',
    );
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    assert.ok(
      problems.some((p) => p.path === 'hosts.master.host' && /user:/.test(p.message)),
      JSON.stringify(problems),
    );
    assert.ok(
      problems.some((p) => p.path === 'hosts.worker.role' && /second master/.test(p.message)),
      JSON.stringify(problems),
    );
    assert.deepEqual(readdirSync(join(path, '..')), [], 'no file, no temp file');
  }));

test('a ciphertext moved to another host, or edited, is refused with a message that names the field', () =>
  inDir((_dir, path) => {
    saveHosts(path, key, [master, worker], 'en');
    const text = readFileSync(path, 'utf8');
    const [m, w] = [...text.matchAll(/passwordEncrypted: (\S+)/g)].map((x) => x[1] ?? '');
    assert.ok(m && w);
    writeFileSync(path, text.replace(m, 'MASTER').replace(w, m).replace('MASTER', w));
    assert.throws(
      () => loadSiteHostsConfig(path, key),
      (err: unknown) =>
        err instanceof ConfigError &&
        /hosts\.master\.passwordEncrypted: cannot be decrypted/.test(err.message) &&
        /hosts\.worker\.passwordEncrypted/.test(err.message),
    );
    assert.match(hostsView(path, key, 'en').problems ?? '', /enter that password again/);
    writeFileSync(path, text);
    assert.throws(() => loadSiteHostsConfig(path, randomBytes(KEY_BYTES)), /cannot be decrypted/);
  }));

test('a hand-written config with a clear password is read as is and sealed on the next save; other settings are kept', () =>
  inDir((dir, path) => {
    writeFileSync(join(dir, 'id_test'), 'not really a key');
    writeFileSync(
      path,
      `hosts:\n  ubuntu:\n    role: master\n    host: 192.168.157.133\n    user: root\n    password: "${PASSWORD}"\n    hostKey: SHA256:zVSxUH+j64oAKY5a/lkc0RDOu6Q+9zI+AEKVnY0vrrY\nprobeTimeoutSeconds: 40\n`,
    );
    assert.equal(loadHostsConfig(path).hosts[0]?.name, 'ubuntu', 'the CLI reads it');
    const view = hostsView(path, key, 'en');
    assert.deepEqual(
      view.hosts.map((h) => [h.name, h.hasPassword, h.hostKey]),
      [['ubuntu', true, 'SHA256:zVSxUH+j64oAKY5a/lkc0RDOu6Q+9zI+AEKVnY0vrrY']],
    );
    const form: HostInput[] = [
      { name: 'ubuntu', role: 'master', host: '192.168.157.133', port: 22, user: 'root', auth: 'password' },
      {
        name: 'worker',
        role: 'worker',
        host: '192.168.157.132',
        port: 22,
        user: 'root',
        auth: 'key',
        privateKey: './id_test',
        passphrase: 'pp',
      },
    ];
    assert.equal(saveHosts(path, key, form, 'en').ok, true);
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes(PASSWORD) && !/passphrase: pp/.test(text));
    assert.match(text, /probeTimeoutSeconds: 40/);
    assert.match(text, /hostKey: SHA256:zVSxUH/, 'the pin stays while the address is the same');
    const config = loadSiteHostsConfig(path, key);
    assert.equal(config.probeTimeoutMs, 40_000);
    assert.deepEqual(config.hosts[0]?.auth, { kind: 'password', password: PASSWORD });
    assert.deepEqual(config.hosts[1]?.auth, { kind: 'key', privateKeyPath: join(dir, 'id_test'), passphrase: 'pp' });
    saveHosts(path, key, [{ ...form[0]!, host: '192.168.157.140' }], 'en');
    assert.doesNotMatch(readFileSync(path, 'utf8'), /hostKey/, 'a new address drops the old pin');
  }));

test('no plaintext password anywhere in the data folder: config, database, WAL', () =>
  inDir(async (dir, path) => {
    saveHosts(path, key, [master], 'en');
    const store = createProgressStore(openDatabase(join(dir, 'data', 'progress.sqlite')));
    try {
      await store.recordAttempt(graded('lab-01', ['passed']));
      const files = [path, ...readdirSync(join(dir, 'data')).map((f) => join(dir, 'data', f))];
      assert.ok(
        files.some((f) => f.endsWith('-wal')),
        'the WAL file exists and is scanned',
      );
      for (const file of files) assert.ok(!readFileSync(file).includes(Buffer.from(PASSWORD)), `${file} holds the password`);
    } finally {
      store.close();
    }
  }));
