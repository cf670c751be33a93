import { getLatestSnapshot as latestInStore } from '../server/db/store.ts';
import type { LabId } from '../shared/lab.ts';
import type { Snapshot } from '../shared/snapshot.ts';

/**
 * Where `cluster` quiz questions read the learner's cluster: the latest snapshot graded for a lab
 * by "check my work", from the progress database (src/server/db/store.ts). Undefined until the
 * learner checked that lab once, and then the quiz says "no snapshot yet: run Check my work first".
 *
 * Another deployment (a hosted instance with accounts, tests) registers its own reader with
 * `setSnapshotSource`. The source lives on globalThis: `npm start` loads src/server/main.ts and the
 * built site bundle as separate module instances, and both must see the same source.
 */
export type SnapshotSource = (lab: LabId) => Snapshot | undefined | Promise<Snapshot | undefined>;

const KEY = Symbol.for('k8s-labs.lessons.snapshot-source');
type Slot = Record<symbol, SnapshotSource | undefined>;

/** Registers (or, with undefined, removes) a reader that replaces the progress database. */
export function setSnapshotSource(source: SnapshotSource | undefined): void {
  (globalThis as unknown as Slot)[KEY] = source;
}

/** The latest snapshot graded for `lab`, or undefined when there is none. */
export async function getLatestSnapshot(lab: LabId): Promise<Snapshot | undefined> {
  const source = (globalThis as unknown as Slot)[KEY] ?? latestInStore;
  return await source(lab);
}
