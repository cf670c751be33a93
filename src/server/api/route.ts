import type { APIContext, APIRoute } from 'astro';
import { DatabaseBusyError } from '../db/busy-retry.ts';
import { BadRequest } from './json-body.ts';
import { json, problem } from './json-response.ts';
import { refuseStateChange } from './request-guard.ts';

type Handler = (ctx: APIContext) => Promise<Response> | Response;

function clientAddress(ctx: APIContext): string | undefined {
  try {
    return ctx.clientAddress;
  } catch {
    // Prerendering has no client; routes here are on demand, but never let this throw.
    return undefined;
  }
}

/** The one try/catch of an API route: refusals become their status, anything else a logged 500. */
async function guarded(ctx: APIContext, handler: Handler): Promise<Response> {
  try {
    return await handler(ctx);
  } catch (err) {
    if (err instanceof BadRequest) return problem(err.status, err.message);
    if (err instanceof DatabaseBusyError) {
      const res = problem(503, err.message);
      res.headers.set('Retry-After', '5');
      return res;
    }
    console.error(`${ctx.request.method} ${ctx.url.pathname} failed:`, err);
    return problem(500, 'internal error; the server log has the details');
  }
}

/** A route that changes state (POST/PUT): Origin and client checks first (request-guard.ts). */
export function stateChanging(handler: Handler): APIRoute {
  return (ctx) => {
    const refusal = refuseStateChange({ request: ctx.request, url: ctx.url, clientAddress: clientAddress(ctx), env: process.env });
    if (refusal) return json(403, { state: 'error', message: `refused: ${refusal}` });
    return guarded(ctx, handler);
  };
}

/** A read-only route (GET): never changes anything, so it needs no Origin. */
export function reading(handler: Handler): APIRoute {
  return (ctx) => guarded(ctx, handler);
}
