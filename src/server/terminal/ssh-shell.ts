import type { Client, ClientChannel } from 'ssh2';
import type { PtySize, ShellHandle, ShellOpener, TerminalHost } from './types.ts';
import { TerminalFailure } from './types.ts';
import { describeSshFailure } from './messages.ts';
import { limitWindow } from './ssh-window.ts';

/**
 * The SSH session layer: connect (through the project's SSH module, which verifies host keys and
 * sets keepalive) and open ONE interactive shell on a pty. It yields a ShellHandle and knows
 * nothing about WebSockets. Agent, X11 and port forwarding are never requested here; the
 * connector is expected not to enable them either.
 */
export interface SshLink {
  client: Client;
  /** Ends the connection (src/ssh's close also cuts a VM that never acknowledges). */
  close?(): void;
}
export type SshConnector<H extends TerminalHost> = (host: H) => Promise<SshLink>;

/** `xterm-256color` is what xterm.js implements; keep the remote's terminfo in line with it. */
const TERM = 'xterm-256color';

/**
 * SSH receive window for the shell (see ssh-window.ts): large enough for full speed on a LAN,
 * small enough that a flood queues little ahead of an echo or a Ctrl-C. Tuned with the benchmark.
 */
export const SHELL_WINDOW_BYTES = 256 * 1024;

export function createSshShellOpener<H extends TerminalHost>(connect: SshConnector<H>): ShellOpener<H> {
  return async (host, size) => {
    let link: SshLink;
    try {
      link = await connect(host);
    } catch (err) {
      throw describeSshFailure(err, host);
    }
    const end = () => (link.close ? link.close() : link.client.end());
    // Keystrokes are tiny packets: without TCP_NODELAY, Nagle holds one back until the previous
    // one is acknowledged (up to a 40 ms delayed ACK). OpenSSH sets it for interactive sessions too.
    link.client.setNoDelay(true);
    try {
      const stream = await openShell(link.client, size);
      return wrapChannel(link.client, stream, end);
    } catch (err) {
      end();
      throw err instanceof TerminalFailure ? err : describeSshFailure(err, host);
    }
  };
}

function openShell(client: Client, size: PtySize): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    // Pixel sizes are informational for the remote; 0 tells it "unknown".
    client.shell({ term: TERM, cols: size.cols, rows: size.rows, width: 0, height: 0 }, (err, stream) => {
      if (err) reject(err);
      else resolve(stream);
    });
  });
}

function wrapChannel(client: Client, stream: ClientChannel, end: () => void): ShellHandle {
  let exitCode: number | null = null;
  let exitSignal: string | null = null;
  let ended = false;
  const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
  const finish = () => {
    if (ended) return;
    ended = true;
    end();
    for (const l of exitListeners) l(exitCode, exitSignal);
  };
  // `exit` may not come (the ssh2 README says "may"); `close` always does.
  stream.on('exit', (code: number | null, signal?: string) => {
    exitCode = typeof code === 'number' ? code : null;
    exitSignal = typeof signal === 'string' ? signal : null;
  });
  stream.on('close', finish);
  // A dead connection (keepalive timeout, reset) surfaces on the client, not always on the stream.
  client.on('close', finish);
  client.on('error', () => finish());
  stream.on('error', () => finish());
  stream.stderr.on('data', () => undefined); // a pty merges stderr; drain anything odd anyway
  const window = limitWindow(stream, SHELL_WINDOW_BYTES);
  return {
    onData: (listener) => stream.on('data', (chunk: Buffer) => listener(chunk)),
    onExit: (listener) => {
      exitListeners.push(listener);
    },
    write: (bytes) => {
      if (!ended) stream.write(bytes);
    },
    resize: (cols, rows) => {
      if (!ended) stream.setWindow(rows, cols, 0, 0);
    },
    pause: () => {
      window?.setPaused(true);
      stream.pause();
    },
    resume: () => {
      window?.setPaused(false);
      stream.resume();
    },
    setWindow: (bytes) => window?.setLimit(bytes),
    close: () => {
      if (ended) return;
      stream.close();
      finish();
    },
  };
}
