import { z } from 'zod';

/**
 * Snapshot format v1: what the collector saw on the learner's hosts, probe by probe, exactly as
 * each command printed it. The contract between collector, graders, CLI and submissions
 * (docs/snapshot.md). Readers ignore fields they do not know, so the objects are loose.
 */

/** One probe's raw result. */
export const ProbeResult = z.looseObject({
  /** Standard output, exactly as printed (possibly truncated, see `truncated`). */
  stdout: z.string(),
  /** Standard error, exactly as printed. */
  stderr: z.string(),
  /** Exit code of the probe's command; null when the command died without one (signal, timeout). */
  exitCode: z.number().int().nullable(),
  /** How long the probe took, in milliseconds. */
  ms: z.number().nonnegative().optional(),
  /** Set when the output was cut at the collector's size cap. */
  truncated: z.boolean().optional(),
  /** Set when the probe was stopped at its deadline. */
  timedOut: z.boolean().optional(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

/** A probe name: `area.thing` (e.g. `kube.nodes`, `pod.default.pod1.addr`). */
export const ProbeName = z.string().regex(/^[a-z][a-z0-9-]*(\.[A-Za-z0-9_-]+)+$/, 'a probe name looks like area.thing');

/** The role of a host in the two-node cluster. Graders find hosts by role, never by key. */
export const HostRole = z.enum(['master', 'worker']);
export type HostRole = z.infer<typeof HostRole>;

/** What one host answered. */
export const HostSnapshot = z.looseObject({
  /** `master` or `worker`. */
  role: HostRole,
  /** Probe name → result. A probe that was not collected is absent. */
  probes: z.record(ProbeName, ProbeResult),
});
export type HostSnapshot = z.infer<typeof HostSnapshot>;

/** One observation of repeated probes (behaviour checks such as HPA scaling). */
export const SeriesEntry = z.looseObject({
  /** When the observation was taken (ISO 8601). */
  t: z.iso.datetime({ offset: true }),
  /** Key of the host (in `hosts`) the probes ran on. */
  host: z.string().min(1),
  /** Probe name → result. */
  probes: z.record(ProbeName, ProbeResult),
});
export type SeriesEntry = z.infer<typeof SeriesEntry>;

export const SNAPSHOT_FORMAT = 'k8s-lab-snapshot';
export const SNAPSHOT_VERSION = 1;

/** A whole snapshot. */
export const Snapshot = z.looseObject({
  /** Always `k8s-lab-snapshot`. */
  format: z.literal(SNAPSHOT_FORMAT),
  /** Format version; this code reads version 1. */
  version: z.literal(SNAPSHOT_VERSION),
  /** When collection started (ISO 8601). */
  takenAt: z.iso.datetime({ offset: true }),
  /** Host key (chosen by the user) → what that host answered. */
  hosts: z.record(z.string().min(1), HostSnapshot),
  /** Probes repeated over time, ordered by `t`. */
  series: z.array(SeriesEntry).optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;
