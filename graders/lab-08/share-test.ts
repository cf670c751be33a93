import { z } from 'zod';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import type { Evidence } from '../../src/shared/report.ts';

/**
 * Reading `pvc.share-test`, lab-08's active check (docs/probes.md): on exit 0 one JSON line with
 * the pods used, the marker path and what happened; otherwise a `k8s-labs: pvc.share-test: …`
 * reason on stderr and an exit code that says why it could not run.
 */
export const SHARE_PROBE = 'pvc.share-test';

/** The JSON line. Names are optional so that a future collector may drop one without breaking grading. */
export const ShareTestResult = z.looseObject({
  writer: z.string(),
  reader: z.string(),
  path: z.string(),
  written: z.boolean(),
  seen: z.boolean(),
  cleaned: z.boolean(),
  namespace: z.string().optional(),
  claim: z.string().optional(),
  container: z.string().optional(),
  writerNode: z.string().optional(),
  readerNode: z.string().optional(),
});
export type ShareTestResult = z.infer<typeof ShareTestResult>;

/** Exit codes of the probe when it could not run (kubectl's own code when kubectl failed). */
export const SHARE_EXIT = { unexpected: 3, fewerPods: 4, noClaimMount: 5, noExec: 6 } as const;

export type ShareOutcome =
  | { kind: 'ran'; result: ShareTestResult; evidence: Evidence }
  /** Exit 5, the sampled pod has no PVC volume: the exercise is not (yet) in that pod. */
  | { kind: 'no-claim-volume'; reason: string; evidence: Evidence }
  /** Exit 5, the PVC is mounted but no container mounts it read-write. */
  | { kind: 'read-only'; reason: string; evidence: Evidence }
  | { kind: 'could-not-run'; exitCode: number | null; timedOut: boolean; reason: string; evidence: Evidence };

/** The probe's reason line without its `k8s-labs: pvc.share-test: ` prefix (the last non-empty stderr line). */
function reasonOf(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const own = lines.filter((l) => l.startsWith('k8s-labs:')).pop() ?? lines.pop() ?? '';
  return own.replace(/^k8s-labs:\s*(pvc\.share-test:\s*)?/, '');
}

/**
 * What the active check found. Throws CannotLook (→ `error`) when the probe was not collected
 * (snapshots from before it existed) or printed something other than its JSON line on exit 0.
 */
export function readShareTest(view: SnapshotView): ShareOutcome {
  const raw = view.raw('master', SHARE_PROBE);
  if (raw === undefined || (raw.exitCode === 0 && raw.timedOut !== true)) {
    const result = view.json('master', SHARE_PROBE, ShareTestResult);
    return { kind: 'ran', result, evidence: view.evidence('master', SHARE_PROBE) };
  }
  const reason = reasonOf(raw.stderr);
  const evidence = view.evidence('master', SHARE_PROBE, raw.stderr || raw.stdout);
  if (raw.exitCode === SHARE_EXIT.noClaimMount && raw.timedOut !== true) {
    // The probe's two exit-5 reasons (share-test-probe.ts): "has no persistentVolumeClaim volume" and
    // "no container of Pod … mounts its PVC volume … read-write".
    return /read-write/i.test(reason) ? { kind: 'read-only', reason, evidence } : { kind: 'no-claim-volume', reason, evidence };
  }
  return { kind: 'could-not-run', exitCode: raw.exitCode, timedOut: raw.timedOut === true, reason, evidence };
}

/** The result when the test ran and showed a file crossing from one node to another; undefined otherwise (never throws). */
export function sharedAcrossNodes(view: SnapshotView): ShareTestResult | undefined {
  const raw = view.raw('master', SHARE_PROBE);
  if (raw === undefined || raw.exitCode !== 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw.stdout);
  } catch {
    return undefined;
  }
  const parsed = ShareTestResult.safeParse(value);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  return r.written && r.seen && r.writerNode !== undefined && r.readerNode !== undefined && r.writerNode !== r.readerNode ? r : undefined;
}
