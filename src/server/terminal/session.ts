import type { Localized } from '../../shared/i18n.ts';
import type { ServerMessage, TerminalErrorCode } from '../../shared/terminal-protocol.ts';
import { TERMINAL_PROTOCOL_VERSION } from '../../shared/terminal-protocol.ts';
import { FlowControl, type Watermarks } from './flow-control.ts';
import { OutputBatcher } from './output-batcher.ts';
import { HeldOutput } from './skip-ahead.ts';
import { WindowSizer } from './flow-sizing.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import { serverText } from './messages.ts';
import type { ShellHandle } from './types.ts';

/** What a session needs from the socket currently attached to it (the bridge implements it). */
export interface SessionClient {
  sendData(bytes: Uint8Array): void;
  sendControl(message: ServerMessage): void;
  /** Closes the socket after any queued frames. */
  close(code: number, reason: string): void;
}

export interface SessionTimings {
  /** How long a shell outlives its socket, waiting for a re-attach. */
  graceMs: number;
  /** A session with no keyboard input for this long is closed. */
  idleMs: number;
  /** Output history kept for re-attach (bytes). */
  replayBytes: number;
  watermarks: Watermarks;
  /** Resize the window to ~40 ms of the browser's drain rate (flow-sizing.ts); off = fixed watermarks. */
  adaptiveFlow: boolean;
  /** While the browser is behind, drop plain-text lines it would only scroll past (skip-ahead.ts). */
  skipAhead: boolean;
  /** Longest a flood is read on (and dropped) for a browser that stays behind; then the shell pauses. */
  skipAheadMs: number;
}

/**
 * Output right after a keystroke that is never dropped. During a flood the echo comes back behind
 * everything already in flight (the SSH window, sshd's and the pty's buffers: up to ~1 MiB), so
 * this range alone would have to be that long and the browser would draw all of it first. The
 * echo is found instead: the first typed printable character is looked for in the output that
 * follows (up to ECHO_SEARCH_BYTES), and the bytes around it are protected; this short range
 * covers echoes of anything else while no flood is running.
 */
export const PROTECT_AFTER_INPUT_BYTES = 4 * 1024;
const ECHO_SEARCH_BYTES = 4 * 1024 * 1024;
const ECHO_CONTEXT_BYTES = 256;
/**
 * SSH window while held output is being dropped. What is in flight is also what a keystroke's echo
 * queues behind, and reading faster only burns CPU the browser needs on a small machine. Measured
 * on the testbed (2 cores shared by sshd, this server and Chromium): 64 KiB gave 10.8–11.6 MB/s
 * and an echo during a flood of 37–80 ms; 128 KiB 8.7–13.3 MB/s, 16–83 ms; 256 KiB 9.8–14.7 MB/s,
 * 41–116 ms; 512 KiB 69–625 ms. Once held output cannot be dropped, the window goes back to half
 * the flow-control window, which bounds what queues ahead of an echo.
 */
const SKIPPING_WINDOW = 128 * 1024;
/**
 * Flow-control window while held output is being dropped. The browser then only draws what it is
 * sent, so a big window buys no throughput; a small one keeps a keystroke's echo close behind.
 */
const SKIPPING_FLOW_HIGH = 32 * 1024;
/** Largest binary frame the server sends. */
const MAX_OUT_FRAME = 64 * 1024;

/** WebSocket close codes: 1000 normal; 4xxx are ours (the client decides on retry by them). */
export const CLOSE = { normal: 1000, policy: 1008, error: 4000, takenOver: 4001, limit: 4002, idle: 4003 } as const;

/**
 * One remote shell and whatever socket currently shows it. The shell survives its socket for
 * `graceMs`; output keeps going into a bounded replay buffer, and a socket that re-attaches
 * gets what it missed. While a socket is attached, output is paused by flow control; while
 * none is, it is paused once the replay buffer has been filled once (more would be dropped).
 */
