import { parse } from 'yaml';
import { answerSheetBlocks } from '../../../tests/shared-fixtures.ts';
import type { Obj } from './obj.ts';

/**
 * The answer sheet's manifests (Q4 pod1, Q7 deployment1, Q9 service1, Q12 deployment1 + hpa1),
 * the canonical solutions every grader must accept. Read from ../shared in place (tests skip
 * with `sharedSkip` when it is absent).
 */
export interface CanonicalManifests {
  pod1: Obj;
  deployment1: Obj;
  service1: Obj;
  deployment1Hpa: Obj;
  hpa1: Obj;
}

let cached: CanonicalManifests | undefined;

/** The manifests, parsed once; each call returns a fresh copy so tests can mutate them. */
export function canonical(): CanonicalManifests {
  cached ??= parseSheet();
  return structuredClone(cached);
}

function parseSheet(): CanonicalManifests {
  const docs = answerSheetBlocks('yaml').map((b) => parse(b) as Obj);
  const byKind = (kind: string) => docs.filter((d) => d['kind'] === kind);
  const [deployQ7, deployQ12] = byKind('Deployment');
  const [pod1] = byKind('Pod');
  const [service1] = byKind('Service');
  const [hpa1] = byKind('HorizontalPodAutoscaler');
  if (!deployQ7 || !deployQ12 || !pod1 || !service1 || !hpa1) throw new Error('the answer sheet lacks one of the Q4/Q7/Q9/Q12 manifests');
  return { pod1, deployment1: deployQ7, service1, deployment1Hpa: deployQ12, hpa1 };
}

/** A deep copy, so a test can mutate a manifest into a failing variant. */
export const clone = <T>(v: T): T => structuredClone(v);
