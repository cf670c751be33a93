import type { Lang } from '../../shared/i18n.ts';
import {
  encodeMessage,
  parseServerFrame,
  TERMINAL_LIMITS,
  TERMINAL_PROTOCOL_VERSION,
  TERMINAL_WS_PATH,
  type ClientMessage,
  type ServerMessage,
} from '../../shared/terminal-protocol.ts';
import { clientText, pickLang, type Status } from './messages.ts';

/** Where output goes and how big the terminal is: implemented over xterm.js by the tab. */
export interface ConnectionSink {
  /** Writes output; `done` runs once xterm.js has parsed it (the flow-control ack point). */
  write(data: Uint8Array, done: () => void): void;
  notice(text: string): void;
  /** Skip-ahead left out `lines` lines the terminal would only have scrolled past. */
  skipped(lines: number, bytes: number): void;
  size(): { cols: number; rows: number };
  status(status: Status, detail?: string): void;
}

/** Acknowledge in batches: one small text frame per 32 KiB, or after a short quiet moment. */
const ACK_EVERY = 32 * 1024;
const ACK_DELAY_MS = 20;
const BACKOFF_MS = [200, 500, 1000, 2000, 4000, 5000];
/** Consecutive failures to even open a socket before we call it a refusal, not a blip. */
const MAX_FAILED_OPENS = 4;
/** Close codes after which we do not reconnect on our own (see server session.ts CLOSE). */
const FINAL_CLOSE = new Set([1000, 1008, 1009, 4000, 4001, 4002, 4003]);

const encoder = new TextEncoder();

/**
 * The browser end of one terminal tab: a WebSocket to `/ws/terminal?host=<name>`, the hello /
 * resume handshake, acknowledgements of written bytes (flow control), and reconnection that
 * re-attaches to the same shell within the server's grace period.
 */
export class TerminalConnection {
  readonly host: string;
  readonly #lang: Lang;
  readonly #sink: ConnectionSink;
  readonly #storageKey: string;
  #ws: WebSocket | null = null;
  #session: string | null;
  /** Output bytes of the current session this terminal has (the resume offset). */
  #offset = 0;
  #ready = false;
  #pendingAck = 0;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  #retry = 0;
  #failedOpens = 0;
  #final = false;
  #disposed = false;
  #queued: Uint8Array[] = [];
  #queuedBytes = 0;
  #hadOutput = false;

