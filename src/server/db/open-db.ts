import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';

/**
 * node:sqlite is synchronous: while SQLite waits for a lock the whole event loop waits with it
 * (every terminal freezes). So the driver's own busy wait is short, and callers that write retry
 * asynchronously (see busy-retry.ts) instead of blocking for seconds.
 */
export const SYNC_BUSY_TIMEOUT_MS = 250;

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/**
 * Opens (creating on first start) the progress database: WAL so readers never block the one
 * writer, synchronous=FULL because a grade is written once per check and must survive a power cut,
 * foreign keys on, incremental auto-vacuum so pruned snapshots give their space back.
 */
export function openDatabase(path: string): DatabaseSync {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { timeout: SYNC_BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  } catch (err) {
    throw new DatabaseOpenError(
      `Cannot open the progress database ${path}: ${(err as Error).message}. Check that the folder is writable, or set K8S_LABS_DATA to another folder.`,
      { cause: err },
    );
  }
  try {
    // Snapshots name hosts and addresses: the file is for this user only.
    chmodSync(path, 0o600);
    // auto_vacuum only takes effect before the first table exists, i.e. on a new file.
    if (userVersion(db) === 0) db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    migrate(db);
  } catch (err) {
    db.close();
    if (err instanceof DatabaseOpenError) throw err;
    throw new DatabaseOpenError(`Cannot prepare the progress database ${path}: ${(err as Error).message}`, { cause: err });
  }
  return db;
}

function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/** Runs the migrations this file has not seen, each in its own transaction with its version bump. */
export function migrate(db: DatabaseSync): void {
  const current = userVersion(db);
  if (current > MIGRATIONS.length) {
    throw new DatabaseOpenError(
      `The progress database is at schema version ${current}, newer than this program knows (${MIGRATIONS.length}). Update k8s-labs, or point K8S_LABS_DATA at another folder.`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[v] ?? '');
      // PRAGMA takes no parameters; v is a loop counter, never input.
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
}
