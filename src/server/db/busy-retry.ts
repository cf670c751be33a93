/** SQLite's "database is locked" (SQLITE_BUSY = 5, SQLITE_LOCKED = 6) as node:sqlite reports it. */
export function isBusy(err: unknown): boolean {
  const e = err as { code?: unknown; errcode?: unknown };
  return e?.code === 'ERR_SQLITE_ERROR' && (e.errcode === 5 || e.errcode === 6);
}

export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
}

/**
 * Runs `fn` (one short transaction) and, while another process holds the write lock, tries again
 * after a pause that does not block the event loop. Gives up after `totalMs` with DatabaseBusyError,
 * which routes answer with 503 and a retry hint.
 */
export async function withBusyRetry<T>(fn: () => T, totalMs = 10_000): Promise<T> {
  const deadline = Date.now() + totalMs;
  for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (Date.now() + pause > deadline) {
        throw new DatabaseBusyError(
          'The progress database is locked by another program (a backup or a second server?). Try again in a moment.',
          { cause: err },
        );
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
