import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayBuffer } from './replay-buffer.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

test('replays everything a client missed while it is still held', () => {
  const rb = new ReplayBuffer(16);
  rb.append(bytes('hello '));
  rb.append(bytes('world'));
  assert.equal(rb.end, 11);
  const s = rb.since(6);
  assert.deepEqual([s.offset, text(s.bytes), s.truncated], [6, 'world', false]);
  assert.equal(text(rb.since(0).bytes), 'hello world');
  assert.equal(rb.since(11).bytes.length, 0);
});

test('drops the oldest bytes first and says the replay was truncated', () => {
  const rb = new ReplayBuffer(8);
  rb.append(bytes('abcdef'));
  rb.append(bytes('ghijk')); // wraps around
  assert.equal(rb.start, 3);
  const s = rb.since(0);
  assert.deepEqual([s.offset, text(s.bytes), s.truncated], [3, 'defghijk', true]);
  const t = rb.since(5);
  assert.deepEqual([t.offset, text(t.bytes), t.truncated], [5, 'fghijk', false]);
});

test('a chunk larger than the capacity keeps only its tail, memory stays bounded', () => {
  const rb = new ReplayBuffer(4);
  rb.append(bytes('xy'));
  rb.append(bytes('0123456789'));
  assert.equal(rb.end, 12);
  assert.equal(text(rb.since(0).bytes), '6789');
  for (let i = 0; i < 1000; i++) rb.append(bytes(`line ${i}\n`));
  assert.equal(rb.since(0).bytes.length, 4);
});

test('a client offset beyond the end replays nothing', () => {
  const rb = new ReplayBuffer(8);
  rb.append(bytes('abc'));
  const s = rb.since(99);
  assert.deepEqual([s.offset, s.bytes.length, s.truncated], [3, 0, false]);
});

test('a truncated display replay starts after a newline, never inside a sequence', () => {
  const rb = new ReplayBuffer(10);
  rb.append(bytes('first\n\x1b[31mred\nok\n'));
  const s = rb.sinceForDisplay(0);
  assert.equal(s.truncated, true);
  assert.equal(text(s.bytes), 'ok\n');
  assert.equal(s.offset, rb.end - 3);
  // not truncated: untouched
  assert.equal(text(rb.sinceForDisplay(rb.end - 3).bytes), 'ok\n');
});

test('rejects a non-positive capacity', () => {
  assert.throws(() => new ReplayBuffer(0), RangeError);
});
