import { TERMINAL_COOKIE } from '../../shared/terminal-protocol.ts';
import { terminalHostsForPage } from './page-hosts.ts';
import { prewarmTerminal } from './prewarm.ts';
import { terminalCookieOptions, terminalToken } from './session-token.ts';

/** The parts of Astro's page context this uses (kept structural so it is testable). */
export interface TerminalPageContext {
  url: URL;
  request: { headers: Headers };
  cookies: { set(name: string, value: string, options: ReturnType<typeof terminalCookieOptions>): void };
  response: { headers: Headers };
  csp?: { insertStyleResource(payload: { resource: string; kind: 'element' }): void } | undefined;
}

/**
 * Call from the frontmatter of every on-demand page that shows a terminal (`prerender = false`):
 * - sets the session token cookie the WebSocket upgrade requires (HttpOnly, SameSite=Strict);
 * - `Cache-Control: no-store`, so no cache ever holds a response that carried the token;
 * - allows `<style>` elements on this page: xterm.js writes its cell-size and theme rules into
 *   `<style>` elements at run time, which a hash-only `style-src` blocks. Scripts stay hash-only.
 */
export function prepareTerminalPage(ctx: TerminalPageContext): void {
  // Start connecting to the first host while the page loads (prewarm.ts), for a navigation the
  // learner made here: Fetch Metadata says `same-origin` (a link on this site, a reload) or `none`
  // (typed, a bookmark). A cross-site navigation, or a browser that sends no such header, gets no
  // warm-up, so another site cannot make the server log in to the learner's VM.
  if (isOwnNavigation(ctx.request.headers)) {
    const page = terminalHostsForPage();
    const first = 'hosts' in page ? page.hosts[0] : undefined;
    if (first) prewarmTerminal(first.name);
  }
  ctx.cookies.set(TERMINAL_COOKIE, terminalToken(), terminalCookieOptions(ctx.url));
  ctx.response.headers.set('Cache-Control', 'no-store');
  // Setting a style-src-elem resource replaces Astro's default for it, so 'self' (the bundled
  // stylesheets) must be listed again beside 'unsafe-inline'.
  ctx.csp?.insertStyleResource({ resource: "'self'", kind: 'element' });
  ctx.csp?.insertStyleResource({ resource: "'unsafe-inline'", kind: 'element' });
}

/** A top-level navigation from this site or from the learner's own hands (Fetch Metadata). */
export function isOwnNavigation(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  return headers.get('sec-fetch-mode') === 'navigate' && (site === 'same-origin' || site === 'none');
}
