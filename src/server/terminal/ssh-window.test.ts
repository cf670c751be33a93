import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientChannel } from 'ssh2';
import { limitWindow } from './ssh-window.ts';

/** The shape of ssh2's channel internals that limitWindow relies on (ssh2 1.x, lib/client.js). */
function fakeChannel(initialWindow: number) {
  const adjusts: number[] = [];
  const ch = {
    incoming: { id: 0, window: initialWindow, packetSize: 32768, state: 'open' },
    outgoing: { id: 7, window: 0, packetSize: 32768, state: 'open' },
    _client: { _protocol: { channelWindowAdjust: (id: number, amount: number) => adjusts.push(id === 7 ? amount : -1) } },
  };
  /** What ssh2's CHANNEL_DATA handler does with a packet. */
  const arrive = (n: number) => {
    if (ch.incoming.window === 0) return false; // ssh2 drops it
    ch.incoming.window -= n;
    if (ch.incoming.window <= 1024 * 1024) throw new Error('ssh2 would top the window up itself');
    return true;
  };
  return { ch, adjusts, arrive, stream: ch as unknown as ClientChannel };
}

test('grants at most `limit` once the initial credit is used, and only while not paused', () => {
  const { adjusts, arrive, stream } = fakeChannel(100_000);
  const w = limitWindow(stream, 40_000)!;
  assert.equal(w.credit, 100_000);
  assert.ok(arrive(70_000));
  assert.deepEqual(adjusts, [], '30 000 left: above half the limit');
  assert.ok(arrive(15_000));
  assert.deepEqual(adjusts, [25_000], 'topped up to the limit');
  assert.equal(w.credit, 40_000);
  w.setPaused(true);
  assert.ok(arrive(40_000));
  assert.equal(w.credit, 0);
  assert.deepEqual(adjusts, [25_000], 'nothing granted while paused');
  w.setPaused(false);
  assert.deepEqual(adjusts, [25_000, 40_000], 'resume grants again');
});

test('never lets ssh2 drop a packet or grant its own 2 MiB', () => {
  const { ch, arrive, stream } = fakeChannel(10_000);
  const w = limitWindow(stream, 40_000)!;
  w.setPaused(true);
  assert.ok(arrive(10_000));
  assert.equal(w.credit, 0);
  assert.ok(ch.incoming.window > 1024 * 1024, 'ssh2 sees a window above its threshold, never 0');
});

test("falls back to ssh2's own window handling when its internals look different", () => {
  assert.equal(limitWindow({} as ClientChannel, 1000), null);
  assert.equal(limitWindow({ incoming: { window: 5 }, outgoing: { id: 1 }, _client: {} } as unknown as ClientChannel, 1000), null);
});
