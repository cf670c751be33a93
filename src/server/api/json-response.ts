/** A JSON answer that no cache keeps (it may name hosts, addresses and results). */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export function problem(status: number, message: string): Response {
  return json(status, { state: 'error', message });
}
