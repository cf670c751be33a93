import type { z } from 'zod';

/** A request the route refuses, with the status to answer. */
export class BadRequest extends Error {
  override name = 'BadRequest';
  readonly status: number;
  constructor(status: 400 | 403 | 413 | 415 | 422, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Reads a JSON body of at most `maxBytes`: refused early when Content-Length says more, and cut
 * off while streaming when a body without one grows past it (the adapter's own limit is 1 GB).
 */
export async function readJson<T>(request: Request, schema: z.ZodType<T>, maxBytes: number): Promise<T> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new BadRequest(415, 'send Content-Type: application/json');
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BadRequest(413, `the body is larger than ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new BadRequest(413, `the body is larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest(400, 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new BadRequest(400, `${first?.path.join('.') || '(body)'}: ${first?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
