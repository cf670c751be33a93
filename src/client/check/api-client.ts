/**
 * fetch() for the site's JSON API: same origin (so the browser sends Origin, which the server
 * checks on every POST/PUT), JSON in and out, no cache. A network failure is reported as
 * `undefined` so each caller shows its own "server not reachable" text.
 */
export async function callApi<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; data: T } | undefined> {
  try {
    const init: RequestInit = { method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    }
    if (signal) init.signal = signal;
    const res = await fetch(path, init);
    return { status: res.status, data: (await res.json()) as T };
  } catch {
    return undefined;
  }
}
