/**
 * End-to-end flow control after xterm.js's flow-control guide: the server counts output bytes sent
 * to the browser, the browser acknowledges bytes once xterm.js has parsed them, and the SSH stream
 * is paused while too many bytes are unacknowledged. Pausing the stream stops ssh2 from granting
 * window to sshd, so a `yes` flood backs up into the remote pty instead of into our memory, and a
 * Ctrl-C reaches the shell while only a bounded amount of output is queued ahead of its effect.
 */
export interface Watermarks {
  /** Pause the producer when unacknowledged bytes reach this. */
  high: number;
  /** Resume the producer when unacknowledged bytes fall to this or below. */
  low: number;
}

/**
 * Defaults: the guide suggests HIGH 100 000 / LOW 10 000 and to keep HIGH ≤ 500 KB. A larger window
 * means higher throughput (fewer stalls waiting for acks) but more output queued ahead of an echo;
 * these values were picked by `npm run bench:terminal` (see docs/terminal.md).
 */
export const DEFAULT_WATERMARKS: Watermarks = { high: 256 * 1024, low: 64 * 1024 };

export type FlowEvent = 'pause' | 'resume' | null;

export class FlowControl {
  #marks: Watermarks;
  #unacked = 0;
  #paused = false;

  constructor(marks: Watermarks = DEFAULT_WATERMARKS) {
    if (!(marks.low >= 0 && marks.high > marks.low)) {
      throw new RangeError(`flow control: need 0 <= low < high, got low=${marks.low} high=${marks.high}`);
    }
    this.#marks = marks;
  }

  get unacked(): number {
    return this.#unacked;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Records bytes sent to the client; returns 'pause' when the high watermark is crossed. */
  sent(bytes: number): FlowEvent {
    this.#unacked += bytes;
    if (!this.#paused && this.#unacked >= this.#marks.high) {
      this.#paused = true;
      return 'pause';
    }
    return null;
  }

  /**
   * Records bytes the client acknowledged; returns 'resume' when the low watermark is reached.
   * A client acknowledging more than it was sent (buggy or hostile) cannot drive the count
   * negative and so cannot buy itself an unbounded window.
   */
  acked(bytes: number): FlowEvent {
    this.#unacked = Math.max(0, this.#unacked - bytes);
    if (this.#paused && this.#unacked <= this.#marks.low) {
      this.#paused = false;
      return 'resume';
    }
    return null;
  }

  get high(): number {
    return this.#marks.high;
  }

  /** New watermarks (see flow-sizing.ts); returns the pause/resume they imply right now. */
  retune(marks: Watermarks): FlowEvent {
    if (!(marks.low >= 0 && marks.high > marks.low)) throw new RangeError(`flow control: need 0 <= low < high`);
    this.#marks = marks;
    if (this.#paused && this.#unacked <= marks.low) {
      this.#paused = false;
      return 'resume';
    }
    if (!this.#paused && this.#unacked >= marks.high) {
      this.#paused = true;
      return 'pause';
    }
    return null;
  }

  /** A new client attached: nothing it has is unacknowledged yet. */
  reset(): FlowEvent {
    this.#unacked = 0;
    if (this.#paused) {
      this.#paused = false;
      return 'resume';
    }
    return null;
  }
}
