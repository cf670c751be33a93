import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TERMINAL_WS_PATH } from '../../shared/terminal-protocol.ts';
import { readCookie, tokenMatches } from './session-token.ts';

/**
 * The upgrade gate: decides from the HTTP upgrade request alone, before any SSH connection,
 * whether a WebSocket may open. Checked in this order, so a cross-origin page learns nothing
 * about tokens or host names: Origin (exact match; missing and `null` refused), Host header (one
 * of the site's own, against DNS rebinding), the session token cookie, then the host name, which
 * must be a configured one. Nothing else in the URL is read: no address, port or user.
 */
export interface GateConfig {
  /** The site's own origins, exact strings like `http://127.0.0.1:4321`. */
  origins: () => readonly string[];
  /** Returns the learner id for a request carrying a valid session, or null. */
  authenticate: (req: IncomingMessage) => string | null;
  /** Config names of the hosts a terminal may open. */
  hostNames: ReadonlySet<string>;
}

export type GateResult = { ok: true; learner: string; host: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export function isTerminalPath(url: string | undefined): boolean {
  if (!url) return false;
  const q = url.indexOf('?');
  return (q < 0 ? url : url.slice(0, q)) === TERMINAL_WS_PATH;
}

export function checkUpgrade(req: IncomingMessage, cfg: GateConfig): GateResult {
  const origins = cfg.origins();
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null' || !origins.includes(origin)) {
    return { ok: false, status: 403, reason: `origin ${JSON.stringify(origin ?? null)} is not this site` };
  }
  const hostHeader = (req.headers.host ?? '').toLowerCase();
  if (!origins.some((o) => new URL(o).host === hostHeader)) {
    return { ok: false, status: 403, reason: `host header ${JSON.stringify(hostHeader)} is not this site` };
  }
  const learner = cfg.authenticate(req);
  if (learner === null) return { ok: false, status: 403, reason: 'missing or wrong session token' };
  const params = new URL(req.url ?? '/', 'http://x').searchParams;
  const host = params.get('host');
  if (host === null || !HOST_NAME.test(host)) return { ok: false, status: 400, reason: 'no valid host name in the URL' };
  if (!cfg.hostNames.has(host)) return { ok: false, status: 404, reason: `no configured host named ${JSON.stringify(host)}` };
  return { ok: true, learner, host };
}

/** Local mode: one learner, identified by the process's token in the terminal cookie. */
export function localTokenAuth(token: string): (req: IncomingMessage) => string | null {
  return (req) => (tokenMatches(readCookie(req.headers.cookie), token) ? 'local' : null);
}

/**
 * The origins of a server bound to a loopback address: the same port under 127.0.0.1, localhost
 * and [::1]. A server bound elsewhere must be given its public origin (`PUBLIC_ORIGIN`).
 */
export function loopbackOrigins(address: AddressInfo | string | null): string[] {
  if (!address || typeof address === 'string') return [];
  const p = address.port;
  return [`http://127.0.0.1:${p}`, `http://localhost:${p}`, `http://[::1]:${p}`];
}
