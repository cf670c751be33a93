/**
 * Sizes the flow-control window by time instead of bytes. What sits ahead of a keystroke's echo
 * during a flood is about one window of output, and the browser drains it at its parse rate, so
 * a fixed byte window is either slow on a fast machine or laggy on a slow one. While the producer
 * is window-limited (it had to pause), we measure how fast the browser acknowledges and keep the
 * window at `targetMs` of that rate: grow ×1.5 while the queue is shorter than the target (the
 * window, not the browser, is the limit), shrink to rate × target when it is longer.
 */
export interface SizerOptions {
  /** Output queued ahead of an echo, in milliseconds of browser drain time. */
  targetMs: number;
  min: number;
  max: number;
  /** Length of one rate sample. */
  sampleMs: number;
}

export const DEFAULT_SIZER: SizerOptions = { targetMs: 40, min: 32 * 1024, max: 1024 * 1024, sampleMs: 100 };

export class WindowSizer {
  readonly #o: SizerOptions;
  #high: number;
  #start: number | undefined;
  #bytes = 0;
  #saturated = false;

  constructor(initialHigh: number, options: SizerOptions = DEFAULT_SIZER) {
    this.#o = options;
    this.#high = Math.min(options.max, Math.max(options.min, initialHigh));
  }

  get high(): number {
    return this.#high;
  }

  /** The producer hit the window during the current sample. */
  saturated(): void {
    this.#saturated = true;
  }

  /** Records acknowledged bytes; returns the new window when it changed. */
  acked(bytes: number, now: number): number | null {
    if (this.#start === undefined || now - this.#start > 10 * this.#o.sampleMs) {
      // First ack, or after an idle gap that would make the rate meaningless: start a sample here.
      this.#start = now;
      this.#bytes = 0;
      return null;
    }
    this.#bytes += bytes;
    const elapsed = now - this.#start;
    if (elapsed < this.#o.sampleMs) return null;
    const rate = this.#bytes / elapsed; // bytes per ms
    const saturated = this.#saturated;
    this.#start = now;
    this.#bytes = 0;
    this.#saturated = false;
    if (!saturated || rate <= 0) return null;
    const queueMs = this.#high / rate;
    const wanted = queueMs < this.#o.targetMs ? this.#high * 1.5 : rate * this.#o.targetMs;
    const next = Math.round(Math.min(this.#o.max, Math.max(this.#o.min, wanted)));
    if (Math.abs(next - this.#high) < this.#high * 0.05) return null;
    this.#high = next;
    return next;
  }
}
