import { join } from 'node:path';
import type { LabId } from '../../shared/lab.ts';
import type { Snapshot } from '../../shared/snapshot.ts';
import { DATA_FILES, dataDirFromEnv } from './data-dir.ts';
import { openDatabase } from './open-db.ts';
import { createProgressStore, type ProgressStore } from './progress-store.ts';

/**
 * The process's one progress store, opened (and the database created) on first use. Kept on
 * globalThis under a registered symbol: under `astro dev` and in the built server, pages and API
 * routes can load this module twice, and two connections would mean two writers.
 */
const KEY = Symbol.for('k8s-labs.progress-store');
type Slot = Record<symbol, ProgressStore | undefined>;

export interface StoreLocation {
  env: Record<string, string | undefined>;
  cwd: string;
}

export function databasePath(where: StoreLocation): string {
  return join(dataDirFromEnv(where.env, where.cwd), DATA_FILES.database);
}

export function progressStore(where: StoreLocation = { env: process.env, cwd: process.cwd() }): ProgressStore {
  const slot = globalThis as unknown as Slot;
  return (slot[KEY] ??= createProgressStore(openDatabase(databasePath(where))));
}

/** Closes the store (server shutdown, tests); the next progressStore() opens it again. */
export function closeProgressStore(): void {
  const slot = globalThis as unknown as Slot;
  slot[KEY]?.close();
  slot[KEY] = undefined;
}

/**
 * The learner's latest graded snapshot of `lab` (any lab when omitted), for answers checked against
 * their own cluster (quiz questions of kind `cluster`). Undefined until "check my work" ran once.
 */
export function getLatestSnapshot(lab?: LabId): Snapshot | undefined {
  return progressStore().latestSnapshot(lab);
}
