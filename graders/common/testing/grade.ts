import { runGrader, type Grader } from '../../../src/grading/grader.ts';
import type { CheckResult } from '../../../src/shared/report.ts';
import type { Snapshot } from '../../../src/shared/snapshot.ts';
import { CheckResult as CheckResultSchema } from '../../../src/shared/report.ts';

/** Runs a grader and returns its results by check id; every result is validated against the report schema. */
export function gradeById(grader: Grader, snapshot: Snapshot): Record<string, CheckResult> {
  const out: Record<string, CheckResult> = {};
  for (const r of runGrader(grader, snapshot)) {
    CheckResultSchema.parse(r);
    out[r.id] = r;
  }
  return out;
}

/** The result of one check, failing the test when the grader has no such check. */
export function check(results: Record<string, CheckResult>, id: string): CheckResult {
  const r = results[id];
  if (r === undefined) throw new Error(`no check ${id}; checks: ${Object.keys(results).join(', ')}`);
  return r;
}

/** Both languages of a result's message (and hint), for substring assertions. */
export const text = (r: CheckResult): string => `${r.message.en}\n${r.message.zh}\n${r.hint?.en ?? ''}\n${r.hint?.zh ?? ''}`;

/**
 * Runs a grader over a snapshot whose probe tables record every probe name read, and returns
 * the names per role. Tests compare them with the lab's lab.yaml, so a grader never depends on a
 * probe the collector was not told to run.
 */
export function probesRead(grader: Grader, snapshot: Snapshot): { master: Set<string>; worker: Set<string> } {
  const seen = { master: new Set<string>(), worker: new Set<string>() };
  const hosts: Snapshot['hosts'] = {};
  for (const [key, host] of Object.entries(snapshot.hosts)) {
    const names = seen[host.role];
    const probes = new Proxy(host.probes, {
      get(target, prop, receiver) {
        if (typeof prop === 'string') names.add(prop);
        return Reflect.get(target, prop, receiver);
      },
    });
    hosts[key] = { ...host, probes };
  }
  runGrader(grader, { ...snapshot, hosts });
  return seen;
}
