/**
 * Incremental parser of the collector script's framed output (format: script-builder.ts).
 * Memory is bounded: a probe keeps at most its cap of decoded bytes per stream, a line at most
 * `maxLine` bytes, and text outside frames (login banners, rc-file chatter) at most `maxNoise`.
 * Lines without this run's nonce are noise, whatever they look like.
 */

export interface RawProbe {
  stdout: Buffer;
  stderr: Buffer;
  /** Exit code the script reported; null for `-` (no status: not started or lost). */
  rc: number | null;
  ms: number;
  /** o/e: stdout/stderr truncated at the cap; t: timed out; s: not started (from the X frame). */
  flags: string;
  /** What was wrong with this probe's frames, if anything (then its result is an error). */
  problem?: string;
}

export interface ParsedRun {
  /** The script's start frame was seen (the shell ran our script). */
  started: boolean;
  /** The end frame was seen (the script ran to its end). */
  finished: boolean;
  /** Per probe index: its frames, or undefined when none completed. */
  probes: (RawProbe | undefined)[];
  /** Head of the text outside frames (banners), for diagnostics. */
  noise: string;
  noiseBytes: number;
  /** A fatal frame from the script (e.g. mktemp failed). */
  fatal?: string;
}

export interface ParserLimits {
  stdoutCap: number;
  stderrCap: number;
  maxLine?: number;
  maxNoise?: number;
}

type Section = {
  index: number;
  stream: 'out' | 'err';
  out: Buffer[];
  outLen: number;
  err: Buffer[];
  errLen: number;
  outOver: number;
  errOver: number;
  carry: string;
  problem?: string;
};

const BASE64_LINE = /^[A-Za-z0-9+/=]*$/;

export class FrameParser {
  private readonly prefix: string;
  private readonly count: number;
  private readonly limits: Required<ParserLimits>;
  private readonly run: ParsedRun;
  private pending: Buffer[] = [];
  private pendingLen = 0;
  private discarding = false;
  private cur: Section | undefined;

