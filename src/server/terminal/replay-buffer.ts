/**
 * The bounded output history of one shell, addressed by absolute byte offsets since the shell
 * started. A client that re-attaches says how many bytes it already has; the buffer returns what
 * it missed, or as much as it still holds (the oldest output is dropped first). Memory is bounded
 * by `capacity` whatever the shell prints.
 */
export interface ReplaySlice {
  /** Absolute offset of the first returned byte. */
  offset: number;
  bytes: Uint8Array;
  /** True when bytes the client asked for had already been dropped. */
  truncated: boolean;
}

export class ReplayBuffer {
  readonly capacity: number;
  #buf: Uint8Array;
  /** Bytes ever appended (absolute offset of the next byte). */
  #end = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`replay buffer capacity must be > 0, got ${capacity}`);
    this.capacity = capacity;
    this.#buf = new Uint8Array(capacity);
  }

  /** Absolute offset just past the newest byte. */
  get end(): number {
    return this.#end;
  }

  /** Absolute offset of the oldest byte still held. */
  get start(): number {
    return Math.max(0, this.#end - this.capacity);
  }

  append(chunk: Uint8Array): void {
    const cap = this.capacity;
    // Only the last `cap` bytes of a huge chunk can survive; skip the rest without copying it.
    const src = chunk.length > cap ? chunk.subarray(chunk.length - cap) : chunk;
    const skipped = chunk.length - src.length;
    const pos = (this.#end + skipped) % cap;
    const first = Math.min(src.length, cap - pos);
    this.#buf.set(src.subarray(0, first), pos);
    if (first < src.length) this.#buf.set(src.subarray(first), 0);
    this.#end += chunk.length;
  }

  /** Everything from `offset` on (clamped to what is held). */
  since(offset: number): ReplaySlice {
    const from = Math.min(Math.max(offset, this.start), this.#end);
    const truncated = offset < this.start;
    const len = this.#end - from;
    const out = new Uint8Array(len);
    const cap = this.capacity;
    const pos = from % cap;
    const first = Math.min(len, cap - pos);
    out.set(this.#buf.subarray(pos, pos + first), 0);
    if (first < len) out.set(this.#buf.subarray(0, len - first), first);
    return { offset: from, bytes: out, truncated };
  }

  /**
   * Like `since`, but when the slice was truncated it starts after the first newline, so a fresh
   * terminal does not begin in the middle of an escape sequence or a UTF-8 character.
   */
  sinceForDisplay(offset: number): ReplaySlice {
    const slice = this.since(offset);
    if (!slice.truncated) return slice;
    const nl = slice.bytes.indexOf(0x0a);
    if (nl < 0) return slice;
    return { offset: slice.offset + nl + 1, bytes: slice.bytes.subarray(nl + 1), truncated: true };
  }
}
