import { concatBytes } from './bytes.ts';
/**
 * Joins the shell's output chunks that arrive in the same event-loop turn into one WebSocket frame.
 *
 * sshd forwards a pty's output in small packets (~4 KiB: what one read of the pty returns), and
 * ssh2 emits each as its own chunk. Sent one frame each, a flood is ~1 300 frames a second, and
 * the browser pays per frame (IPC, a message event, a write into xterm.js) on the same thread that
 * parses and paints. Chunks that arrive together (one TCP read holds several packets) leave as one
 * frame at the end of the turn (`setImmediate`). Output after a quiet moment (a keystroke's
 * echo) is not batched at all: it leaves at once, and only what follows it in the same burst waits.
 */
export type Schedule = (fn: () => void) => void;

export class OutputBatcher {
  readonly #maxBytes: number;
  readonly #emit: (bytes: Uint8Array) => void;
  readonly #schedule: Schedule;
  #chunks: Uint8Array[] = [];
  #bytes = 0;
  #scheduled = false;
  /** Bumped by clear(): a flush scheduled before it does nothing. */
  #generation = 0;
  readonly #now: () => number;
  readonly #quietMs: number;
  #lastEmit = -Infinity;

  constructor(
    emit: (bytes: Uint8Array) => void,
    opts: { maxBytes?: number; schedule?: Schedule; now?: () => number; quietMs?: number } = {},
  ) {
    this.#emit = emit;
    this.#maxBytes = opts.maxBytes ?? 64 * 1024;
    this.#schedule = opts.schedule ?? ((fn) => void setImmediate(fn));
    this.#now = opts.now ?? (() => performance.now());
    this.#quietMs = opts.quietMs ?? 2;
  }

  /** Bytes waiting for the end of the turn. */
  get pending(): number {
    return this.#bytes;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.#bytes === 0 && this.#now() - this.#lastEmit > this.#quietMs) {
      this.#lastEmit = this.#now();
      this.#emit(chunk);
      return;
    }
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    if (this.#bytes >= this.#maxBytes) {
      this.flush();
      return;
    }
    if (this.#scheduled) return;
    this.#scheduled = true;
    const generation = this.#generation;
    this.#schedule(() => {
      if (generation !== this.#generation) return;
      this.#scheduled = false;
      this.flush();
    });
  }

  /** Emits what is waiting now, as one frame. */
  flush(): void {
    if (this.#bytes === 0) return;
    const chunks = this.#chunks;
    const bytes = concatBytes(chunks, this.#bytes);
    this.#chunks = [];
    this.#bytes = 0;
    this.#lastEmit = this.#now();
    this.#emit(bytes);
  }

  /** Drops what is waiting (the socket it was for went away; the replay buffer has it). */
  clear(): void {
    this.#chunks = [];
    this.#bytes = 0;
    this.#scheduled = false;
    this.#generation++;
  }
}
