import { ConfigError, type HostsConfig } from '../../config/hosts-config.ts';
import { CollectError } from '../../collect/collect-error.ts';
import { gradeLabs, gradeSnapshot, type CollectorPort } from '../../grading/grade-lab.ts';
import type { Grader } from '../../grading/grader.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import type { LabId, LabMeta } from '../../shared/lab.ts';
import type { GradeReport } from '../../shared/report.ts';
import type { GradeResponse, HostFailure } from '../../client/check/api-types.ts';
import type { AttemptSummary, BestResult, CollectFailure, ProgressStore } from '../db/progress-store.ts';
import { NoHostsConfigError } from '../hosts/site-hosts-config.ts';
import { SETUP_PATH } from './site-paths.ts';

/**
 * "Check my work": collect a snapshot from the learner's hosts, grade the lab with its grader (the
 * same service the CLI uses), store the attempt with the snapshot, answer with the report.
 * One collection at a time: the hosts are the learner's two VMs, and a second click or an auto
 * re-check while one runs joins it instead of starting another.
 */

export interface CheckDeps {
  /** Loads the hosts config (secrets opened); throws NoHostsConfigError or ConfigError. */
  loadConfig: () => HostsConfig;
  labs: () => readonly LabMeta[];
  graders: ReadonlyMap<LabId, Grader>;
  store: ProgressStore;
  collector?: CollectorPort;
  now?: () => Date;
}

/** What one run produced, in both languages, so every caller that joined it gets its own. */
type RunResult =
  | { state: 'graded'; attempt: AttemptSummary; reports: Record<Lang, GradeReport>; best: BestResult | undefined; improved: boolean }
  | { state: 'not-collected'; attempt: AttemptSummary; failures: CollectFailure[] }
  | { state: 'no-hosts' }
  | { state: 'config-invalid'; error: ConfigError };

const inFlight = new Map<LabId, Promise<RunResult>>();
let queue: Promise<unknown> = Promise.resolve();

export class UnknownLabError extends Error {
  override name = 'UnknownLabError';
}

export async function checkLab(lab: LabId, trigger: 'manual' | 'auto', lang: Lang, deps: CheckDeps): Promise<GradeResponse> {
  const meta = deps.labs().find((l) => l.id === lab);
  if (!meta) throw new UnknownLabError(`no lab ${lab}`);
  let run = inFlight.get(lab);
  if (!run) {
    // Runs wait for the one before (any lab): the same two VMs answer every collection.
    run = queue.then(() => runCheck(meta, trigger, deps));
    queue = run.catch(() => undefined);
    inFlight.set(lab, run);
    void run.finally(() => inFlight.delete(lab)).catch(() => undefined);
  }
  return toResponse(await run, lang);
}

async function runCheck(lab: LabMeta, trigger: 'manual' | 'auto', deps: CheckDeps): Promise<RunResult> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  let config: HostsConfig;
  try {
    config = deps.loadConfig();
  } catch (err) {
    if (err instanceof NoHostsConfigError) return { state: 'no-hosts' };
    if (err instanceof ConfigError) return { state: 'config-invalid', error: err };
    throw err;
  }
  try {
    // The panel answers within one request: labs graded over time (lab-13) are graded on what is
    // there now; their observation runs from the CLI (`npm run grade lab-13`).
    const opts = { lang: 'zh' as Lang, graders: deps.graders, now, ...(deps.collector ? { collector: deps.collector } : {}) };
    const outcome = await gradeLabs([lab], { kind: 'live', config, observeSeconds: 0 }, opts);
    const zh = outcome.reports[0];
    const en = gradeSnapshot([lab], outcome.snapshot, { lang: 'en', graders: deps.graders, now })[0];
    if (!zh || !en) throw new Error(`grading ${lab.id} produced no report`);
    const reports = { zh, en };
    const saved = await deps.store.recordAttempt({
      lab: lab.id,
      startedAt,
      finishedAt: now(),
      trigger,
      outcome: { kind: 'graded', reports, snapshot: outcome.snapshot },
    });
    return { state: 'graded', reports, ...saved };
  } catch (err) {
    if (!(err instanceof CollectError)) throw err;
    const all = err.failures.length > 0 ? err.failures : [err];
    const failures = all.map((f) => ({ host: f.host, kind: f.kind, detail: f.detail }));
    const saved = await deps.store.recordAttempt({
      lab: lab.id,
      startedAt,
      finishedAt: now(),
      trigger,
      outcome: { kind: 'not-collected', failures },
    });
    return { state: 'not-collected', attempt: saved.attempt, failures };
  }
}

export function failuresIn(failures: readonly CollectFailure[], lang: Lang): HostFailure[] {
  return failures.map((f) => ({ host: f.host, kind: f.kind, message: f.detail[lang] }));
}

function toResponse(result: RunResult, lang: Lang): GradeResponse {
  switch (result.state) {
    case 'graded': {
      const best = result.best
        ? {
            lab: result.best.lab,
            score: result.best.score,
            maxScore: result.best.maxScore,
            passed: result.best.passed,
            gradedAt: result.best.gradedAt,
          }
        : null;
      return { state: 'graded', attempt: result.attempt, report: result.reports[lang], best, improved: result.improved };
    }
    case 'not-collected':
      return { state: 'not-collected', attempt: result.attempt, failures: failuresIn(result.failures, lang) };
    case 'no-hosts':
      return { state: 'no-hosts', message: NO_HOSTS[lang], setupPath: SETUP_PATH[lang] };
    case 'config-invalid':
      return { state: 'config-invalid', message: result.error.detail[lang], setupPath: SETUP_PATH[lang] };
  }
}

export const NO_HOSTS = t(
  '还没有配置虚拟机。请先在“主机设置”页面填写 master 和 worker 的地址与登录方式。',
  'No VMs are configured yet. Enter the address and login of your master and worker on the host setup page first.',
);
