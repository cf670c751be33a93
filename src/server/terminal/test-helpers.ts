import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { parseServerFrame, TERMINAL_COOKIE, type ServerMessage } from '../../shared/terminal-protocol.ts';
import { attachTerminalServer, type TerminalServer, type TerminalServerDeps } from './attach.ts';
import type { TerminalHost } from './types.ts';

/** An HTTP server on 127.0.0.1 with the terminal attached, for ws-client tests. */
export async function startTestServer<H extends TerminalHost>(
  deps: Omit<TerminalServerDeps<H>, 'authenticate'>,
  token = 'test-token-0123456789',
): Promise<{ http: Server; terminal: TerminalServer; port: number; origin: string; cookie: string; stop(): Promise<void> }> {
  const http = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  const terminal = attachTerminalServer(http, {
    log: () => undefined,
    ...deps,
    authenticate: (req) => ((req.headers.cookie ?? '').includes(`${TERMINAL_COOKIE}=${token}`) ? 'local' : null),
  });
  return {
    http,
    terminal,
    port,
    origin: `http://127.0.0.1:${port}`,
    cookie: `${TERMINAL_COOKIE}=${token}`,
    async stop() {
      terminal.close();
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}

export interface SocketOptions {
  origin?: string | undefined;
  cookie?: string | undefined;
  host?: string;
  path?: string;
}

/** Opens a socket; resolves with it, or rejects with `status <code>` when the upgrade is refused. */
export function openSocket(port: number, o: SocketOptions): Promise<TestSocket> {
  const headers: Record<string, string> = {};
  if (o.origin !== undefined) headers['Origin'] = o.origin;
  if (o.cookie !== undefined) headers['Cookie'] = o.cookie;
  const path = o.path ?? `/ws/terminal?host=${encodeURIComponent(o.host ?? 'master')}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(new TestSocket(ws)));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** A ws client that records what the server sends: output text and control messages. */
export class TestSocket {
  readonly ws: WebSocket;
  readonly messages: ServerMessage[] = [];
  readonly #decoder = new TextDecoder();
  #text = '';
  outputBytes = 0;
  closeCode: number | undefined;
  readonly #waiters: (() => void)[] = [];

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer, isBinary) => {
      const f = parseServerFrame(data, isBinary);
      if (f.kind === 'data') {
        this.#text += this.#decoder.decode(f.bytes, { stream: true });
        this.outputBytes += f.bytes.length;
      } else if (f.kind === 'control') this.messages.push(f.message);
      this.#wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.#wake();
    });
  }

  /** All output so far, decoded as a stream (a character split across frames stays intact). */
  get output(): string {
    return this.#text;
  }

  #wake() {
    for (const w of this.#waiters.splice(0)) w();
  }

  hello(extra: Record<string, unknown> = {}) {
    this.ws.send(JSON.stringify({ type: 'hello', v: 1, cols: 80, rows: 24, ...extra }));
  }

  type(text: string) {
    this.ws.send(Buffer.from(text), { binary: true });
  }

  control(m: unknown) {
    this.ws.send(JSON.stringify(m));
  }

  /** Waits until `pred` holds (checked after every frame), failing after `ms`. */
  async until(pred: (s: TestSocket) => boolean, ms = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pred(this)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for ${what}; output so far: ${JSON.stringify(this.output.slice(-300))}; messages: ${JSON.stringify(this.messages)}`,
        );
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  ready() {
    return this.messages.find((m): m is Extract<ServerMessage, { type: 'ready' }> => m.type === 'ready');
  }

  error() {
    return this.messages.find((m): m is Extract<ServerMessage, { type: 'error' }> => m.type === 'error');
  }

  close() {
    this.ws.close();
  }
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
