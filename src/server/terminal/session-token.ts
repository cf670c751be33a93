import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { TERMINAL_COOKIE, TERMINAL_WS_PATH } from '../../shared/terminal-protocol.ts';

/**
 * The local-mode session token: 256 random bits created once per server process. The page that
 * shows a terminal puts it in an HttpOnly, SameSite=Strict cookie scoped to the WebSocket path,
 * and the upgrade requires it. Script on the page cannot read it, a cross-site page cannot make
 * the browser send it, and it never appears in a URL.
 *
 * Kept on globalThis because in `astro dev` the page (loaded through Vite's module runner) and the
 * upgrade handler (loaded by Node for the integration) are two instances of this module.
 */
const KEY = Symbol.for('k8s-labs.terminal.session-token');

export function terminalToken(): string {
  const g = globalThis as unknown as Record<symbol, string | undefined>;
  let token = g[KEY];
  if (!token) {
    token = randomBytes(32).toString('base64url');
    g[KEY] = token;
  }
  return token;
}

/** Constant-time comparison (both sides hashed first so their lengths are equal). */
export function tokenMatches(candidate: string | undefined, expected: string): boolean {
  if (!candidate) return false;
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Cookie options for Astro's `Astro.cookies.set(TERMINAL_COOKIE, terminalToken(), …)`. */
export function terminalCookieOptions(url: URL) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: TERMINAL_WS_PATH,
    // Secure whenever the page itself came over TLS (hosted behind a proxy); plain http on 127.0.0.1 otherwise.
    secure: url.protocol === 'https:',
  };
}

/** Reads one cookie from a Cookie header without a dependency (first occurrence wins). */
export function readCookie(header: string | undefined, name: string = TERMINAL_COOKIE): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
