import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * The server's own Content-Security-Policy. Script and style sources are Astro's job: it hashes what
 * it inlines into a <meta> (prerendered pages) or a header (rendered pages), see astro.config.mjs.
 * This policy carries what a <meta> cannot (frame-ancestors) and must never restrict scripts or
 * styles, because every policy sent is enforced and a header has no way to know a page's hashes.
 */
export const SERVER_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

/** Headers on every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': SERVER_CSP,
  'X-Content-Type-Options': 'nosniff',
  // The site runs on the learner's PC and links nowhere that needs to know where a reader came from.
  'Referrer-Policy': 'no-referrer',
  // For browsers that ignore frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Sets the security headers on `res`, and keeps the server's CSP when a handler sends its own:
 * Node's writeHead(status, headers) replaces a header set earlier, so it is wrapped to send both
 * policies as separate header lines (browsers enforce each).
 */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const args = rest.map((arg) => (isHeaderObject(arg) ? withoutCsp(arg, this) : arg));
    return (writeHead as (code: number, ...more: unknown[]) => ServerResponse).call(this, statusCode, ...args);
  } as ServerResponse['writeHead'];
}

function isHeaderObject(arg: unknown): arg is OutgoingHttpHeaders {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg);
}

/** Moves a CSP found in writeHead's headers onto `res`, beside the server's own. */
function withoutCsp(headers: OutgoingHttpHeaders, res: ServerResponse): OutgoingHttpHeaders {
  const key = Object.keys(headers).find((name) => name.toLowerCase() === 'content-security-policy');
  if (key === undefined) return headers;
  const { [key]: theirs, ...rest } = headers;
  const policies = new Set([...asList(res.getHeader('content-security-policy')), ...asList(theirs), SERVER_CSP]);
  res.setHeader('Content-Security-Policy', [...policies]);
  return rest;
}

function asList(value: OutgoingHttpHeader | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}
