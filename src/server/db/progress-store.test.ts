import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isBusy } from './busy-retry.ts';
import { migrate, openDatabase } from './open-db.ts';
import { MIGRATIONS } from './migrations.ts';
import { createProgressStore, KEEP_SNAPSHOTS_PER_LAB, type ProgressStore } from './progress-store.ts';
import { graded } from './test-reports.ts';

function withStore(run: (store: ProgressStore, path: string) => Promise<void> | void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-db-'));
  const path = join(dir, 'data', 'progress.sqlite');
  const store = createProgressStore(openDatabase(path));
  return Promise.resolve(run(store, path)).finally(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

test('first start creates the database (WAL, owner-only) at the latest schema version', () =>
  withStore((_store, path) => {
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(path, '..')).mode & 0o777, 0o700);
    const db = new DatabaseSync(path);
    assert.deepEqual({ ...(db.prepare('PRAGMA journal_mode').get() as object) }, { journal_mode: 'wal' });
    assert.deepEqual({ ...(db.prepare('PRAGMA user_version').get() as object) }, { user_version: MIGRATIONS.length });
    assert.deepEqual({ ...(db.prepare('PRAGMA auto_vacuum').get() as object) }, { auto_vacuum: 2 });
    db.close();
  }));

test('reopening runs no migration twice; a newer database is refused with a clear message', () =>
  withStore((store, path) => {
    store.close();
    const again = openDatabase(path);
    migrate(again);
    again.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    again.close();
    assert.throws(() => openDatabase(path), /schema version \d+, newer than this program knows/);
    const fix = new DatabaseSync(path);
    fix.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
    fix.close();
    createProgressStore(openDatabase(path)).close();
  }));

test('attempts are stored with both reports and the snapshot; the latest is read back in either language', () =>
  withStore(async (store) => {
    const first = await store.recordAttempt(graded('lab-10', ['passed', 'failed']));
    assert.equal(first.attempt.status, 'failed');
    assert.equal(first.attempt.score, 2);
    assert.equal(first.improved, true);
    const detail = store.latestAttempt('lab-10', 'en');
    assert.equal(detail?.report?.lang, 'en');
    assert.equal(detail?.report?.checks[1]?.message, 'en message 1');
    assert.equal(store.latestAttempt('lab-10', 'zh')?.report?.checks[0]?.title, 'zh check 0');
    assert.equal(store.latestSnapshot('lab-10')?.hosts['master']?.probes['host.hostname']?.stdout, 'ubuntu\n');
    assert.equal(store.latestSnapshot('lab-04'), undefined);
    assert.equal(store.latestAttempt('lab-04', 'zh'), undefined);
  }));

test('the best result keeps the highest score, prefers passed, and ignores attempts that could not collect', () =>
  withStore(async (store) => {
    await store.recordAttempt(graded('lab-07', ['passed', 'failed', 'failed']));
    const better = await store.recordAttempt(graded('lab-07', ['passed', 'passed', 'failed']));
    assert.equal(better.improved, true);
    const worse = await store.recordAttempt(graded('lab-07', ['failed', 'failed', 'error']));
    assert.equal(worse.improved, false);
    assert.equal(worse.attempt.status, 'failed');
    const lost = await store.recordAttempt({
      lab: 'lab-07',
      startedAt: new Date(),
      finishedAt: new Date(),
      trigger: 'auto',
      outcome: { kind: 'not-collected', failures: [{ host: 'master', kind: 'auth', detail: { zh: '密码错误', en: 'wrong password' } }] },
    });
    assert.equal(lost.attempt.status, 'not-collected');
    assert.equal(lost.best?.attemptId, better.attempt.id);
    assert.deepEqual(store.latestAttempt('lab-07', 'en')?.failures, [
      { host: 'master', kind: 'auth', detail: { zh: '密码错误', en: 'wrong password' } },
    ]);
    const incomplete = await store.recordAttempt(graded('lab-07', ['passed', 'passed', 'pending']));
    assert.equal(incomplete.attempt.status, 'incomplete');
    assert.equal(incomplete.improved, false, 'same score, not passed: the earlier best stays');
    const passed = await store.recordAttempt(graded('lab-07', ['passed', 'passed', 'passed']));
    assert.equal(passed.attempt.status, 'passed');
    assert.deepEqual(
      store.bestResults().map((b) => ({ lab: b.lab, score: b.score, maxScore: b.maxScore, passed: b.passed, id: b.attemptId })),
      [{ lab: 'lab-07', score: 6, maxScore: 6, passed: true, id: passed.attempt.id }],
    );
    assert.deepEqual(
      store.attempts('lab-07').map((a) => a.status),
      ['passed', 'incomplete', 'not-collected', 'failed', 'failed', 'failed'],
    );
  }));

test('old snapshots are pruned, except the best attempt’s; reports stay', () =>
  withStore(async (store, path) => {
    const best = await store.recordAttempt(graded('lab-09', ['passed', 'passed'], 'best-one'));
    for (let i = 0; i < KEEP_SNAPSHOTS_PER_LAB + 5; i++) await store.recordAttempt(graded('lab-09', ['failed', 'failed'], `try-${i}`));
    const db = new DatabaseSync(path);
    const kept = db.prepare('SELECT id FROM attempts WHERE lab = ? AND snapshot_gz IS NOT NULL ORDER BY id').all('lab-09') as {
      id: number;
    }[];
    assert.equal(kept.length, KEEP_SNAPSHOTS_PER_LAB + 1);
    assert.equal(kept[0]?.id, best.attempt.id);
    const reports = db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE lab = ? AND report_json IS NOT NULL').get('lab-09') as {
      n: number;
    };
    assert.equal(reports.n, KEEP_SNAPSHOTS_PER_LAB + 6);
    db.close();
    assert.equal(store.latestSnapshot('lab-09')?.hosts['master']?.probes['host.hostname']?.stdout, `try-${KEEP_SNAPSHOTS_PER_LAB + 4}\n`);
  }));

test('input never becomes SQL: a hostile lab id is refused by the schema, not executed', () =>
  withStore(async (store) => {
    await assert.rejects(store.recordAttempt(graded("lab-10'); DROP TABLE attempts; --", ['passed'])), /CHECK constraint failed/);
    await store.recordAttempt(graded('lab-10', ['passed']));
    assert.equal(store.attempts('lab-10').length, 1);
  }));

test('a write waits (without blocking the event loop) while another process holds the lock, then succeeds', () =>
  withStore(async (store, path) => {
    // A second process takes the write lock for 1.5 s, as a backup tool or a second server would.
    const script = `const {DatabaseSync}=require('node:sqlite');const db=new DatabaseSync(${JSON.stringify(path)});db.exec('BEGIN IMMEDIATE');console.log('locked');setTimeout(()=>{db.exec('COMMIT');db.close()},1500)`;
    const proc = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    const started = Date.now();
    const result = await store.recordAttempt(graded('lab-01', ['passed']));
    clearInterval(timer);
    assert.ok(Date.now() - started >= 1_000, 'it waited for the lock');
    assert.ok(ticks >= 10, `the event loop kept running while waiting (${ticks} ticks)`);
    assert.equal(result.attempt.lab, 'lab-01');
    await exited;
    const direct = new DatabaseSync(path, { timeout: 0 });
    direct.exec('BEGIN IMMEDIATE');
    try {
      new DatabaseSync(path, { timeout: 0 }).exec('BEGIN IMMEDIATE');
      assert.fail('a second writer got the lock');
    } catch (err) {
      assert.ok(isBusy(err));
    }
    direct.exec('ROLLBACK');
    direct.close();
  }));
