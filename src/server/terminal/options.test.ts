import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TERMINAL_OPTIONS, terminalOptionsFromEnv } from './options.ts';
import { parseOrigins } from './from-config.ts';
import { readCookie, tokenMatches } from './session-token.ts';
import { loopbackOrigins } from './gate.ts';

test('limits come from the documented variables; malformed values are errors, not defaults', () => {
  assert.deepEqual(terminalOptionsFromEnv({}), DEFAULT_TERMINAL_OPTIONS);
  const o = terminalOptionsFromEnv({ TERMINAL_GRACE_SECONDS: '5', TERMINAL_MAX_SESSIONS_PER_LEARNER: '2', TERMINAL_IDLE_MINUTES: '' });
  assert.equal(o.graceSeconds, 5);
  assert.equal(o.maxSessionsPerLearner, 2);
  assert.equal(o.idleMinutes, DEFAULT_TERMINAL_OPTIONS.idleMinutes);
  for (const bad of ['abc', '-1', '0', 'Infinity']) {
    assert.throws(() => terminalOptionsFromEnv({ TERMINAL_GRACE_SECONDS: bad }), /TERMINAL_GRACE_SECONDS.*positive number/);
  }
});

test('PUBLIC_ORIGIN accepts exact origins only', () => {
  assert.equal(parseOrigins(undefined), undefined);
  assert.deepEqual(parseOrigins('https://labs.example.edu, http://127.0.0.1:4321'), ['https://labs.example.edu', 'http://127.0.0.1:4321']);
  for (const bad of ['labs.example.edu', 'https://labs.example.edu/path', 'ftp://x', '*'])
    assert.throws(() => parseOrigins(bad), /PUBLIC_ORIGIN|Invalid URL/);
});

test('the token cookie is read exactly and compared in constant time', () => {
  assert.equal(readCookie('a=1; k8s_labs_terminal=tok; b=2'), 'tok');
  assert.equal(readCookie('xk8s_labs_terminal=tok'), undefined);
  assert.equal(readCookie(undefined), undefined);
  assert.equal(tokenMatches('tok', 'tok'), true);
  assert.equal(tokenMatches('tok2', 'tok'), false);
  assert.equal(tokenMatches('', 'tok'), false);
  assert.equal(tokenMatches(undefined, 'tok'), false);
});

test('a loopback-bound server accepts its own port under the loopback names only', () => {
  assert.deepEqual(loopbackOrigins({ address: '127.0.0.1', family: 'IPv4', port: 4321 }), [
    'http://127.0.0.1:4321',
    'http://localhost:4321',
    'http://[::1]:4321',
  ]);
  assert.deepEqual(loopbackOrigins(null), []);
});
