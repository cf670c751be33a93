import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackName, publicOrigins, refuseStateChange } from './request-guard.ts';

function req(url: string, headers: Record<string, string>) {
  return { request: new Request(url, { method: 'POST', headers }), url: new URL(url) };
}

test('a same-origin request from this PC passes', () => {
  for (const url of ['http://127.0.0.1:4321/api/grade', 'http://localhost:4321/api/grade', 'http://[::1]:4321/api/grade']) {
    const origin = new URL(url).origin;
    assert.equal(
      refuseStateChange({ ...req(url, { origin, 'sec-fetch-site': 'same-origin' }), clientAddress: '127.0.0.1', env: {} }),
      undefined,
      url,
    );
  }
});

test('other origins, lookalikes, null, missing Origin and cross-site fetch metadata are refused', () => {
  const url = 'http://127.0.0.1:4321/api/grade';
  for (const origin of [
    'https://evil.example',
    'null',
    'http://127.0.0.1:4322',
    'https://127.0.0.1:4321',
    'http://127.0.0.1.evil.example:4321',
    'http://localhost:4321',
    'HTTP://127.0.0.1:4321/',
  ]) {
    assert.match(
      refuseStateChange({ ...req(url, { origin }), clientAddress: '127.0.0.1', env: {} }) ?? '',
      /not this site|no Origin/,
      origin,
    );
  }
  assert.match(refuseStateChange({ ...req(url, {}), clientAddress: '127.0.0.1', env: {} }) ?? '', /no Origin/);
  assert.match(
    refuseStateChange({
      ...req(url, { origin: 'http://127.0.0.1:4321', 'sec-fetch-site': 'same-site' }),
      clientAddress: '127.0.0.1',
      env: {},
    }) ?? '',
    /Sec-Fetch-Site/,
  );
});

test('DNS rebinding: a name that resolves to 127.0.0.1 is not this site, even when Host and Origin agree', () => {
  const url = 'http://attacker.example:4321/api/grade';
  assert.match(
    refuseStateChange({ ...req(url, { origin: 'http://attacker.example:4321' }), clientAddress: '127.0.0.1', env: {} }) ?? '',
    /not this site/,
  );
});

test('without PUBLIC_ORIGIN only this PC may change anything; with it, exactly the listed origins', () => {
  const lan = req('http://192.168.1.10:4321/api/grade', { origin: 'http://192.168.1.10:4321' });
  assert.match(refuseStateChange({ ...lan, clientAddress: '192.168.1.20', env: {} }) ?? '', /set PUBLIC_ORIGIN/);
  const env = { PUBLIC_ORIGIN: 'https://labs.example.edu, http://192.168.1.10:4321/' };
  assert.deepEqual(publicOrigins(env), ['https://labs.example.edu', 'http://192.168.1.10:4321']);
  assert.equal(refuseStateChange({ ...lan, clientAddress: '192.168.1.20', env }), undefined);
  const other = req('http://192.168.1.10:4321/api/grade', { origin: 'http://192.168.1.11:4321' });
  assert.match(refuseStateChange({ ...other, clientAddress: '192.168.1.20', env }) ?? '', /not this site/);
  assert.deepEqual(publicOrigins({ PUBLIC_ORIGIN: 'not a url, https://ok.example/path' }), []);
});

test('isLoopbackName', () => {
  for (const yes of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopbackName(yes), yes);
  for (const no of ['0.0.0.0', '192.168.1.1', 'localhost.evil.example', '127.0.0.1.nip.io', '::ffff:10.0.0.1'])
    assert.ok(!isLoopbackName(no), no);
});
