import type { Localized } from '../../shared/i18n.ts';
import type { TerminalErrorCode } from '../../shared/terminal-protocol.ts';

/**
 * The part of a configured host the terminal needs. `HostEntry` from `src/config/hosts-config.ts`
 * satisfies it structurally; the terminal never reads credentials itself, it hands the whole
 * entry to the SSH layer.
 */
export interface TerminalHost {
  /** Config name (`master`, `worker`, …): the only thing a browser may name. */
  name: string;
  host: string;
  port: number;
  user: string;
}

/** A running remote shell: the SSH session layer yields only this stream-like handle. */
export interface ShellHandle {
  /** Output bytes (stdout and stderr of the pty, merged by the pty itself). */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The shell ended; called once. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  write(bytes: Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** Stops reading output (backpressure reaches sshd through the SSH window). */
  pause(): void;
  resume(): void;
  /** Largest amount of output the remote may have in flight towards us (SSH window), if supported. */
  setWindow?(bytes: number): void;
  /** Ends the shell and its SSH connection. */
  close(): void;
}

export interface PtySize {
  cols: number;
  rows: number;
}

/** Opens a shell on a configured host; rejects with a `TerminalFailure`. */
export type ShellOpener<H extends TerminalHost = TerminalHost> = (host: H, size: PtySize) => Promise<ShellHandle>;

/** Why a session could not start or had to end, in the protocol's terms. */
export class TerminalFailure extends Error {
  readonly code: TerminalErrorCode;
  readonly detail: Localized;
  constructor(code: TerminalErrorCode, detail: Localized, options?: { cause?: unknown }) {
    super(detail.en, options);
    this.name = 'TerminalFailure';
    this.code = code;
    this.detail = detail;
  }
}
