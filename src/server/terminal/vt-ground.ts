/**
 * Just enough of a VT500 parser (the one xterm.js implements) to tell skip-ahead.ts where output
 * may be dropped: whether a byte position is in the ground state (not inside an escape sequence),
 * which bytes are plain text, and whether the scroll region is the whole screen.
 *
 * When in doubt this says "not ground" / "not plain" / "not the whole screen": a wrong "yes" could
 * let a dropped region cut an escape sequence in two or change what the screen shows, a wrong "no"
 * only means nothing is dropped. vt-ground.test.ts checks the answers against xterm.js itself.
 */
export const Vt = {
  Ground: 0,
  Escape: 1,
  EscapeIntermediate: 2,
  Csi: 3,
  /** OSC: ends with BEL or ST. */
  Osc: 4,
  /** DCS, SOS, PM, APC: end with ST only. */
  String: 5,
  /** ESC seen inside a string: `\` ends it (ST), anything else starts a new escape sequence. */
  StringEscape: 6,
  /**
   * A byte this model does not follow (non-ASCII or a C1 control inside a sequence, where xterm.js
   * reports an error and may or may not go back to ground). Only CAN or SUB, which end every state
   * in xterm.js, lead out of it.
   */
  Unknown: 7,
} as const;
export type Vt = (typeof Vt)[keyof typeof Vt];

const ESC = 0x1b;
const CAN = 0x18;
const SUB = 0x1a;
const BEL = 0x07;
const CR = 0x0d;
const LF = 0x0a;
/** Longest CSI parameter string remembered (DECSTBM and mode switches are short). */
const MAX_PARAMS = 32;

/**
 * Plain text in the ground state: printable ASCII, UTF-8 (except C1 controls U+0080–U+009F, which
 * xterm.js executes: `C2 9B` is a CSI), TAB, CR, BEL, and LF right after CR (a line feed that also
 * returns the carriage, as a pty's `onlcr` writes it). `prev` is the byte before `b`.
 */
export function isPlain(b: number, prev: number): boolean {
  if (b >= 0x20 && b < 0x7f) return true;
  if (b >= 0x80) return !(prev === 0xc2 && b <= 0x9f);
  if (b === LF) return prev === CR;
  return b === CR || b === 0x09 || b === BEL;
}

/** A scroll region (DECSTBM) as written: 0 = default (top row / bottom row). */
interface Region {
  top: number;
  bottom: number;
}

const FULL: Region = { top: 0, bottom: 0 };

/** Feeds bytes through the state machine; `state` is where the next byte starts. */
export class VtTracker {
  state: Vt = Vt.Ground;
  #prev = 0;
  #params = '';
  #alt = false;
  /** Scroll regions of the normal and the alternate buffer; null = unknown. */
  #region: [Region | null, Region | null] = [FULL, FULL];

  /** A tracker that starts where this one is now. */
  clone(): VtTracker {
    const c = new VtTracker();
    c.state = this.state;
    c.#prev = this.#prev;
    c.#params = this.#params;
    c.#alt = this.#alt;
    c.#region = [this.#region[0], this.#region[1]];
    return c;
  }

  /** The last byte fed (0 before any). */
  get prev(): number {
    return this.#prev;
  }

  get ground(): boolean {
    return this.state === Vt.Ground;
  }

  /** True when line feeds at the bottom row scroll the whole screen of `rows` rows. */
  fullScreenRegion(rows: number): boolean {
    const r = this.#region[this.#alt ? 1 : 0];
    return r !== null && r.top <= 1 && (r.bottom === 0 || r.bottom >= rows);
  }

