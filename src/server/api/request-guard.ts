/**
 * The edge of every state-changing API route (W2 CSRF, DNS rebinding):
 * - the Origin header must be exactly one of the site's origins: the address the browser used
 *   when it is a loopback one (127.x, localhost, [::1]), or one listed in PUBLIC_ORIGIN. A page on
 *   another site, or on a rebinding name that resolves to 127.0.0.1, sends its own origin and is refused;
 * - a request without Origin is refused too (every caller is our own page in a browser);
 * - without PUBLIC_ORIGIN, only this PC may change anything: the site has no login, and these
 *   routes write the hosts config and run kubectl on the learner's VM.
 * Bodies must be JSON (so a cross-site form or `text/plain` fetch cannot even be sent without a
 * CORS preflight, which we never answer) and are read with a byte cap (json-body.ts).
 */

export interface GuardInput {
  request: Request;
  url: URL;
  clientAddress: string | undefined;
  env: Record<string, string | undefined>;
}

export function isLoopbackName(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** PUBLIC_ORIGIN: comma-separated exact origins (`https://labs.example.edu`); malformed entries are ignored. */
export function publicOrigins(env: Record<string, string | undefined>): string[] {
  const raw = env['PUBLIC_ORIGIN'];
  if (!raw) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => {
      try {
        return new URL(s).origin === s.replace(/\/$/, '');
      } catch {
        return false;
      }
    })
    .map((s) => s.replace(/\/$/, ''));
}

/** Returns the reason to refuse a state-changing request, or undefined to let it through. */
export function refuseStateChange(input: GuardInput): string | undefined {
  const listed = publicOrigins(input.env);
  if (listed.length === 0 && input.clientAddress !== undefined && !isLoopbackName(input.clientAddress)) {
    return `requests from ${input.clientAddress} may not change anything: set PUBLIC_ORIGIN to serve other machines`;
  }
  const origin = input.request.headers.get('origin');
  if (origin === null || origin === 'null') return 'the request has no Origin header';
  const own = input.url.origin;
  const allowed = listed.includes(origin) || (origin === own && isLoopbackName(input.url.hostname));
  if (!allowed) return `origin ${JSON.stringify(origin)} is not this site`;
  const site = input.request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return `Sec-Fetch-Site is ${JSON.stringify(site)}`;
  return undefined;
}
