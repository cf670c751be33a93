import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputBatcher } from './output-batcher.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function manual() {
  const queue: (() => void)[] = [];
  const frames: string[] = [];
  const batcher = new OutputBatcher((b) => frames.push(text(b)), { maxBytes: 8, schedule: (fn) => queue.push(fn) });
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

test('the default schedule flushes on setImmediate', async () => {
  const frames: string[] = [];
  const batcher = new OutputBatcher((b) => frames.push(text(b)));
  batcher.push(bytes('a'));
  batcher.push(bytes('b'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(frames, ['ab']);
});