  feed(bytes: Uint8Array, from = 0, to = bytes.length): void {
    let i = from;
    while (i < to) {
      if (this.state === Vt.Ground && (i === from ? this.#prev : bytes[i - 1]) !== 0xc2) {
        // Fast path: in the ground state only ESC, CAN, SUB and a C2 lead byte can change it.
        const j = groundEnd(bytes, i, to);
        if (j > i) {
          this.#prev = bytes[j - 1]!;
          i = j;
          continue;
        }
      }
      this.byte(bytes[i]!);
      i++;
    }
  }

  byte(b: number): void {
    const prev = this.#prev;
    this.#prev = b;
    if (b === CAN || b === SUB) {
      this.state = Vt.Ground;
      return;
    }
    if (b >= 0x80 && this.state !== Vt.Ground && (this.state !== Vt.Osc || prev === 0xc2 || b === 0xc2)) {
      // Inside a sequence only OSC takes UTF-8 text; its one C1 control we follow is ST (C2 9C).
      if (this.state === Vt.Osc && prev === 0xc2 && b === 0x9c) this.state = Vt.Ground;
      else if (!(this.state === Vt.Osc && b === 0xc2)) this.state = Vt.Unknown;
      return;
    }
    switch (this.state) {
      case Vt.Unknown:
        return;
      case Vt.Ground:
        if (b === ESC) this.state = Vt.Escape;
        else if (prev === 0xc2 && b >= 0x80 && b <= 0x9f) this.#enter(c1(b));
        return;
      case Vt.Escape:
        if (b === 0x63) this.#hardReset(); // ESC c: RIS
        this.#enter(afterEscape(b));
        return;
      case Vt.EscapeIntermediate:
        if (b === ESC) this.state = Vt.Escape;
        else if (b >= 0x30 && b <= 0x7e) this.state = Vt.Ground;
        return;
      case Vt.Csi:
        if (b === ESC) this.state = Vt.Escape;
        else if (b >= 0x40 && b <= 0x7e) {
          this.state = Vt.Ground;
          this.#csi(b);
        } else if (b >= 0x20 && b <= 0x3f && this.#params.length < MAX_PARAMS) this.#params += String.fromCharCode(b);
        else if (b >= 0x20) this.#params = '\u0000'; // too long or odd: matches nothing below
        return;
      case Vt.Osc:
      case Vt.String:
        if (b === ESC) this.state = Vt.StringEscape;
        else if (b === BEL && this.state === Vt.Osc) this.state = Vt.Ground;
        return;
      case Vt.StringEscape:
        if (b === 0x5c) this.state = Vt.Ground;
        else {
          if (b === 0x63) this.#hardReset();
          this.#enter(afterEscape(b));
        }
        return;
    }
  }

  #enter(state: Vt): void {
    this.state = state;
    if (state === Vt.Csi) this.#params = '';
  }

  /** A finished CSI sequence: follow the scroll region and the buffer switches. */
  #csi(final: number): void {
    const p = this.#params;
    const buffer = this.#alt ? 1 : 0;
    if (final === 0x72 /* r */ && !/^[?>=<!]/.test(p)) {
      const m = /^(\d*)(?:;(\d*))?$/.exec(p);
      this.#region[buffer] = m ? { top: Number(m[1] || 0), bottom: Number(m[2] || 0) } : null;
    } else if (final === 0x70 /* p */ && p === '!') {
      this.#region[buffer] = FULL; // DECSTR, soft reset
    } else if ((final === 0x68 || final === 0x6c) /* h l */ && p.startsWith('?')) {
      const modes = p.slice(1).split(';');
      if (modes.some((m) => m === '1049' || m === '1047' || m === '47')) {
        this.#alt = final === 0x68;
        // What the alternate buffer's region is after a switch is not worth modelling: unknown
        // until the next DECSTBM there.
        if (this.#alt) this.#region[1] = null;
      }
    }
  }

  #hardReset(): void {
    this.#alt = false;
    this.#region = [FULL, FULL];
  }
}

/** The first index in [from, to) holding ESC, CAN, SUB or 0xC2 (else `to`). */
function groundEnd(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b === ESC || b === 0xc2 || b === CAN || b === SUB) return i;
  }
  return to;
}

function afterEscape(b: number): Vt {
  if (b === ESC) return Vt.Escape;
  if (b === 0x5b) return Vt.Csi; // [
  if (b === 0x5d) return Vt.Osc; // ]
  if (b === 0x50 || b === 0x58 || b === 0x5e || b === 0x5f) return Vt.String; // P X ^ _
  if (b >= 0x20 && b <= 0x2f) return Vt.EscapeIntermediate;
  if (b >= 0x30 && b <= 0x7e) return Vt.Ground;
  return Vt.Escape; // C0 controls are executed inside a sequence; it goes on
}

/** UTF-8-encoded C1 controls (after a C2 byte). */
function c1(b: number): Vt {
  if (b === 0x9b) return Vt.Csi;
  if (b === 0x9d) return Vt.Osc;
  if (b === 0x90 || b === 0x98 || b === 0x9e || b === 0x9f) return Vt.String;
  return Vt.Ground;
}
