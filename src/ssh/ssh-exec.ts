import type { Client, ClientChannel } from 'ssh2';

export interface ExecOptions {
  /** Sent on the command's stdin, then EOF. */
  stdin?: string | Buffer;
  /** Called with each stdout chunk as it arrives (the caller bounds what it keeps). */
  onStdout?: (chunk: Buffer) => void;
  /** Called with each stderr chunk as it arrives. */
  onStderr?: (chunk: Buffer) => void;
  /** Local deadline: the channel is closed when it passes (the remote side has its own). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ExecOutcome {
  /** The command's exit status; null when the server sent none (killed, channel lost): never success. */
  exitCode: number | null;
  /** Signal name when the server reported the command was killed by one. */
  exitSignal: string | null;
  /** The local deadline passed and the channel was closed. */
  timedOut: boolean;
  /** The caller's signal aborted the command. */
  aborted: boolean;
  /** Opening the channel failed (e.g. MaxSessions reached, connection lost). */
  openError?: string;
}

/** After asking a channel to close, give the server this long to confirm before giving up on it. */
const CLOSE_GRACE_MS = 2_000;

/** Runs one command on an SSH connection: stdin in, both streams drained, exit status out. */
export function execOnClient(client: Client, command: string, opts: ExecOptions): Promise<ExecOutcome> {
  return new Promise((resolve) => {
    const outcome: ExecOutcome = { exitCode: null, exitSignal: null, timedOut: false, aborted: false };
    let channel: ClientChannel | undefined;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      client.removeListener('close', finish);
      resolve(outcome);
    };
    const stop = () => {
      if (!channel) return finish();
      // Ask the server to kill the command (OpenSSH ≥ 7.9 honours it), then close our side.
      try {
        channel.signal('KILL');
      } catch {}
      channel.close();
      setTimeout(finish, CLOSE_GRACE_MS).unref();
    };
    const onAbort = () => {
      outcome.aborted = true;
      stop();
    };
    if (opts.signal?.aborted) {
      outcome.aborted = true;
      return finish();
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('close', finish);
    if (opts.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        outcome.timedOut = true;
        stop();
      }, opts.timeoutMs);
    }
    try {
      client.exec(command, (err, ch) => {
        if (err) {
          outcome.openError = err.message;
          return finish();
        }
        if (done) {
          ch.close();
          return;
        }
        channel = ch;
        ch.on('exit', (code: number | null, signalName?: string) => {
          if (typeof code === 'number') outcome.exitCode = code;
          if (typeof signalName === 'string') outcome.exitSignal = signalName;
        });
        ch.on('data', (chunk: Buffer) => opts.onStdout?.(chunk));
        ch.stderr.on('data', (chunk: Buffer) => opts.onStderr?.(chunk));
        ch.on('close', finish);
        ch.on('error', () => finish());
        ch.end(opts.stdin ?? '');
      });
    } catch (err) {
      outcome.openError = (err as Error).message;
      finish();
    }
  });
}