export class TerminalSession {
  readonly id: string;
  readonly learner: string;
  readonly host: string;
  readonly #shell: ShellHandle;
  readonly #timings: SessionTimings;
  readonly #replay: ReplayBuffer;
  readonly #flow: FlowControl;
  readonly #sizer: WindowSizer | null;
  readonly #onEnd: (s: TerminalSession) => void;
  /** Output for the attached client, one frame per event-loop turn (output-batcher.ts). */
  readonly #batch = new OutputBatcher((bytes) => {
    this.#held?.passed(bytes);
    this.#send(bytes);
    this.#applyPause();
  });
  /** Output held while the browser is behind; null when skip-ahead is off. */
  readonly #held: HeldOutput | null;
  /** Stream ranges after recent keystrokes, never dropped. */
  #protect: [number, number][] = [];
  /** A typed character whose echo is still to be found in the output (skip-ahead only). */
  #echo: { byte: number; from: number } | null = null;
  /** SSH window last asked for (skip-ahead only). */
  #window = 0;
  /** When the browser last fell behind without catching up since (skip-ahead only). */
  #behindSince: number | null = null;
  /** The flow-control window as sized by the browser's drain rate (or as configured). */
  #sizedHigh: number;
  /** Skip-ahead is dropping held output (it shrinks when planned). */
  #dropping = false;
  #client: SessionClient | null = null;
  #detachedBytes = 0;
  #shellPaused = false;
  #graceTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(init: {
    id: string;
    learner: string;
    host: string;
    shell: ShellHandle;
    timings: SessionTimings;
    /** Rows of the terminal the shell was opened with. */
    rows?: number | undefined;
    onEnd: (s: TerminalSession) => void;
  }) {
    this.id = init.id;
    this.learner = init.learner;
    this.host = init.host;
    this.#shell = init.shell;
    this.#timings = init.timings;
    this.#replay = new ReplayBuffer(init.timings.replayBytes);
    this.#flow = new FlowControl(init.timings.watermarks);
    this.#sizer = init.timings.adaptiveFlow ? new WindowSizer(init.timings.watermarks.high) : null;
    this.#sizedHigh = this.#sizer?.high ?? init.timings.watermarks.high;
    this.#held = init.timings.skipAhead ? new HeldOutput({ rows: init.rows ?? 24, minDropBytes: 16 * 1024 }) : null;
    this.#onEnd = init.onEnd;
    this.#shell.onData((chunk) => this.#output(chunk));
    this.#shell.onExit((code, signal) => {
      this.#batch.flush();
      this.#client?.sendControl({ type: 'exit', code, signal });
      this.#end(CLOSE.normal, 'shell exited');
    });
    this.#touch();
  }

  get attached(): boolean {
    return this.#client !== null;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Bytes sent to the attached client and not yet acknowledged (for tests and metrics). */
  get unacked(): number {
    return this.#flow.unacked;
  }

  /** Output held for the browser while it is behind (skip-ahead; for tests and metrics). */
  get heldBytes(): number {
    return this.#held?.bytes ?? 0;
  }

  get outputBytes(): number {
    return this.#replay.end;
  }

  /**
   * Attaches a socket, taking the session over from any other one, and replays output from
   * `offset` (what the client already shows; 0 after a reload).
   */
  attach(client: SessionClient, offset: number, resumed: boolean): void {
    if (this.#ended) throw new Error('attach to an ended session');
    const previous = this.#client;
    if (previous && previous !== client) {
      previous.sendControl({ type: 'error', code: 'taken-over', message: serverText.takenOver() });
      previous.close(CLOSE.takenOver, 'taken over');
    }
    clearTimeout(this.#graceTimer);
    // What was waiting for the previous socket is in the replay buffer, so in the slice below.
    this.#batch.clear();
    this.#behindSince = null;
    this.#client = client;
    this.#detachedBytes = 0;
    this.#flow.reset();
    const slice = this.#replay.sinceForDisplay(offset);
    this.#held?.reset(slice.bytes);
    client.sendControl({
      type: 'ready',
      v: TERMINAL_PROTOCOL_VERSION,
      session: this.id,
      host: this.host,
      resumed,
      offset: slice.offset,
      truncated: slice.truncated,
      graceSeconds: this.#timings.graceMs / 1000,
    });
    if (slice.bytes.length > 0) this.#send(slice.bytes);
    this.#applyPause();
  }

  /** The socket went away; the shell waits `graceMs` for another. */
  detach(client: SessionClient): void {
    if (this.#client !== client || this.#ended) return;
    this.#batch.clear();
    this.#held?.reset();
    this.#client = null;
    this.#detachedBytes = 0;
    this.#applyPause();
    this.#graceTimer = setTimeout(() => this.#end(CLOSE.normal, 'grace period over'), this.#timings.graceMs);
    this.#graceTimer.unref();
  }

  input(client: SessionClient, bytes: Uint8Array): void {
    if (this.#client !== client || this.#ended) return;
    this.#touch();
    this.#protectFrom(this.#replay.end, this.#replay.end + PROTECT_AFTER_INPUT_BYTES);
    const printable = bytes.find((b) => b > 0x20 && b < 0x7f);
    if (this.#held && printable !== undefined) this.#echo = { byte: printable, from: this.#replay.end };
    this.#shell.write(bytes);
  }

  resize(client: SessionClient, cols: number, rows: number): void {
    if (this.#client !== client || this.#ended) return;
    if (this.#held) this.#held.rows = rows;
    this.#shell.resize(cols, rows);
  }

  ack(client: SessionClient, bytes: number): void {
    if (this.#client !== client) return;
    this.#flow.acked(bytes);
    // While skip-ahead drops output the window is capped, so the drain rate says nothing then.
    if (this.#sizer && !this.#dropping) {
      if (this.#flow.paused) this.#sizer.saturated();
      const high = this.#sizer.acked(bytes, performance.now());
      if (high !== null) {
        this.#sizedHigh = high;
        if (this.#held) this.#tuneWindow();
        else {
          // Resume at half the window: the browser still has ~20 ms to parse while new output
          // comes through SSH. What sshd may send while we are paused also queues ahead of an
          // echo, so the SSH window is half of it too (measured: docs/terminal.md).
          this.#flow.retune({ high, low: Math.round(high / 2) });
          this.#shell.setWindow?.(Math.round(high / 2));
        }
      }
    }
    this.#drainHeld();
    // Caught up: everything sent was drawn and nothing is held.
    if (this.#flow.unacked === 0 && (this.#held?.empty ?? true)) this.#behindSince = null;
    this.#applyPause();
  }

  /** Ends the session now, telling the attached client why. */
  fail(code: TerminalErrorCode, message: Localized, closeCode: number = CLOSE.error): void {
    this.#batch.flush();
    this.#client?.sendControl({ type: 'error', code, message });
    this.#end(closeCode, code);
  }

  close(): void {
    this.#end(CLOSE.normal, 'server closing');
  }

  #output(chunk: Uint8Array): void {
    if (this.#ended) return;
    const offset = this.#replay.end;
    this.#replay.append(chunk);
    this.#findEcho(chunk, offset);
    if (!this.#client) {
      this.#detachedBytes += chunk.length;
      this.#applyPause();
      return;
    }
    const held = this.#held;
    // Behind: paused, or this turn's batch would fill the window (so it cannot overshoot by a batch).
    if (held && (this.#flow.paused || !held.empty || this.#flow.unacked + this.#batch.pending + chunk.length > this.#flow.high)) {
      this.#batch.flush(); // what waits for this turn goes first
      if (this.#flow.paused || !held.empty) {
        this.#behindSince ??= performance.now();
        held.hold(chunk, offset);
        held.compact(this.#protect, this.#holdLimit() / 4);
        this.#tuneWindow();
        this.#applyPause();
        return;
      }
    }
    this.#batch.push(chunk);
  }

  /** Held output beyond this pauses the shell (then it is ordinary flow control). */
  #holdLimit(): number {
    return Math.max(64 * 1024, Math.round(this.#sizedHigh / 2));
  }

  /** Sends held output (dropping what skip-ahead may) while the browser has room for it. */
  #drainHeld(): void {
    const held = this.#held;
    if (!held || held.empty || this.#flow.paused || !this.#client) return;
    held.compact(this.#protect);
    for (let item = held.shift(); item; item = this.#flow.paused ? undefined : held.shift()) {
      if (item.kind === 'skip') {
        this.#client.sendControl({ type: 'skip', bytes: item.bytes, lines: item.lines });
        continue;
      }
      for (let i = 0; i < item.bytes.length; i += MAX_OUT_FRAME) this.#send(item.bytes.subarray(i, i + MAX_OUT_FRAME));
    }
  }

  /** Skip-ahead has read on for a browser that is behind for as long as it may. */
  #skipSpent(): boolean {
    return this.#behindSince !== null && performance.now() - this.#behindSince > this.#timings.skipAheadMs;
  }

  /**
   * Skip-ahead's windows: while held output shrinks when planned (it is being dropped), a large SSH
   * window and a small flow-control window; when it does not, the sized windows of plain flow control.
   */
  #tuneWindow(): void {
    const dropping = this.#held !== null && this.#held.bytes < this.#holdLimit() / 2;
    this.#dropping = dropping;
    const high = dropping ? Math.min(this.#sizedHigh, SKIPPING_FLOW_HIGH) : this.#sizedHigh;
    if (high !== this.#flow.high) this.#flow.retune({ high, low: Math.round(high / 2) });
    const want = dropping ? SKIPPING_WINDOW : Math.round(high / 2);
    if (want === this.#window) return;
    this.#window = want;
    this.#shell.setWindow?.(want);
  }

  /** Output from `at` on (a keystroke's echo is in it) must reach the browser. */
  #protectFrom(at: number, end: number): void {
    if (!this.#held) return;
    const last = this.#protect.at(-1);
    if (last && at <= last[1]) last[1] = Math.max(last[1], end);
    else if (last && at < last[0]) {
      this.#protect.push([at, end]);
      this.#protect.sort((a, b) => a[0] - b[0]);
    } else this.#protect.push([at, end]);
    if (this.#protect.length > 8) this.#protect.shift();
  }

  /** Looks for the awaited echo in a chunk of output starting at absolute `offset`. */
  #findEcho(chunk: Uint8Array, offset: number): void {
    const echo = this.#echo;
    if (!echo) return;
    const i = chunk.indexOf(echo.byte, Math.max(0, echo.from - offset));
    if (i >= 0) {
      this.#echo = null;
      this.#protectFrom(offset + i - ECHO_CONTEXT_BYTES, offset + i + ECHO_CONTEXT_BYTES);
    } else if (offset + chunk.length - echo.from > ECHO_SEARCH_BYTES) this.#echo = null;
  }

  #send(bytes: Uint8Array): void {
    this.#client?.sendData(bytes);
    if (this.#flow.sent(bytes.length) === 'pause') this.#sizer?.saturated();
  }

  #applyPause(): void {
    const want = !this.#client
      ? this.#detachedBytes >= this.#replay.capacity
      : this.#held
        ? this.#held.bytes >= this.#holdLimit() || (this.#flow.paused && this.#skipSpent())
        : this.#flow.paused;
    if (want === this.#shellPaused || this.#ended) return;
    this.#shellPaused = want;
    if (want) this.#shell.pause();
    else this.#shell.resume();
  }

  #touch(): void {
    // refresh() re-arms the same timer: cheap enough to call on every keystroke.
    if (this.#idleTimer) {
      this.#idleTimer.refresh();
      return;
    }
    this.#idleTimer = setTimeout(
      () => this.fail('idle', serverText.idle(Math.round(this.#timings.idleMs / 60000)), CLOSE.idle),
      this.#timings.idleMs,
    );
    this.#idleTimer.unref();
  }

  #end(closeCode: number, reason: string): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#batch.clear();
    clearTimeout(this.#graceTimer);
    clearTimeout(this.#idleTimer);
    const client = this.#client;
    this.#client = null;
    client?.close(closeCode, reason);
    this.#shell.close();
    this.#onEnd(this);
  }
}
