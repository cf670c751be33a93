import { concatBytes } from './bytes.ts';
import { isPlain, VtTracker } from './vt-ground.ts';

/**
 * Skip-ahead: what the server does with output while the browser is behind.
 *
 * Flow control (flow-control.ts) stops sending when the browser has too many unacknowledged
 * bytes. Output that arrives meanwhile is held here. Where it is plain text (vt-ground.ts) whole
 * lines in the middle of it can be left out without changing what the terminal shows: the
 * browser writes a notice line there that also erases the rest of the screen (ED), and the kept
 * lines after it (the screen's rows + 2) scroll everything else off, so every visible row, its
 * colours and the cursor are the same as if every line had been drawn; only the scrollback lacks
 * the left-out lines and shows the notice instead. A flood of plain text (`seq`, `yes`, a log) is
 * then read from SSH at full speed and the browser draws only what a person could see. Output
 * with escape sequences (colours, full-screen programs) is never dropped: held output that cannot
 * be dropped fills the hold, and then the SSH stream is paused, as without skip-ahead. Output right
 * after a keystroke is never dropped, so its echo is always drawn.
 *
 * The conditions, each needed (skip-ahead.test.ts replays random streams through xterm.js with and
 * without the drops and compares the screens): a dropped region starts right after CR LF in the
 * ground state while the scroll region is the whole screen; it holds only plain bytes (every LF
 * after a CR) and no protected byte, and at least `rows` line feeds, so the screen scrolls through
 * all of it; and at least rows + 2 line feeds of plain text follow it.
 */
export type HeldItem = { kind: 'data'; bytes: Uint8Array } | { kind: 'skip'; bytes: number; lines: number };

/** Absolute stream offsets [from, to) that must reach the browser. */
export type ProtectedRange = readonly [number, number];

export interface Drop {
  /** Relative to the planned bytes; `from` is just after a line feed. */
  from: number;
  to: number;
  /** Line feeds dropped. */
  lines: number;
}

export interface PlanOptions {
  /** Rows of the browser's terminal. */
  rows: number;
  /** Smaller regions are not worth a notice in the scrollback. */
  minDropBytes: number;
}

const LF = 0x0a;
const CR = 0x0d;
/** Lines kept after a dropped region beyond the screen's rows. */
const MARGIN_LINES = 2;

/**
 * The regions of `bytes` that may be dropped. `start` is the parser state before bytes[0],
 * `lineStart` whether bytes[0] begins a line (the byte before was a plain line feed), `base` the
 * absolute offset of bytes[0] (to compare with `protect`, sorted by `from`).
 */
export function planDrops(
  bytes: Uint8Array,
  start: VtTracker,
  lineStart: boolean,
  base: number,
  protect: readonly ProtectedRange[],
  opts: PlanOptions,
): Drop[] {
  const rows = Math.max(1, Math.floor(opts.rows));
  const keep = rows + MARGIN_LINES;
  const vt = start.clone();
  const drops: Drop[] = [];
  // Positions just after the last keep+1 line feeds of the current run (a ring).
  const ring = new Int32Array(keep + 1);
  let count = 0;
  let runStart = lineStart && vt.ground && vt.fullScreenRegion(rows) ? 0 : -1;
  const close = () => {
    // Dropped: at least `rows` lines (the screen scrolls through all of them); kept: `keep`.
    if (count >= keep + rows) {
      const to = ring[(count - keep - 1) % ring.length]!;
      if (to - runStart >= opts.minDropBytes) drops.push({ from: runStart, to, lines: count - keep });
    }
    runStart = -1;
    count = 0;
  };
  let p = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    while (p < protect.length && protect[p]![1] <= base + i) p++;
    const inProtected = p < protect.length && protect[p]![0] <= base + i;
    // Where the protection status next changes: a run is scanned in one go up to there.
    const edge = p >= protect.length ? n : Math.min(n, (inProtected ? protect[p]![1] : protect[p]![0]) - base);
    if (runStart >= 0 && !inProtected) {
      // Fast path inside a run of plain text (ground state throughout).
      let prev = i > 0 ? bytes[i - 1]! : start.prev;
      for (; i < edge; i++) {
        const b = bytes[i]!;
        if (b === LF) {
          if (prev !== CR) break;
          ring[count % ring.length] = i + 1;
          count++;
        } else if (!isPlain(b, prev)) break;
        prev = b;
      }
      if (i > 0) vt.byte(bytes[i - 1]!); // plain bytes keep the ground state; this keeps `prev` right
      if (i >= edge) continue;
      close(); // a byte that is not plain text
    } else if (runStart >= 0) close(); // protected output is never dropped
    const b = bytes[i]!;
    const prev = i > 0 ? bytes[i - 1]! : start.prev;
    vt.byte(b);
    if (b === LF && prev === CR && !inProtected && vt.ground && vt.fullScreenRegion(rows)) {
      runStart = i + 1;
      count = 0;
    }
    i++;
  }
  if (runStart >= 0) close();
  return drops;
}

