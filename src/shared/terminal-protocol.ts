import { z } from 'zod';
import { Localized } from './i18n.ts';

/**
 * The web terminal's wire protocol (browser ⇄ `/ws/terminal`), environment-neutral.
 *
 * Terminal data travels as BINARY frames, never decoded on the way: client → server binary frames
 * are keyboard input, server → client binary frames are shell output (raw bytes, so UTF-8 or escape
 * sequences split across SSH packets stay intact). Everything else is a TEXT frame holding one JSON
 * control message validated by the schemas below. The host is named in the URL
 * (`/ws/terminal?host=<config name>`) so the upgrade gate can refuse an unknown name before any
 * SSH connection; the client never sends an address, port or user.
 */
export const TERMINAL_PROTOCOL_VERSION = 1;

/** The WebSocket path the server listens on. */
export const TERMINAL_WS_PATH = '/ws/terminal';

/** The cookie carrying the session token (HttpOnly, SameSite=Strict, sent only to the WS path). */
export const TERMINAL_COOKIE = 'k8s_labs_terminal';

/** Terminal size bounds; the server clamps resizes into them (xterm.js rejects 0 columns). */
export const TERMINAL_LIMITS = {
  minCols: 2,
  maxCols: 500,
  minRows: 1,
  maxRows: 300,
  /** Largest accepted frame of either kind (ws `maxPayload`); a paste larger than this is split. */
  maxFrameBytes: 64 * 1024,
} as const;

const Cols = z.number().int().finite();
const Rows = z.number().int().finite();

/** What the client already has of a session it wants to re-attach to. */
export const ResumeRequest = z.strictObject({
  /** Session id the server handed out in `ready`. */
  session: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** Output bytes of that session already written to this terminal (0 after a page reload). */
  offset: z.number().int().nonnegative().finite(),
});
export type ResumeRequest = z.infer<typeof ResumeRequest>;

/** Client → server control messages (text frames). */
export const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({
    /** First message on every socket: the protocol version, the size, and optionally a resume. */
    type: z.literal('hello'),
    v: z.number().int(),
    cols: Cols,
    rows: Rows,
    resume: ResumeRequest.optional(),
  }),
  z.strictObject({
    /** The terminal changed size (clamped by the server to TERMINAL_LIMITS). */
    type: z.literal('resize'),
    cols: Cols,
    rows: Rows,
  }),
  z.strictObject({
    /** Flow control: this many more output bytes have been written (parsed) by xterm.js. */
    type: z.literal('ack'),
    bytes: z
      .number()
      .int()
      .positive()
      .max(1 << 30),
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Why the server ended or refused a session; the client shows `message` and decides on retry. */
export const TerminalErrorCode = z.enum([
  /** The SSH server refused the configured credentials. */
  'auth',
  /** The host key differs from the pinned/recorded one (possible MITM). */
  'host-key',
  /** TCP connection failed (refused, no route). */
  'unreachable',
  /** The SSH handshake did not finish in time. */
  'timeout',
  /** Protocol error with the SSH server or a malformed frame from the client. */
  'protocol',
  /** The client speaks another protocol version (reload the page). */
  'version',
  /** Too many sessions for this learner / on this server. */
  'limit',
  /** No input for longer than the idle timeout. */
  'idle',
  /** Another window took over this session. */
  'taken-over',
  /** Anything else (details in the server log). */
  'internal',
]);
export type TerminalErrorCode = z.infer<typeof TerminalErrorCode>;

/** Server → client control messages (text frames). */
export const ServerMessage = z.discriminatedUnion('type', [
  z.strictObject({
    /** The shell is attached; binary frames follow. */
    type: z.literal('ready'),
    v: z.number().int(),
    /** Session id to resume with after a reload or a dropped socket. */
    session: z.string(),
    /** Config name of the host this shell runs on. */
    host: z.string(),
    /** True when an existing shell was re-attached (its missed output is replayed next). */
    resumed: z.boolean(),
    /** Absolute output offset of the first byte that will follow (replay start). */
    offset: z.number().int().nonnegative(),
    /** True when part of the requested output fell out of the bounded replay buffer. */
    truncated: z.boolean(),
    /** Seconds the server keeps a detached shell alive. */
    graceSeconds: z.number().nonnegative(),
  }),
  z.strictObject({
    /**
     * Skip-ahead: `bytes` of plain-text output (`lines` whole lines) were not sent because the
     * terminal was behind; the screen is unaffected (the lines after them fill it). The client
     * adds `bytes` to its resume offset and notes the gap in the scrollback.
     */
    type: z.literal('skip'),
    bytes: z.number().int().positive(),
    lines: z.number().int().nonnegative(),
  }),
  z.strictObject({
    /** The remote shell ended. */
    type: z.literal('exit'),
    code: z.number().int().nullable(),
    signal: z.string().nullable(),
  }),
  z.strictObject({
    /** The session could not start or had to end; the socket closes after this message. */
    type: z.literal('error'),
    code: TerminalErrorCode,
    message: Localized,
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** One received frame, classified. */
export type ParsedFrame<M> = { kind: 'data'; bytes: Uint8Array } | { kind: 'control'; message: M } | { kind: 'invalid'; reason: string };

function parseFrame<M>(schema: z.ZodType<M>, data: string | Uint8Array, isBinary: boolean): ParsedFrame<M> {
  if (isBinary) {
    if (typeof data === 'string') return { kind: 'invalid', reason: 'binary frame expected' };
    return { kind: 'data', bytes: data };
  }
  const text = typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: false }).decode(data);
  if (text.length > TERMINAL_LIMITS.maxFrameBytes) return { kind: 'invalid', reason: 'control message too large' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'control message is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return { kind: 'invalid', reason: `${where}${first?.message ?? 'invalid control message'}` };
  }
  return { kind: 'control', message: parsed.data };
}

/** Parses a frame the server received (binary = input bytes, text = ClientMessage). */
export function parseClientFrame(data: string | Uint8Array, isBinary: boolean): ParsedFrame<ClientMessage> {
  return parseFrame(ClientMessage, data, isBinary);
}

/** Parses a frame the browser received (binary = output bytes, text = ServerMessage). */
export function parseServerFrame(data: string | Uint8Array, isBinary: boolean): ParsedFrame<ServerMessage> {
  return parseFrame(ServerMessage, data, isBinary);
}

/** Clamps a requested size into TERMINAL_LIMITS (a hostile `cols: 1e9` becomes 500). */
export function clampSize(cols: number, rows: number): { cols: number; rows: number } {
  const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.trunc(n)));
  return {
    cols: clamp(cols, TERMINAL_LIMITS.minCols, TERMINAL_LIMITS.maxCols),
    rows: clamp(rows, TERMINAL_LIMITS.minRows, TERMINAL_LIMITS.maxRows),
  };
}

/** Encodes a control message for a text frame. */
export function encodeMessage(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}
