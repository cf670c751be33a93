import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TERMINAL_LIMITS } from '../../shared/terminal-protocol.ts';
import { bridgeSocket } from './bridge.ts';
import { checkUpgrade, isTerminalPath, localTokenAuth, loopbackOrigins } from './gate.ts';
import { DEFAULT_TERMINAL_OPTIONS, type TerminalOptions } from './options.ts';
import { setPrewarmHook, type WarmPool } from './prewarm.ts';
import { SessionRegistry } from './session-registry.ts';
import { terminalToken } from './session-token.ts';
import type { ShellOpener, TerminalHost } from './types.ts';

export interface TerminalServerDeps<H extends TerminalHost> {
  /** The configured hosts; a browser may only name one of these. */
  hosts: readonly H[];
  /** Opens a shell on a host (the SSH layer, with its host-key policy). */
  openShell: ShellOpener<H>;
  /** The site's own origins; default: the loopback names of the server's bound port. */
  origins?: readonly string[];
  /** Learner of a request; default: local mode, the process's token cookie. */
  authenticate?: (req: IncomingMessage) => string | null;
  options?: Partial<TerminalOptions>;
  log?: (line: string) => void;
  /**
   * Connections started while a page loads (prewarm.ts), in local mode only: the page knows the
   * token but not which learner a hosted deployment's `authenticate` would name.
   */
  warmPool?: Pick<WarmPool<H>, 'warm' | 'close'>;
}

export interface TerminalServer {
  registry: SessionRegistry;
  /**
   * The upgrade hook: takes the socket and returns true for `/ws/terminal` (accepted or refused
   * with an HTTP status), returns false for any other path (left to other listeners). Matches
   * `UpgradeHook` of src/server/http/app-server.ts.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes every socket and shell (and detaches from the HTTP server when attached). */
  close(): void;
}

/**
 * Attaches the terminal WebSocket endpoint (`/ws/terminal`) to an HTTP server's `upgrade` event:
 * used by `astro dev` (Vite's server, via the integration), where other upgrade listeners (Vite's
 * HMR socket) get every other path. A server that routes upgrades itself (the production entry,
 * `createAppServer({ onUpgrade })`) uses `createTerminalServer(server, deps).handleUpgrade` instead.
 */
export function attachTerminalServer<H extends TerminalHost>(httpServer: HttpServer, deps: TerminalServerDeps<H>): TerminalServer {
  const terminal = createTerminalServer(() => httpServer.address(), deps);
  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    terminal.handleUpgrade(req, socket, head);
  };
  httpServer.on('upgrade', listener);
  return {
    ...terminal,
    close() {
      httpServer.off('upgrade', listener);
      terminal.close();
    },
  };
}

/**
 * The terminal endpoint without a listener of its own. `address` reports where the HTTP server is
 * bound (read at each upgrade, so it may be called before the server listens).
 */
export function createTerminalServer<H extends TerminalHost>(
  address: () => AddressInfo | string | null,
  deps: TerminalServerDeps<H>,
): TerminalServer {
  const opts: TerminalOptions = { ...DEFAULT_TERMINAL_OPTIONS, ...deps.options };
  const log = deps.log ?? ((line: string) => console.warn(line));
  const hostsByName = new Map(deps.hosts.map((h) => [h.name, h] as const));
  const authenticate = deps.authenticate ?? localTokenAuth(terminalToken());
  const origins = () => deps.origins ?? loopbackOrigins(address());
  const registry = new SessionRegistry(
    {
      graceMs: opts.graceSeconds * 1000,
      idleMs: opts.idleMinutes * 60_000,
      replayBytes: Math.round(opts.replayKiB * 1024),
      watermarks: opts.watermarks,
      adaptiveFlow: opts.adaptiveFlow,
      skipAhead: opts.skipAhead,
      skipAheadMs: opts.skipAheadSeconds * 1000,
    },
    { maxPerLearner: opts.maxSessionsPerLearner, maxTotal: opts.maxSessions },
  );
  // perMessageDeflate off: keystrokes must not wait for compression, and terminal output is
  // already cheap on loopback. maxPayload bounds what one frame may cost us (ws defaults to 100 MiB).
  const wss = new WebSocketServer({ noServer: true, maxPayload: TERMINAL_LIMITS.maxFrameBytes, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    if (!isTerminalPath(req.url)) return false;
    const verdict = checkUpgrade(req, { origins, authenticate, hostNames: new Set(hostsByName.keys()) });
    if (!verdict.ok) {
      log(`terminal: refused upgrade from ${req.socket.remoteAddress ?? '?'}: ${verdict.reason}`);
      reject(socket, verdict.status, verdict.status === 404 ? 'Not Found' : verdict.status === 400 ? 'Bad Request' : 'Forbidden');
      return true;
    }
    const host = hostsByName.get(verdict.host);
    if (!host) {
      reject(socket, 404, 'Not Found');
      return true;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      bridgeSocket(ws, {
        learner: verdict.learner,
        host,
        registry,
        openShell: deps.openShell,
        helloTimeoutMs: opts.helloTimeoutMs,
        log,
      });
    });
    return true;
  };

  // Pages ask for a connection to their first host while they load, unless a shell is already
  // there to resume (a reload) or the learner is at the session limit.
  const warmPool = deps.warmPool && !deps.authenticate ? deps.warmPool : undefined;
  if (warmPool) {
    setPrewarmHook((name) => {
      const host = hostsByName.get(name);
      if (host && !registry.hasSession('local', name) && !registry.refusal('local')) warmPool.warm(host);
    });
  }

  // A browser that vanished without a close (laptop lid, network cut) is found by a missed pong;
  // its session then enters the grace period like any other dropped socket.
  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, opts.pingSeconds * 1000);
  ping.unref();

  return {
    registry,
    handleUpgrade,
    close() {
      clearInterval(ping);
      if (warmPool) {
        setPrewarmHook(undefined);
        warmPool.close();
      }
      for (const ws of wss.clients) ws.terminate();
      registry.closeAll();
      wss.close();
    },
  };
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}