  constructor(nonce: string, count: number, limits: ParserLimits) {
    this.prefix = `@@${nonce} `;
    this.count = count;
    this.limits = { maxLine: 64 * 1024, maxNoise: 4096, ...limits };
    this.run = {
      started: false,
      finished: false,
      probes: new Array<RawProbe | undefined>(count).fill(undefined),
      noise: '',
      noiseBytes: 0,
    };
  }

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (!this.discarding) {
        if (this.pendingLen + piece.length > this.limits.maxLine) {
          // A line this long is never ours (frames and base64 lines are short): drop it.
          this.discarding = true;
          this.noteNoise(Buffer.concat([...this.pending, piece]));
          this.pending = [];
          this.pendingLen = 0;
          if (this.cur) this.cur.problem ??= 'an overlong line inside the frame';
        } else {
          this.pending.push(piece);
          this.pendingLen += piece.length;
        }
      } else {
        this.run.noiseBytes += piece.length;
      }
      if (nl === -1) break;
      if (!this.discarding) this.line(Buffer.concat(this.pending, this.pendingLen).toString('latin1'));
      this.pending = [];
      this.pendingLen = 0;
      this.discarding = false;
      start = nl + 1;
    }
  }

  /** Ends the stream; a probe whose frames did not complete is reported with a problem. */
  finish(): ParsedRun {
    if (this.pendingLen > 0 && !this.discarding) this.line(Buffer.concat(this.pending).toString('latin1'));
    this.pending = [];
    if (this.cur) this.close(this.cur, null, 0, '', 'the output ended before the end marker of this probe');
    return this.run;
  }

  private line(text: string): void {
    if (text.startsWith(this.prefix)) return this.frame(text.slice(this.prefix.length).split(' '));
    const cur = this.cur;
    if (cur) {
      if (!BASE64_LINE.test(text)) {
        cur.problem ??= 'unexpected text inside the frame';
        return;
      }
      this.appendBase64(cur, text);
      return;
    }
    this.noteNoise(Buffer.from(`${text}\n`, 'latin1'));
  }

  private frame(fields: string[]): void {
    const [type, a, b, c, d] = fields;
    const index = Number(a);
    const validIndex = a !== undefined && /^\d+$/.test(a) && index < this.count;
    switch (type) {
      case 'A':
        this.run.started = true;
        return;
      case 'Z':
        this.run.finished = true;
        return;
      case 'F':
        this.run.fatal = fields.slice(1).join(' ') || 'unknown';
        return;
      case 'O':
        if (this.cur) this.close(this.cur, null, 0, '', 'a new frame began before this one ended');
        if (!validIndex || this.run.probes[index] !== undefined) return;
        this.cur = { index, stream: 'out', out: [], outLen: 0, err: [], errLen: 0, outOver: 0, errOver: 0, carry: '' };
        return;
      case 'E':
        if (this.cur && this.cur.index === index && this.cur.stream === 'out') {
          this.flushCarry(this.cur);
          this.cur.stream = 'err';
        } else if (this.cur) this.cur.problem ??= 'frames out of order';
        return;
      case 'X': {
        const rc = b === undefined || !/^\d{1,3}$/.test(b) ? null : Number(b);
        const ms = c !== undefined && /^\d{1,12}$/.test(c) ? Number(c) : 0;
        const flags = d !== undefined && /^[-ts]$/.test(d) ? d.replace('-', '') : '';
        if (this.cur && this.cur.index === index && this.cur.stream === 'err') {
          this.flushCarry(this.cur);
          this.close(this.cur, rc, ms, flags);
        } else if (!this.cur && validIndex && flags.includes('s') && this.run.probes[index] === undefined) {
          this.run.probes[index] = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), rc: null, ms: 0, flags };
        } else if (this.cur) this.cur.problem ??= 'frames out of order';
        return;
      }
      default:
        if (this.cur) this.cur.problem ??= 'an unknown frame inside the frame';
    }
  }

  private appendBase64(cur: Section, text: string): void {
    const all = cur.carry + text;
    const usable = all.length - (all.length % 4);
    cur.carry = all.slice(usable);
    if (usable > 0) this.appendBytes(cur, Buffer.from(all.slice(0, usable), 'base64'));
  }

  private flushCarry(cur: Section): void {
    if (cur.carry.length > 0) {
      cur.problem ??= 'base64 of odd length';
      cur.carry = '';
    }
  }

  /** Keeps at most the cap; the script sends cap+1 bytes to say "truncated", more is forged. */
  private appendBytes(cur: Section, bytes: Buffer): void {
    const out = cur.stream === 'out';
    const cap = out ? this.limits.stdoutCap : this.limits.stderrCap;
    const have = out ? cur.outLen : cur.errLen;
    const keep = bytes.subarray(0, Math.max(0, cap - have));
    const over = bytes.length - keep.length;
    if (out) {
      if (keep.length > 0) cur.out.push(keep);
      cur.outLen += keep.length;
      cur.outOver += over;
    } else {
      if (keep.length > 0) cur.err.push(keep);
      cur.errLen += keep.length;
      cur.errOver += over;
    }
    if (cur.outOver > 1 || cur.errOver > 1) cur.problem ??= 'more output than the size cap';
  }

  private close(cur: Section, rc: number | null, ms: number, flags: string, problem?: string): void {
    const cut = `${cur.outOver > 0 ? 'o' : ''}${cur.errOver > 0 ? 'e' : ''}`;
    const raw: RawProbe = {
      stdout: Buffer.concat(cur.out, cur.outLen),
      stderr: Buffer.concat(cur.err, cur.errLen),
      rc,
      ms,
      flags: cut + flags,
    };
    const why = problem ?? cur.problem;
    if (why !== undefined) raw.problem = why;
    this.run.probes[cur.index] = raw;
    this.cur = undefined;
  }

  private noteNoise(bytes: Buffer): void {
    this.run.noiseBytes += bytes.length;
    const room = this.limits.maxNoise - this.run.noise.length;
    if (room > 0) this.run.noise += bytes.subarray(0, room).toString('utf8');
  }
}
