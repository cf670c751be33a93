import type { z } from 'zod';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { CannotLook, excerpt } from '../../src/grading/verdict.ts';
import type { Evidence } from '../../src/shared/report.ts';

/** The outcome of reading a probe that a check can live without (one of two sources, say). */
export type Attempt<T> = { ok: true; value: T } | { ok: false; why: CannotLook };

/** Like `view.json`, but returns the CannotLook instead of throwing it. */
export function tryJson<S extends z.ZodType>(view: SnapshotView, probe: string, schema: S): Attempt<z.infer<S>> {
  try {
    return { ok: true, value: view.json('master', probe, schema) };
  } catch (err) {
    if (err instanceof CannotLook) return { ok: false, why: err };
    throw err;
  }
}

/** Metadata keys that only bloat evidence. */
const NOISY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/**
 * Evidence made of one object from a list probe: the object as JSON, without managedFields and
 * the last-applied annotation, so the excerpt shows what was graded and nothing else.
 */
export function objectEvidence(probe: string, obj: unknown): Evidence {
  return { probe, host: 'master', excerpt: excerpt(JSON.stringify(obj, trimmer, 2)) };
}

function trimmer(key: string, value: unknown): unknown {
  if (key === 'managedFields') return undefined;
  if (key === 'annotations' && value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const k of NOISY_ANNOTATIONS) delete copy[k];
    return Object.keys(copy).length === 0 ? undefined : copy;
  }
  return value;
}

/** Evidence from several objects of the same probe, in one excerpt. */
export function objectsEvidence(probe: string, objs: readonly unknown[]): Evidence {
  return { probe, host: 'master', excerpt: excerpt(objs.map((o) => JSON.stringify(o, trimmer, 2)).join('\n---\n')) };
}
