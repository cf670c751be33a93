import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifySshError, SshError } from './ssh-error.ts';

const h = { name: 'worker', host: '192.168.157.132', port: 22, user: 'root' };
const err = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);
const classify = (e: unknown, tcpConnected = false) => classifySshError(e, h, { tcpConnected, timeoutMs: 10_000 });

test('errors are classified by cause, each with a next step in both languages', () => {
  const cases: [unknown, boolean, string, RegExp][] = [
    [err('connect ECONNREFUSED', { code: 'ECONNREFUSED', level: 'client-socket' }), false, 'unreachable', /systemctl status ssh/],
    [err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH', level: 'client-socket' }), false, 'unreachable', /ping 192\.168\.157\.132/],
    [err('getaddrinfo ENOTFOUND', { code: 'ENOTFOUND' }), false, 'unreachable', /IP address/],
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), false, 'unreachable', /did not answer within 10 s/],
    [err('Timed out while waiting for handshake', { level: 'client-timeout' }), true, 'timeout', /handshake did not finish/],
    [err('Keepalive timeout', { level: 'client-timeout' }), true, 'timeout', /keepalive/],
    [err('All configured authentication methods failed', { level: 'client-authentication' }), true, 'auth', /PermitRootLogin/],
    [err('Protocol error: bad packet length', { level: 'protocol' }), true, 'protocol', /OpenSSH/],
  ];
  for (const [e, tcp, kind, next] of cases) {
    const c = classify(e, tcp);
    assert.equal(c.kind, kind, (e as Error).message);
    assert.match(c.detail.en, next);
    assert.ok(c.detail.zh.length > 10);
    assert.ok(c.detail.en.includes('worker (192.168.157.132:22)'));
  }
});

test('an SshError passes through unchanged; non-Error values do not crash', () => {
  const e = new SshError('host-key', { zh: '变了', en: 'changed' });
  assert.equal(classify(e), e);
  assert.equal(classify('weird').kind, 'protocol');
  assert.equal(classify(undefined).kind, 'protocol');
});
