import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowControl } from './flow-control.ts';

test('pauses at the high watermark and resumes at the low one, once each', () => {
  const fc = new FlowControl({ high: 100, low: 10 });
  assert.equal(fc.sent(60), null);
  assert.equal(fc.sent(39), null);
  assert.equal(fc.sent(1), 'pause');
  assert.equal(fc.sent(50), null, 'already paused: no second pause');
  assert.equal(fc.paused, true);
  assert.equal(fc.acked(100), null, '50 unacked is above low');
  assert.equal(fc.unacked, 50);
  assert.equal(fc.acked(40), 'resume');
  assert.equal(fc.acked(5), null, 'already running: no second resume');
  assert.equal(fc.paused, false);
});

test('over-acknowledging cannot make the window negative', () => {
  const fc = new FlowControl({ high: 100, low: 10 });
  fc.sent(20);
  fc.acked(1_000_000);
  assert.equal(fc.unacked, 0);
  assert.equal(fc.sent(99), null);
  assert.equal(fc.sent(1), 'pause');
});

test('a re-attached client starts with an empty window and un-pauses the producer', () => {
  const fc = new FlowControl({ high: 10, low: 2 });
  assert.equal(fc.sent(10), 'pause');
  assert.equal(fc.reset(), 'resume');
  assert.equal(fc.unacked, 0);
  assert.equal(fc.reset(), null);
});

test('rejects inverted watermarks', () => {
  assert.throws(() => new FlowControl({ high: 10, low: 10 }), RangeError);
});

test('retuning the watermarks pauses or resumes at once when the count is already past them', () => {
  const fc = new FlowControl({ high: 100, low: 10 });
  fc.sent(60);
  assert.equal(fc.retune({ high: 50, low: 10 }), 'pause');
  assert.equal(fc.retune({ high: 400, low: 100 }), 'resume');
  assert.equal(fc.high, 400);
  assert.throws(() => fc.retune({ high: 5, low: 5 }), RangeError);
});
