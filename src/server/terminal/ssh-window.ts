import type { ClientChannel } from 'ssh2';

/**
 * A smaller SSH receive window for the interactive shell channel.
 *
 * ssh2 grants every channel a 2 MiB window and tops it up whenever half is used, as long as the
 * stream is not paused. With the browser as the slowest stage of a flood, up to ~4 MiB then sit
 * between the remote pty and xterm.js (granted window + ssh2's read buffer), and a Ctrl-C or a
 * typed key only shows after all of it: ~1 s at 3 MB/s. Here we grant at most `limit` bytes and
 * only while the bridge wants data, so what is queued ahead of an echo stays ≈ limit + the
 * flow-control window. (OpenSSH's own client reads its 2 MiB window straight into a tty, which
 * drains at memory speed, so it does not need this.)
 *
 * ssh2 has no option for it, so this takes over ssh2's window bookkeeping for this one channel:
 * ssh2 sees a window that never runs low (so it never tops it up itself) and we send
 * CHANNEL_WINDOW_ADJUST through its protocol object. Pinned by ssh2-window.test.ts against the
 * installed ssh2; if ssh2's internals change shape, `limitWindow` returns null and ssh2's own
 * window management stays in place.
 */
export interface WindowControl {
  /** While paused no window is granted, so the remote stops once its credit is used. */
  setPaused(paused: boolean): void;
  /** Changes the most we grant (follows the flow-control window). */
  setLimit(bytes: number): void;
  /** Credit the remote still has (bytes it may send before we grant more). */
  readonly credit: number;
}

interface ChannelInternals {
  incoming?: { window?: number };
  outgoing?: { id?: number; state?: string };
  _client?: { _protocol?: { channelWindowAdjust?: (id: number, amount: number) => void } };
}

/** What ssh2 is made to see: always more than its top-up threshold (half of 2 MiB). */
const SEEN_BY_SSH2 = 2 * 1024 * 1024;

export function limitWindow(stream: ClientChannel, initialLimit: number): WindowControl | null {
  const ch = stream as unknown as ChannelInternals;
  const incoming = ch.incoming;
  const protocol = ch._client?._protocol;
  if (
    !incoming ||
    typeof incoming.window !== 'number' ||
    typeof ch.outgoing?.id !== 'number' ||
    typeof protocol?.channelWindowAdjust !== 'function'
  ) {
    return null;
  }
  // The credit granted at channel open (ssh2's 2 MiB) cannot be taken back; it is used up first.
  let credit = incoming.window;
  let limit = initialLimit;
  let paused = false;
  Object.defineProperty(incoming, 'window', {
    configurable: true,
    enumerable: true,
    // Never 0 (ssh2 would drop the packet) and never at or under ssh2's top-up threshold (it would
    // grant 2 MiB on its own): the remote only ever sends within the credit we granted.
    get: () => SEEN_BY_SSH2,
    // ssh2 does `window -= data.length` as each packet arrives (before pushing it to the stream),
    // and `window += amount` if it ever grants window itself: both land in `credit`.
    set: (value: number) => {
      credit = Math.max(0, credit + (value - SEEN_BY_SSH2));
      topUp();
    },
  });
  function topUp() {
    if (paused || ch.outgoing?.state === 'closed' || credit > limit / 2) return;
    const amount = limit - credit;
    credit += amount;
    protocol!.channelWindowAdjust!.call(protocol, ch.outgoing!.id!, amount);
  }
  return {
    setPaused(p) {
      paused = p;
      topUp();
    },
    setLimit(bytes) {
      limit = bytes;
      topUp();
    },
    get credit() {
      return credit;
    },
  };
}
