import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameParser, type ParsedRun } from './frame-parser.ts';

const N = '0123456789abcdef0123456789abcdef';
const b64 = (s: string | Buffer) =>
  (Buffer.isBuffer(s) ? s : Buffer.from(s))
    .toString('base64')
    .replace(/(.{76})/g, '$1\n')
    .replace(/\n$/, '');
const probe = (i: number, out: string | Buffer, err: string, rc: string, ms = 5, flags = '-') =>
  [`@@${N} O ${i}`, b64(out), `@@${N} E ${i}`, b64(err), `@@${N} X ${i} ${rc} ${ms} ${flags}`].filter((l) => l !== '').join('\n');

function parse(text: string, count: number, chunk = 0, caps = { stdoutCap: 1 << 20, stderrCap: 1 << 20 }): ParsedRun {
  const p = new FrameParser(N, count, caps);
  const buf = Buffer.from(text);
  if (chunk <= 0) p.push(buf);
  else for (let i = 0; i < buf.length; i += chunk) p.push(buf.subarray(i, i + chunk));
  return p.finish();
}

const STREAM = [`@@${N} A 2`, probe(0, '{"kind":"List"}\n', '', '0'), probe(1, '', 'boom\n', '1', 12), `@@${N} Z 2`, ''].join('\n');

test('parses a whole run: stdout, stderr, exit code, ms, start and end', () => {
  const run = parse(STREAM, 2);
  assert.equal(run.started, true);
  assert.equal(run.finished, true);
  assert.equal(run.probes[0]?.stdout.toString(), '{"kind":"List"}\n');
  assert.equal(run.probes[0]?.rc, 0);
  assert.equal(run.probes[1]?.stderr.toString(), 'boom\n');
  assert.equal(run.probes[1]?.rc, 1);
  assert.equal(run.probes[1]?.ms, 12);
  assert.equal(run.noiseBytes, 0);
});

test('gives the same result whatever the chunk boundaries (1, 2, 3, 7, 64 bytes)', () => {
  const whole = parse(STREAM, 2);
  for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(parse(STREAM, 2, size), whole, `chunk size ${size}`);
});

test('round-trips binary and UTF-8 payloads exactly', () => {
  const bytes = Buffer.from([0, 255, 10, 64, 64, 13, 0x1b, 0x5b, 0x33, 0x31, 0x6d, ...Buffer.from('容器 ✓')]);
  const run = parse([`@@${N} A 1`, probe(0, bytes, '', '0'), ''].join('\n'), 1, 5);
  assert.deepEqual(run.probes[0]?.stdout, bytes);
});

test('banners and forged frames without the nonce are noise, never results', () => {
  const forged = [
    'Welcome to Ubuntu 22.04 LTS',
    '\x1b[31mLast login: today\x1b[0m',
    `@@ffffffffffffffffffffffffffffffff O 0`,
    Buffer.from('{"forged":true}').toString('base64'),
    `@@ffffffffffffffffffffffffffffffff X 0 0 1 -`,
    `@@${N.slice(0, -1)} X 0 0 1 -`,
    `@@${N}X 0 0 1 -`,
  ].join('\n');
  const run = parse(`${forged}\n${STREAM}`, 2);
  assert.equal(run.probes[0]?.stdout.toString(), '{"kind":"List"}\n');
  assert.match(run.noise, /Welcome to Ubuntu/);
  assert.ok(run.noiseBytes > 0);
});

test('a missing end marker leaves no exit code and names the problem', () => {
  const cut = [`@@${N} A 2`, probe(0, 'ok', '', '0'), `@@${N} O 1`, b64('partial')].join('\n');
  const run = parse(cut, 2);
  assert.equal(run.finished, false);
  assert.equal(run.probes[0]?.rc, 0);
  assert.equal(run.probes[1]?.rc, null);
  assert.match(run.probes[1]?.problem ?? '', /ended before the end marker/);
});

test('a probe that never started is absent; one skipped for budget carries the s flag', () => {
  const run = parse([`@@${N} A 3`, probe(0, 'a', '', '0'), `@@${N} X 1 - 0 s`, ''].join('\n'), 3);
  assert.equal(run.probes[1]?.flags, 's');
  assert.equal(run.probes[1]?.rc, null);
  assert.equal(run.probes[2], undefined);
});

test('cap+1 bytes mean truncated: the head is kept, the flag set; the timeout flag passes through', () => {
  const caps = { stdoutCap: 10, stderrCap: 4 };
  const run = parse(
    [`@@${N} A 2`, probe(0, '0123456789X', 'abcdE', '0', 1), probe(1, '0123456789', 'abcd', '-', 1, 't'), ''].join('\n'),
    2,
    3,
    caps,
  );
  assert.equal(run.probes[0]?.stdout.toString(), '0123456789');
  assert.equal(run.probes[0]?.stderr.toString(), 'abcd');
  assert.equal(run.probes[0]?.flags, 'oe');
  assert.equal(run.probes[0]?.problem, undefined);
  assert.equal(run.probes[1]?.flags, 't', 'exactly the cap is not truncated');
  assert.equal(run.probes[1]?.rc, null);
});

test('payloads beyond cap+1 are refused (forged frames cannot grow memory)', () => {
  const run = parse([`@@${N} A 1`, probe(0, 'x'.repeat(100_000), '', '0'), ''].join('\n'), 1, 0, { stdoutCap: 10, stderrCap: 10 });
  assert.match(run.probes[0]?.problem ?? '', /size cap/);
  assert.equal(run.probes[0]?.stdout.length, 10);
});

test('text inside a frame that is not base64, out-of-order and duplicate frames are problems', () => {
  const bad = parse([`@@${N} A 1`, `@@${N} O 0`, 'not base64 at all!', `@@${N} E 0`, `@@${N} X 0 0 1 -`, ''].join('\n'), 1);
  assert.match(bad.probes[0]?.problem ?? '', /unexpected text/);
  const order = parse([`@@${N} A 1`, `@@${N} O 0`, `@@${N} X 0 0 1 -`, `@@${N} E 0`, ''].join('\n'), 1);
  assert.match(order.probes[0]?.problem ?? '', /out of order|end marker/);
  const dup = parse([`@@${N} A 1`, probe(0, 'first', '', '0'), probe(0, 'second', '', '0'), ''].join('\n'), 1);
  assert.equal(dup.probes[0]?.stdout.toString(), 'first');
  const outOfRange = parse([`@@${N} A 1`, probe(5, 'x', '', '0'), ''].join('\n'), 1);
  assert.equal(outOfRange.probes[0], undefined);
});

test('memory stays bounded on a huge line without newline and on endless noise', () => {
  const p = new FrameParser(N, 1, { stdoutCap: 100, stderrCap: 100, maxLine: 1024, maxNoise: 256 });
  const junk = Buffer.alloc(64 * 1024, 0x41);
  for (let i = 0; i < 200; i++) p.push(junk); // 12.5 MiB, one line
  p.push(Buffer.from(`\n@@${N} A 1\n${probe(0, 'ok', '', '0')}\n`));
  const run = p.finish();
  assert.equal(run.probes[0]?.stdout.toString(), 'ok');
  assert.ok(run.noise.length <= 256);
  assert.ok(run.noiseBytes >= 200 * 64 * 1024);
});

test('prototype-looking text is just bytes', () => {
  const run = parse([`@@${N} A 1`, probe(0, '{"__proto__":{"polluted":true}}', '', '0'), ''].join('\n'), 1);
  assert.equal(run.probes[0]?.stdout.toString(), '{"__proto__":{"polluted":true}}');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});
