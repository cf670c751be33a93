import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { applySecurityHeaders } from './security-headers.ts';
import { createStaticFiles } from './static-files.ts';

/** Astro's Node middleware (`handler` of `dist/server/entry.mjs`), or any handler of that shape. */
export type AppHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * Gets every HTTP upgrade (WebSocket) first. Returns true when it took the socket (e.g. the terminal
 * endpoint `/ws/terminal`); on false the server answers 404 and closes the socket.
 */
export type UpgradeHook = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

export interface AppServerOptions {
  /** Renders what the static files do not answer: pages on demand, API routes, the 404 page. */
  handler: AppHandler;
  /** Astro's `dist/client`: prerendered pages and hashed assets. */
  clientDir: string;
  /** The WebSocket hook; without it every upgrade is refused. */
  onUpgrade?: UpgradeHook;
}

export interface AppServer {
  server: Server;
  /** Starts listening; resolves with the URL to open. */
  listen(port: number, host: string): Promise<URL>;
  /** Stops accepting, lets requests in flight finish for `graceMs`, then cuts what is left. */
  close(graceMs?: number): Promise<void>;
}

// Generous for a page load, short enough that a stalled client cannot hold a socket for long.
// requestTimeout bounds receiving a request (not the response), so long API work is unaffected.
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 60_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const MAX_HEADER_BYTES = 16 * 1024;

export function createAppServer(options: AppServerOptions): AppServer {
  const serveStatic = createStaticFiles(options.clientDir);
  const upgraded = new Set<Duplex>();

  const server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      maxHeaderSize: MAX_HEADER_BYTES,
    },
    (req, res) => void handle(req, res),
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applySecurityHeaders(res);
    try {
      if (await serveStatic(req, res)) return;
      await options.handler(req, res);
    } catch (err) {
      console.error(`Could not answer ${req.method} ${req.url}:`, err);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal server error\n');
      } else {
        res.destroy();
      }
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    // A peer that resets mid-handshake must not crash the server.
    socket.on('error', () => socket.destroy());
    if (options.onUpgrade?.(req, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(new URL(`http://${hostInUrl}:${address.port}/`));
        });
      });
    },
    close(graceMs = 5_000) {
      return new Promise((resolve) => {
        // close() drops only the keep-alive connections idle at that instant; one whose response is
        // still finishing would stay open until the client lets go, so sweep again while draining.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => {
          server.closeAllConnections();
          for (const socket of upgraded) socket.destroy();
        }, graceMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          resolve();
        });
      });
    },
  };
}
