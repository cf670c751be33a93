import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseBusyError, isBusy, withBusyRetry } from './busy-retry.ts';

const busy = Object.assign(new Error('database is locked'), { code: 'ERR_SQLITE_ERROR', errcode: 5 });

test('retries while busy, then returns the result', async () => {
  let calls = 0;
  const value = await withBusyRetry(() => {
    if (++calls < 3) throw busy;
    return 'done';
  });
  assert.deepEqual([value, calls], ['done', 3]);
});

test('gives up with DatabaseBusyError after the deadline; other errors pass through at once', async () => {
  const started = Date.now();
  await assert.rejects(
    withBusyRetry(() => {
      throw busy;
    }, 300),
    (err: unknown) => err instanceof DatabaseBusyError && /locked by another program/.test(err.message),
  );
  assert.ok(Date.now() - started < 2_000);
  let calls = 0;
  await assert.rejects(
    withBusyRetry(() => {
      calls++;
      throw new Error('no such table');
    }),
    /no such table/,
  );
  assert.equal(calls, 1);
  assert.ok(isBusy(busy) && !isBusy(new Error('x')) && !isBusy(undefined));
});
