import type { SshConnector, SshLink } from './ssh-shell.ts';
import type { TerminalHost } from './types.ts';

/**
 * SSH connections opened while the page that will use them is still loading.
 *
 * Connecting (TCP, key exchange, host key check, authentication) is most of the time between
 * opening a lab page and its first prompt, and it does not depend on anything the browser sends
 * later: only the shell (with the terminal's size) does. So when the server renders a page with a
 * terminal, it starts the connection to the first host then; the WebSocket's shell takes it
 * instead of connecting anew. One waiting connection per host at most; one nobody takes within
 * `ttlMs` is closed. A failed one is forgotten, so the shell connects (and reports) on its own.
 */
export interface WarmPool<H extends TerminalHost> {
  /** What the shell opener calls: the waiting connection to `host` if there is one, else a new one. */
  connect: SshConnector<H>;
  /** Starts a connection to `host` unless one is already waiting. */
  warm(host: H): void;
  /** Connections waiting now (for tests). */
  readonly size: number;
  close(): void;
}

export function createWarmPool<H extends TerminalHost>(connect: SshConnector<H>, opts: { ttlMs?: number } = {}): WarmPool<H> {
  const ttlMs = opts.ttlMs ?? 20_000;
  const waiting = new Map<string, { link: Promise<SshLink>; timer: NodeJS.Timeout }>();
  const end = (link: SshLink) => (link.close ? link.close() : link.client.end());
  const forget = (name: string, entry: { link: Promise<SshLink> }) => {
    const current = waiting.get(name);
    if (current?.link !== entry.link) return false;
    clearTimeout(current.timer);
    waiting.delete(name);
    return true;
  };
  return {
    connect(host) {
      const entry = waiting.get(host.name);
      if (!entry) return connect(host);
      forget(host.name, entry);
      return entry.link;
    },
    warm(host) {
      if (waiting.has(host.name)) return;
      const link = connect(host);
      const entry = {
        link,
        timer: setTimeout(() => {
          if (forget(host.name, entry)) link.then(end, () => undefined);
        }, ttlMs),
      };
      entry.timer.unref();
      waiting.set(host.name, entry);
      link.then(
        (l) => l.client.once('close', () => forget(host.name, entry)),
        () => forget(host.name, entry),
      );
    },
    get size() {
      return waiting.size;
    },
    close() {
      for (const [name, entry] of [...waiting]) if (forget(name, entry)) entry.link.then(end, () => undefined);
    },
  };
}

/**
 * The page → terminal server hook. Pages and the WebSocket server are separate module instances
 * under `astro dev`, so the function lives on globalThis (as the session token does).
 */
const KEY = Symbol.for('k8s-labs.terminal.prewarm');
type Slot = Record<symbol, ((hostName: string) => void) | undefined>;

export function setPrewarmHook(fn: ((hostName: string) => void) | undefined): void {
  (globalThis as unknown as Slot)[KEY] = fn;
}

/** Asks the terminal server (if one runs in this process) to start connecting to `hostName`. */
export function prewarmTerminal(hostName: string): void {
  (globalThis as unknown as Slot)[KEY]?.(hostName);
}
