import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseClientFrame,
  parseServerFrame,
  clampSize,
  encodeMessage,
  TERMINAL_PROTOCOL_VERSION,
  TERMINAL_LIMITS,
} from './terminal-protocol.ts';

test('binary frames are terminal data, passed through byte for byte', () => {
  const split = new Uint8Array([0xc3]); // first half of "é": must not be decoded here
  const f = parseClientFrame(split, true);
  assert.equal(f.kind, 'data');
  assert.deepEqual(f.kind === 'data' && [...f.bytes], [0xc3]);
  assert.equal(parseServerFrame(new Uint8Array([0x1b, 0x5b]), true).kind, 'data');
});

test('text frames are control messages validated by the schema', () => {
  const hello = parseClientFrame(encodeMessage({ type: 'hello', v: TERMINAL_PROTOCOL_VERSION, cols: 80, rows: 24 }), false);
  assert.deepEqual(hello, { kind: 'control', message: { type: 'hello', v: 1, cols: 80, rows: 24 } });
  const resume = parseClientFrame(
    Buffer.from(JSON.stringify({ type: 'hello', v: 1, cols: 80, rows: 24, resume: { session: 'abcdefghijklmnop', offset: 42 } })),
    false,
  );
  assert.equal(resume.kind, 'control');
  assert.deepEqual(parseClientFrame('{"type":"ack","bytes":4096}', false), { kind: 'control', message: { type: 'ack', bytes: 4096 } });
  assert.equal(parseClientFrame('{"type":"resize","cols":120,"rows":40}', false).kind, 'control');
});

test('malformed control frames are invalid with a reason, never thrown', () => {
  const cases: [string, RegExp][] = [
    ['not json', /not JSON/],
    ['{"type":"exec","cmd":"rm -rf /"}', /./],
    ['{"type":"hello","v":1,"cols":80,"rows":24,"host":"10.0.0.1"}', /./], // strict: no host/port fields
    ['{"type":"ack","bytes":-5}', /bytes/],
    ['{"type":"ack","bytes":0}', /bytes/],
    ['{"type":"resize","cols":"80","rows":24}', /cols/],
    ['{"type":"hello","v":1,"cols":80,"rows":24,"resume":{"session":"../../etc","offset":0}}', /resume\.session/],
    ['{"__proto__":{"polluted":true},"type":"ack","bytes":1}', /./],
    ['[]', /./],
    ['null', /./],
  ];
  for (const [input, reason] of cases) {
    const f = parseClientFrame(input, false);
    assert.equal(f.kind, 'invalid', input);
    if (f.kind === 'invalid') assert.match(f.reason, reason, input);
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(parseClientFrame('x'.repeat(TERMINAL_LIMITS.maxFrameBytes + 1), false).kind, 'invalid');
  assert.equal(parseClientFrame('{"type":"ack","bytes":1}', true).kind, 'invalid', 'string where bytes expected');
});

test('server messages round-trip through the schema', () => {
  const msgs = [
    { type: 'ready', v: 1, session: 's1', host: 'master', resumed: true, offset: 10, truncated: false, graceSeconds: 60 },
    { type: 'exit', code: 0, signal: null },
    { type: 'error', code: 'host-key', message: { zh: '主机密钥已改变', en: 'host key changed' } },
  ] as const;
  for (const m of msgs) assert.deepEqual(parseServerFrame(encodeMessage(m), false), { kind: 'control', message: m });
  assert.equal(parseServerFrame('{"type":"error","code":"nope","message":{"zh":"x","en":"x"}}', false).kind, 'invalid');
});

test('resize requests are clamped to the limits', () => {
  assert.deepEqual(clampSize(1e9, -3), { cols: TERMINAL_LIMITS.maxCols, rows: TERMINAL_LIMITS.minRows });
  assert.deepEqual(clampSize(0, 1e6), { cols: TERMINAL_LIMITS.minCols, rows: TERMINAL_LIMITS.maxRows });
  assert.deepEqual(clampSize(80.7, 24.2), { cols: 80, rows: 24 });
});
