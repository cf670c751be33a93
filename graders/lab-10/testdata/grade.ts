import assert from 'node:assert/strict';
import { runGrader } from '../../../src/grading/grader.ts';
import type { CheckResult } from '../../../src/shared/report.ts';
import { answerSheetIptablesDump } from '../../../tests/shared-fixtures.ts';
import { makeSnapshot, type ProbeInput } from '../../../tests/snapshot-builder.ts';
import { grader } from '../grader.ts';
import { masterProbes } from './cluster.ts';

/** Grading helpers for lab-10 tests. */

export type Probes = Record<string, ProbeInput | object>;
export const IDS = ['proxy-mode', 'service-jumps', 'load-balancing', 'dnat-endpoints'];

export function grade(
  dump: ProbeInput,
  over: Parameters<typeof masterProbes>[0] = {},
  edit: (p: Probes) => void = () => {},
): Record<string, CheckResult> {
  const probes: Probes = { ...masterProbes(over), 'iptables.save': dump };
  edit(probes);
  const results = runGrader(grader, makeSnapshot({ master: probes, worker: {} }));
  assert.deepEqual(
    results.map((r) => r.id),
    IDS,
  );
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

/** Replaces exactly one occurrence of `from` in the answer sheet dump. */
export function edited(...pairs: [string, string][]): string {
  let text = answerSheetIptablesDump();
  for (const [from, to] of pairs) {
    assert.equal(text.split(from).length, 2, `"${from}" occurs once`);
    text = text.replace(from, to);
  }
  return text;
}

export const statuses = (r: Record<string, CheckResult>) => IDS.map((id) => r[id]?.status);
export const en = (c: CheckResult | undefined) => c?.message.en ?? '';