  constructor(host: string, lang: Lang, sink: ConnectionSink) {
    this.host = host;
    this.#lang = lang;
    this.#sink = sink;
    this.#storageKey = `k8s-labs.terminal.${host}`;
    // Per browser tab: a reload finds its shell again; another tab starts its own.
    this.#session = sessionStorage.getItem(this.#storageKey);
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** True once the session ended for good (exit, refusal): Enter starts a new one. */
  get final(): boolean {
    return this.#final;
  }

  start(): void {
    this.#final = false;
    this.#open(false);
  }

  /** Keyboard input (string from xterm's onData) or raw bytes (onBinary, run-in-terminal). */
  input(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    if (this.#final) {
      if (bytes.includes(0x0d)) this.restart();
      return;
    }
    if (!this.#ready || !this.#ws) {
      // Typed or "run" while connecting: keep a bounded amount and send it once ready.
      if (this.#queuedBytes + bytes.length <= TERMINAL_LIMITS.maxFrameBytes) {
        this.#queued.push(bytes);
        this.#queuedBytes += bytes.length;
      }
      return;
    }
    for (let i = 0; i < bytes.length; i += TERMINAL_LIMITS.maxFrameBytes) {
      this.#ws.send(bytes.subarray(i, i + TERMINAL_LIMITS.maxFrameBytes));
    }
  }

  resize(cols: number, rows: number): void {
    if (this.#ready) this.#control({ type: 'resize', cols, rows });
  }

  /** Drops the current session and opens a fresh shell. */
  restart(): void {
    this.#session = null;
    sessionStorage.removeItem(this.#storageKey);
    this.#offset = 0;
    this.#retry = 0;
    this.#failedOpens = 0;
    this.start();
  }

  dispose(): void {
    this.#disposed = true;
    this.#ws?.close();
  }

  #url(): string {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}${TERMINAL_WS_PATH}?host=${encodeURIComponent(this.host)}`;
  }

  #open(reconnecting: boolean): void {
    this.#ready = false;
    this.#sink.status(reconnecting ? 'reconnecting' : 'connecting');
    const ws = new WebSocket(this.#url());
    ws.binaryType = 'arraybuffer';
    this.#ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.#failedOpens = 0;
      const { cols, rows } = this.#sink.size();
      const hello: ClientMessage = this.#session
        ? { type: 'hello', v: TERMINAL_PROTOCOL_VERSION, cols, rows, resume: { session: this.#session, offset: this.#offset } }
        : { type: 'hello', v: TERMINAL_PROTOCOL_VERSION, cols, rows };
      ws.send(encodeMessage(hello));
    };
    ws.onmessage = (ev: MessageEvent) => this.#frame(ev.data as ArrayBuffer | string);
    ws.onclose = (ev: CloseEvent) => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      this.#ready = false;
      if (this.#disposed) return;
      // An `exit` or `error` message came first: it already said why.
      if (this.#final) return;
      if (FINAL_CLOSE.has(ev.code)) {
        this.#final = true;
        this.#sink.status('closed', ev.reason || undefined);
        return;
      }
      if (!opened && ++this.#failedOpens >= MAX_FAILED_OPENS) {
        this.#final = true;
        const text = pickLang(clientText.refused, this.#lang);
        this.#sink.notice(text);
        this.#sink.status('closed', text);
        return;
      }
      const delay = BACKOFF_MS[Math.min(this.#retry++, BACKOFF_MS.length - 1)] ?? 5000;
      this.#sink.status('reconnecting');
      setTimeout(() => {
        if (!this.#disposed) this.#open(true);
      }, delay);
    };
  }

  #frame(data: ArrayBuffer | string): void {
    const isBinary = typeof data !== 'string';
    const frame = parseServerFrame(isBinary ? new Uint8Array(data) : data, isBinary);
    if (frame.kind === 'data') {
      const n = frame.bytes.length;
      this.#offset += n;
      this.#hadOutput = true;
      this.#sink.write(frame.bytes, () => this.#acked(n));
    } else if (frame.kind === 'control') {
      this.#control_in(frame.message);
    }
  }

  #control_in(m: ServerMessage): void {
    if (m.type === 'ready') {
      if (!m.resumed && this.#hadOutput) this.#sink.notice(pickLang(clientText.newSession, this.#lang));
      if (m.truncated && this.#offset > 0) this.#sink.notice(pickLang(clientText.truncated, this.#lang));
      this.#session = m.session;
      sessionStorage.setItem(this.#storageKey, m.session);
      this.#offset = m.offset;
      this.#ready = true;
      this.#retry = 0;
      this.#pendingAck = 0;
      this.#sink.status('connected');
      const queued = this.#queued;
      this.#queued = [];
      this.#queuedBytes = 0;
      for (const q of queued) this.input(q);
    } else if (m.type === 'skip') {
      this.#offset += m.bytes;
      this.#sink.skipped(m.lines, m.bytes);
    } else if (m.type === 'exit') {
      this.#final = true;
      this.#session = null;
      sessionStorage.removeItem(this.#storageKey);
      const text = pickLang(clientText.exited(m.code), this.#lang);
      this.#sink.notice(text);
      this.#sink.status('closed', text);
    } else {
      this.#final = true;
      if (m.code !== 'taken-over') {
        this.#session = null;
        sessionStorage.removeItem(this.#storageKey);
      }
      const text = pickLang(m.message, this.#lang);
      const more = m.code === 'taken-over' ? '' : ` ${pickLang(clientText.pressEnter, this.#lang)}`;
      this.#sink.notice(text + more);
      this.#sink.status('closed', text);
    }
  }

  #acked(n: number): void {
    this.#pendingAck += n;
    if (this.#pendingAck >= ACK_EVERY) this.#flushAck();
    else if (this.#ackTimer === undefined) this.#ackTimer = setTimeout(() => this.#flushAck(), ACK_DELAY_MS);
  }

  #flushAck(): void {
    clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
    if (this.#pendingAck > 0 && this.#ready) this.#control({ type: 'ack', bytes: this.#pendingAck });
    this.#pendingAck = 0;
  }

  #control(m: ClientMessage): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(encodeMessage(m));
  }
}
