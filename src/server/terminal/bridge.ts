import type { WebSocket } from 'ws';
import {
  clampSize,
  encodeMessage,
  parseClientFrame,
  TERMINAL_PROTOCOL_VERSION,
  type ClientMessage,
  type ServerMessage,
} from '../../shared/terminal-protocol.ts';
import { serverText } from './messages.ts';
import { CLOSE, type SessionClient, type TerminalSession } from './session.ts';
import type { SessionRegistry } from './session-registry.ts';
import { TerminalFailure, type ShellOpener, type TerminalHost } from './types.ts';

/**
 * The bridge: pipes one WebSocket to one session and does nothing else. It parses every frame
 * (binary = keystrokes, text = a control message), answers a bad frame with a typed error and
 * close 1008, and leaves connecting, flow control and replay to the session layer.
 */
export interface BridgeContext<H extends TerminalHost> {
  learner: string;
  host: H;
  registry: SessionRegistry;
  openShell: ShellOpener<H>;
  /** A socket that has not said hello by then is closed. */
  helloTimeoutMs: number;
  log: (line: string) => void;
}

export function bridgeSocket<H extends TerminalHost>(ws: WebSocket, ctx: BridgeContext<H>): void {
  let session: TerminalSession | null = null;
  let helloSeen = false;
  let closed = false;

  const client: SessionClient = {
    sendData: (bytes) => {
      if (ws.readyState === ws.OPEN) ws.send(bytes, { binary: true });
    },
    sendControl: (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage(m), { binary: false });
    },
    close: (code, reason) => {
      closed = true;
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    },
  };
  const refuse = (message: Extract<ServerMessage, { type: 'error' }>, closeCode: number) => {
    client.sendControl(message);
    client.close(closeCode, message.code);
  };

  const helloTimer = setTimeout(() => {
    if (!helloSeen) refuse({ type: 'error', code: 'protocol', message: serverText.helloTimeout() }, CLOSE.policy);
  }, ctx.helloTimeoutMs);

  const start = async (hello: Extract<ClientMessage, { type: 'hello' }>) => {
    if (hello.v !== TERMINAL_PROTOCOL_VERSION) {
      refuse({ type: 'error', code: 'version', message: serverText.version(hello.v, TERMINAL_PROTOCOL_VERSION) }, CLOSE.policy);
      return;
    }
    const size = clampSize(hello.cols, hello.rows);
    const existing = hello.resume && ctx.registry.find(hello.resume.session, ctx.learner, ctx.host.name);
    if (existing) {
      session = existing;
      existing.attach(client, hello.resume?.offset ?? 0, true);
      existing.resize(client, size.cols, size.rows);
      return;
    }
    const refusal = ctx.registry.refusal(ctx.learner);
    if (refusal) {
      const message =
        refusal === 'learner' ? serverText.limit(ctx.registry.limits.maxPerLearner) : serverText.serverFull(ctx.registry.limits.maxTotal);
      refuse({ type: 'error', code: 'limit', message }, CLOSE.limit);
      return;
    }
    const release = ctx.registry.reserve(ctx.learner);
    try {
      const shell = await ctx.openShell(ctx.host, size);
      release();
      if (closed || ws.readyState !== ws.OPEN) {
        shell.close(); // the page went away while we were connecting
        return;
      }
      session = ctx.registry.create(ctx.learner, ctx.host.name, shell, size.rows);
      session.attach(client, 0, false);
    } catch (err) {
      release();
      const failure = err instanceof TerminalFailure ? err : null;
      if (!failure) ctx.log(`terminal: opening a shell on ${ctx.host.name} failed: ${String(err)}`);
      refuse({ type: 'error', code: failure?.code ?? 'internal', message: failure?.detail ?? serverText.internal() }, CLOSE.error);
    }
  };

  ws.on('message', (data, isBinary) => {
    const frame = parseClientFrame(toBytes(data), isBinary);
    if (frame.kind === 'invalid') {
      refuse({ type: 'error', code: 'protocol', message: serverText.protocol(frame.reason) }, CLOSE.policy);
      return;
    }
    if (!helloSeen) {
      if (frame.kind !== 'control' || frame.message.type !== 'hello') {
        refuse({ type: 'error', code: 'protocol', message: serverText.protocol('hello expected first') }, CLOSE.policy);
        return;
      }
      helloSeen = true;
      clearTimeout(helloTimer);
      void start(frame.message);
      return;
    }
    if (!session) return; // still connecting: early keystrokes are dropped (the client queues them)
    if (frame.kind === 'data') {
      session.input(client, frame.bytes);
      return;
    }
    const m = frame.message;
    if (m.type === 'ack') session.ack(client, m.bytes);
    else if (m.type === 'resize') {
      const size = clampSize(m.cols, m.rows);
      session.resize(client, size.cols, size.rows);
    } else refuse({ type: 'error', code: 'protocol', message: serverText.protocol('hello sent twice') }, CLOSE.policy);
  });

  ws.on('close', () => {
    closed = true;
    clearTimeout(helloTimer);
    session?.detach(client);
  });
  ws.on('error', (err) => ctx.log(`terminal: socket error: ${err.message}`));
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  return new Uint8Array(data as ArrayBuffer);
}
