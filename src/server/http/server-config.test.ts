import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DIST_DIR, isLoopback, loadServerConfig, ServerConfigError } from './server-config.ts';

test('defaults: loopback, port 4321, dist/ of the project', () => {
  const config = loadServerConfig({});
  assert.deepEqual(config, { host: '127.0.0.1', port: 4321, distDir: DEFAULT_DIST_DIR });
  assert.match(DEFAULT_DIST_DIR, /\/dist\/$/);
});

test('reads HOST, PORT and K8S_LABS_DIST; empty values count as unset', () => {
  assert.deepEqual(loadServerConfig({ HOST: '0.0.0.0', PORT: '8080', K8S_LABS_DIST: '/srv/dist' }), {
    host: '0.0.0.0',
    port: 8080,
    distDir: '/srv/dist',
  });
  assert.equal(loadServerConfig({ PORT: '' }).port, 4321);
  assert.equal(loadServerConfig({ PORT: '0' }).port, 0);
});

test('a bad PORT names the variable and shows an example', () => {
  for (const port of ['http', '70000', '-1', '80.5']) {
    assert.throws(
      () => loadServerConfig({ PORT: port }),
      (err: unknown) => err instanceof ServerConfigError && /^PORT is invalid/.test(err.message) && /PORT=4321 npm start/.test(err.message),
      port,
    );
  }
});

test('isLoopback', () => {
  assert.ok(isLoopback('127.0.0.1'));
  assert.ok(isLoopback('::1'));
  assert.ok(isLoopback('localhost'));
  assert.ok(!isLoopback('0.0.0.0'));
  assert.ok(!isLoopback('192.168.56.1'));
});
