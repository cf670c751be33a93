import { setTimeout as sleep } from 'node:timers/promises';
import type { HostsConfig } from '../config/hosts-config.ts';
import { t } from '../shared/i18n.ts';
import type { ProbeResult, SeriesEntry } from '../shared/snapshot.ts';
import type { SshConnection } from '../ssh/ssh-connect.ts';
import { CollectError } from './collect-error.ts';
import { runBatch } from './host-run.ts';
import { openHost, type ProgressEvent } from './host-session.ts';

export interface ObserveOptions {
  durationSeconds: number;
  intervalSeconds: number;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
}

/**
 * Repeats `probes` on the master every `intervalSeconds` for `durationSeconds` (lab-13: HPA
 * scaling over time), one exec per round on one kept connection. A round that fails is recorded
 * (every probe with exitCode null and the reason) and the next round reconnects, so a gap in the
 * timeline is visible rather than silent. Aborting returns the rounds taken so far.
 */
export async function observeSeries(config: HostsConfig, probes: string[], opts: ObserveOptions): Promise<SeriesEntry[]> {
  const master = config.hosts.find((h) => h.role === 'master');
  if (!master) {
    throw new CollectError('protocol', '(none)', t('配置中没有 master 主机，无法观察。', 'The config has no master host to observe.'));
  }
  const entries: SeriesEntry[] = [];
  const started = Date.now();
  const intervalMs = Math.max(1, opts.intervalSeconds) * 1000;
  const rounds = Math.floor((opts.durationSeconds * 1000) / intervalMs) + 1;
  // Each round must finish before the next starts: its budget is the interval (or less).
  const hostTimeoutMs = Math.min(config.hostTimeoutMs, Math.max(5_000, intervalMs - 2_000));
  const limits = {
    probeTimeoutMs: Math.min(config.probeTimeoutMs, hostTimeoutMs),
    hostTimeoutMs,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  let conn: SshConnection | undefined = await openHost(config, master, opts.onProgress, opts.signal);
  try {
    for (let round = 0; round < rounds; round++) {
      const due = started + round * intervalMs;
      if (Date.now() < due) {
        try {
          await sleep(due - Date.now(), undefined, opts.signal ? { signal: opts.signal } : {});
        } catch {
          break;
        }
      }
      if (opts.signal?.aborted) break;
      const at = new Date().toISOString();
      opts.onProgress?.({ host: master.name, phase: 'running', probes: probes.length, message: `observation ${round + 1}/${rounds}` });
      try {
        conn ??= await openHost(config, master, opts.onProgress, opts.signal);
        const run = await runBatch(conn, master.name, probes, limits);
        entries.push({ t: at, host: master.name, probes: run.probes });
      } catch (err) {
        if (opts.signal?.aborted) break;
        const ce = CollectError.from(err, master.name);
        entries.push({ t: at, host: master.name, probes: failedRound(probes, ce.detail.en) });
        conn?.close();
        conn = undefined;
      }
    }
  } finally {
    conn?.close();
  }
  opts.onProgress?.({ host: master.name, phase: 'done', message: `${entries.length} observations` });
  return entries;
}

function failedRound(probes: string[], why: string): Record<string, ProbeResult> {
  const out: Record<string, ProbeResult> = {};
  for (const p of probes) out[p] = { stdout: '', stderr: `k8s-labs: this observation failed: ${why}\n`, exitCode: null };
  return out;
}
