import { DEFAULT_WATERMARKS, type Watermarks } from './flow-control.ts';

/** Every limit of the terminal server, with its default and the environment variable that sets it. */
export interface TerminalOptions {
  /** TERMINAL_GRACE_SECONDS (60): a shell outlives a dropped socket this long, for reload/blips. */
  graceSeconds: number;
  /** TERMINAL_IDLE_MINUTES (60): a session without keyboard input this long is closed. */
  idleMinutes: number;
  /** TERMINAL_REPLAY_KIB (512): output kept per session for re-attach. */
  replayKiB: number;
  /** TERMINAL_MAX_SESSIONS_PER_LEARNER (6): two hosts × a few browser tabs. */
  maxSessionsPerLearner: number;
  /** TERMINAL_MAX_SESSIONS (32): all learners together on this server. */
  maxSessions: number;
  /** WebSocket ping interval; a socket that misses one pong is dropped (half-open browsers). */
  pingSeconds: number;
  /** A socket must send its hello within this time. */
  helloTimeoutMs: number;
  /** Flow-control watermarks, bytes unacknowledged by the browser (the starting point when adaptive). */
  watermarks: Watermarks;
  /** Size the window by the browser's measured drain rate (flow-sizing.ts). */
  adaptiveFlow: boolean;
  /**
   * TERMINAL_SKIP_AHEAD (on): while the browser is behind, plain-text lines it would only scroll
   * past are not sent (skip-ahead.ts); `off` sends every byte.
   */
  skipAhead: boolean;
  /**
   * TERMINAL_SKIP_AHEAD_SECONDS (10): the longest a flood is read on for a browser that stays
   * behind; after that the shell is paused like without skip-ahead until the browser catches up,
   * so an endless `yes` in front of a slow or stalled browser does not keep the server busy.
   */
  skipAheadSeconds: number;
}

export const DEFAULT_TERMINAL_OPTIONS: TerminalOptions = {
  graceSeconds: 60,
  idleMinutes: 60,
  replayKiB: 512,
  maxSessionsPerLearner: 6,
  maxSessions: 32,
  pingSeconds: 20,
  helloTimeoutMs: 10_000,
  watermarks: DEFAULT_WATERMARKS,
  adaptiveFlow: true,
  skipAhead: true,
  skipAheadSeconds: 10,
};

const ENV: [keyof TerminalOptions, string][] = [
  ['graceSeconds', 'TERMINAL_GRACE_SECONDS'],
  ['idleMinutes', 'TERMINAL_IDLE_MINUTES'],
  ['replayKiB', 'TERMINAL_REPLAY_KIB'],
  ['maxSessionsPerLearner', 'TERMINAL_MAX_SESSIONS_PER_LEARNER'],
  ['maxSessions', 'TERMINAL_MAX_SESSIONS'],
  ['skipAheadSeconds', 'TERMINAL_SKIP_AHEAD_SECONDS'],
];

/** Reads the documented variables once at start-up; a malformed value is an error, not a default. */
export function terminalOptionsFromEnv(env: Record<string, string | undefined>): TerminalOptions {
  const out: TerminalOptions = { ...DEFAULT_TERMINAL_OPTIONS };
  for (const [key, name] of ENV) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`${name}=${JSON.stringify(raw)}: expected a positive number (default ${String(out[key])})`);
    (out as unknown as Record<string, number>)[key] = n;
  }
  const skip = env['TERMINAL_SKIP_AHEAD'];
  if (skip !== undefined && skip !== '') {
    if (!/^(on|off)$/.test(skip)) throw new Error(`TERMINAL_SKIP_AHEAD=${JSON.stringify(skip)}: expected on or off (default on)`);
    out.skipAhead = skip === 'on';
  }
  return out;
}