/**
 * The output held for one session while its browser is behind: items in stream order, planned
 * (dropped where allowed) when `compact()` is called. Also tracks the parser state at the end of
 * everything the session has output, held or not, since a plan must know where it starts.
 */
export class HeldOutput {
  readonly #opts: PlanOptions;
  /** Parser state after all output so far (passed through or held). */
  #vt = new VtTracker();
  #endLineStart = false;
  /** Planned items, ready to send. */
  #ready: HeldItem[] = [];
  /** Not yet planned: chunks, their absolute start offset and the parser state before them. */
  #tail: Uint8Array[] = [];
  #tailBytes = 0;
  #tailBase = 0;
  #tailVt = new VtTracker();
  #tailLineStart = false;
  #dataBytes = 0;
  /** Tail bytes when compact() last ran (it reruns only after enough new output). */
  #plannedAt = 0;

  constructor(opts: PlanOptions) {
    this.#opts = { ...opts };
  }

  /** Output bytes held (not counting what was dropped). */
  get bytes(): number {
    return this.#dataBytes;
  }

  get empty(): boolean {
    return this.#ready.length === 0 && this.#tail.length === 0;
  }

  set rows(n: number) {
    this.#opts.rows = n;
  }

  /** Output that went straight to the browser. */
  passed(bytes: Uint8Array): void {
    this.#advance(bytes);
  }

  /** Output to hold; `offset` is the absolute offset of its first byte. */
  hold(bytes: Uint8Array, offset: number): void {
    if (bytes.length === 0) return;
    if (this.#tail.length === 0) {
      this.#tailBase = offset;
      this.#tailVt = this.#vt.clone();
      this.#tailLineStart = this.#endLineStart;
      this.#plannedAt = 0;
    }
    this.#tail.push(bytes);
    this.#tailBytes += bytes.length;
    this.#dataBytes += bytes.length;
    this.#advance(bytes);
  }

  /** Plans the unplanned tail once it has grown by `every` bytes since the last plan. */
  compact(protect: readonly ProtectedRange[], every = 0): void {
    if (this.#tailBytes === 0 || this.#tailBytes - this.#plannedAt < every) return;
    const bytes = concatBytes(this.#tail, this.#tailBytes);
    const drops = planDrops(bytes, this.#tailVt, this.#tailLineStart, this.#tailBase, protect, this.#opts);
    if (drops.length === 0) {
      this.#tail = [bytes];
      this.#plannedAt = this.#tailBytes;
      return;
    }
    let at = 0;
    for (const d of drops) {
      if (d.from > at) this.#ready.push({ kind: 'data', bytes: bytes.subarray(at, d.from) });
      this.#pushSkip(d.to - d.from, d.lines);
      this.#dataBytes -= d.to - d.from;
      at = d.to;
    }
    // The rest begins right after a plain line feed in the ground state: it may be planned again.
    const rest = bytes.subarray(at);
    this.#tailBase += at;
    this.#tail = rest.length > 0 ? [rest] : [];
    this.#tailBytes = rest.length;
    this.#tailVt = this.#tailVt.clone();
    this.#tailVt.feed(bytes, 0, at);
    this.#tailLineStart = true;
    this.#plannedAt = 0;
  }

  /** The next item to send, in stream order. */
  shift(): HeldItem | undefined {
    if (this.#ready.length === 0 && this.#tail.length > 0) {
      this.#ready.push({ kind: 'data', bytes: concatBytes(this.#tail, this.#tailBytes) });
      this.#tail = [];
      this.#tailBytes = 0;
    }
    const item = this.#ready.shift();
    if (item?.kind === 'data') this.#dataBytes -= item.bytes.length;
    return item;
  }

  /**
   * Forgets what is held (the socket it was for went away; the replay buffer has it) and starts
   * the parser state over from `replayed`, the output a newly attached browser gets first: a
   * fresh xterm.js starts in the ground state too. (A browser resuming after a blip continues
   * its own parser instead; the two can differ only if the socket dropped inside an escape
   * sequence, and agree again at that sequence's end.)
   */
  reset(replayed: Uint8Array = new Uint8Array(0)): void {
    this.#ready = [];
    this.#tail = [];
    this.#tailBytes = 0;
    this.#dataBytes = 0;
    this.#vt = new VtTracker();
    this.#endLineStart = false;
    this.#advance(replayed);
  }

  #pushSkip(bytes: number, lines: number): void {
    const last = this.#ready.at(-1);
    if (last?.kind === 'skip') {
      last.bytes += bytes;
      last.lines += lines;
    } else this.#ready.push({ kind: 'skip', bytes, lines });
  }

  #advance(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n === 0) return;
    const before = n >= 2 ? bytes[n - 2]! : this.#vt.prev;
    this.#vt.feed(bytes);
    this.#endLineStart = bytes[n - 1] === LF && before === CR && this.#vt.ground;
  }
}
