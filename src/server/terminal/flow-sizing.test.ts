import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WindowSizer } from './flow-sizing.ts';

const opts = { targetMs: 40, min: 32_000, max: 1_000_000, sampleMs: 100 };

test('a slow browser shrinks the window to 40 ms of its drain rate', () => {
  const s = new WindowSizer(256_000, opts);
  s.acked(0, 0);
  s.saturated();
  assert.equal(s.acked(200_000, 100), 80_000, '2000 B/ms × 40 ms');
  assert.equal(s.high, 80_000);
});

test('a fast browser grows the window ×1.5 per sample up to the cap', () => {
  const s = new WindowSizer(256_000, opts);
  s.acked(0, 0);
  let t = 0;
  const seen: number[] = [];
  for (let i = 0; i < 6; i++) {
    s.saturated();
    t += 100;
    const h = s.acked(100_000 * 100, t); // 100 MB/s: the window is always the limit
    if (h) seen.push(h);
  }
  assert.deepEqual(seen, [384_000, 576_000, 864_000, 1_000_000]);
});

test('no change without saturation, after idle gaps, or for tiny differences', () => {
  const s = new WindowSizer(256_000, opts);
  s.acked(0, 0);
  assert.equal(s.acked(1_000, 150), null, 'not window-limited: the rate says nothing');
  s.saturated();
  assert.equal(s.acked(1_000, 5_000), null, 'idle gap: a new sample starts');
  assert.equal(s.high, 256_000);
  s.saturated();
  assert.equal(s.acked(6_400 * 100, 5_100), null, '6400 B/ms × 40 ms = 256 000: unchanged');
});

test('the window stays within its bounds', () => {
  const s = new WindowSizer(10, opts);
  assert.equal(s.high, 32_000);
  s.acked(0, 0);
  s.saturated();
  assert.equal(s.acked(10, 100), null, 'already at the minimum');
  assert.equal(s.high, 32_000);
});
