import type { ProbeResult } from '../shared/snapshot.ts';
import type { ParsedRun, RawProbe } from './frame-parser.ts';

/** Why a probe has no frames of its own, in the words stored in its stderr. */
export interface MissingReason {
  /** The local deadline for the whole host passed. */
  hostTimedOut: boolean;
  /** Text for the stderr of probes without a result. */
  text: string;
}

/** A note the collector adds to a probe's stderr; prefixed so it is never mistaken for the tool's own words. */
const note = (text: string) => `k8s-labs: ${text}`;

function withNote(stderr: string, text: string): string {
  return stderr === '' || stderr.endsWith('\n') ? `${stderr}${note(text)}\n` : `${stderr}\n${note(text)}\n`;
}

/**
 * Turns one probe's frames into a snapshot result. A result without an exit status (lost, cut,
 * timed out, corrupt frames) always has `exitCode: null`: never success.
 */
export function toProbeResult(
  raw: RawProbe | undefined,
  limits: { probeTimeoutS: number; budgetS: number },
  missing: MissingReason,
): ProbeResult {
  if (raw === undefined) {
    const result: ProbeResult = { stdout: '', stderr: withNote('', missing.text), exitCode: null };
    if (missing.hostTimedOut) result.timedOut = true;
    return result;
  }
  const result: ProbeResult = { stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8'), exitCode: raw.rc, ms: raw.ms };
  if (raw.flags.includes('o') || raw.flags.includes('e')) result.truncated = true;
  if (raw.problem !== undefined) {
    result.exitCode = null;
    result.stderr = withNote(result.stderr, `the collector could not read this probe's result (${raw.problem})`);
  } else if (raw.flags.includes('s')) {
    result.exitCode = null;
    result.timedOut = true;
    result.stderr = note(`not started: the time budget of ${limits.budgetS} s for this host was used up by earlier probes\n`);
  } else if (raw.flags.includes('t')) {
    result.exitCode = null;
    result.timedOut = true;
    result.stderr = withNote(result.stderr, `stopped at its deadline (${limits.probeTimeoutS} s or the host's remaining budget)`);
  } else if (raw.rc === null) {
    result.stderr = withNote(result.stderr, 'the command ended without an exit status');
  }
  return result;
}

/** Results for every probe of a run, keyed by name (names are ours and match ProbeName). */
export function runResults(
  names: readonly string[],
  run: ParsedRun,
  limits: { probeTimeoutS: number; budgetS: number },
  missing: MissingReason,
): Record<string, ProbeResult> {
  const out: Record<string, ProbeResult> = {};
  names.forEach((name, i) => {
    out[name] = toProbeResult(run.probes[i], limits, missing);
  });
  return out;
}
