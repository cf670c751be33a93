import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputBatcher } from './output-batcher.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function manual() {
  const queue: (() => void)[] = [];
  const frames: string[] = [];
  // A clock that never moves: nothing counts as "after a quiet moment" except the very first chunk.
  const batcher = new OutputBatcher((b) => frames.push(text(b)), { maxBytes: 8, schedule: (fn) => queue.push(fn), now: () => 1000 });
  batcher.push(bytes('0')); // leaves at once (first output ever)
  frames.splice(0);
  return { batcher, frames, turn: () => queue.splice(0).forEach((fn) => fn()) };
}

test('chunks of one turn leave as one frame, in order', () => {
  const { batcher, frames, turn } = manual();
  batcher.push(bytes('ab'));
  batcher.push(bytes('cd'));
  assert.deepEqual(frames, []);
  turn();
  assert.deepEqual(frames, ['abcd']);
  batcher.push(bytes('e'));
  turn();
  assert.deepEqual(frames, ['abcd', 'e']);
});

test('a full batch leaves at once, the rest at the end of the turn', () => {
  const { batcher, frames, turn } = manual();
  batcher.push(bytes('12345'));
  batcher.push(bytes('6789'));
  assert.deepEqual(frames, ['123456789']);
  batcher.push(bytes('x'));
  turn();
  assert.deepEqual(frames, ['123456789', 'x']);
});

test('clear drops what waits and cancels its scheduled flush', () => {
  const { batcher, frames, turn } = manual();
  batcher.push(bytes('old'));
  batcher.clear();
  batcher.push(bytes('new'));
  turn();
  assert.deepEqual(frames, ['new']);
  assert.equal(batcher.pending, 0);
});

test('output after a quiet moment leaves at once; what follows in the burst waits for the turn', async () => {
  const frames: string[] = [];
  let clock = 0;
  const batcher = new OutputBatcher((b) => frames.push(text(b)), { now: () => clock, quietMs: 2 });
  batcher.push(bytes('echo'));
  assert.deepEqual(frames, ['echo']);
  clock += 1;
  batcher.push(bytes('a'));
  batcher.push(bytes('b'));
  assert.deepEqual(frames, ['echo']);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(frames, ['echo', 'ab']);
  clock += 10;
  batcher.push(bytes('next'));
  assert.deepEqual(frames, ['echo', 'ab', 'next']);
});
