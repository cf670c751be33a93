import { t } from '../shared/i18n.ts';
import type { ProbeResult } from '../shared/snapshot.ts';
import type { ExecOptions, ExecOutcome } from '../ssh/ssh-exec.ts';
import { CollectError } from './collect-error.ts';
import { FrameParser } from './frame-parser.ts';
import { runResults } from './probe-results.ts';
import { resolveProbe, type ProbeSpec } from './probes.ts';
import { buildScript, EXEC_COMMAND, newNonce, STDERR_CAP, STDOUT_CAP } from './script-builder.ts';

/** What runs a command on a host: an SSH connection, or a local shell in tests. */
export interface Executor {
  exec(command: string, opts: ExecOptions): Promise<ExecOutcome>;
}

export interface RunLimits {
  probeTimeoutMs: number;
  /** Deadline of the whole exec on the host. */
  hostTimeoutMs: number;
  stdoutCap?: number;
  stderrCap?: number;
  signal?: AbortSignal;
  /** Resolves probe names to specs (tests pass their own probes; default: the probe table). */
  resolve?: (name: string) => ProbeSpec | undefined;
}

export interface HostRun {
  probes: Record<string, ProbeResult>;
  /** Execs (SSH channels) used. */
  roundTrips: number;
}

/** The exec may run this much past the host budget (kill grace, transfer) before we close it. */
const LOCAL_GRACE_MS = 10_000;
const EXEC_STDERR_KEEP = 4096;

/** 'batched': all probes in one exec (one round trip). */
export async function runBatch(exec: Executor, host: string, plan: readonly string[], limits: RunLimits): Promise<HostRun> {
  const names = [...new Set(plan)];
  const resolve = limits.resolve ?? resolveProbe;
  const known = names.filter((n) => resolve(n) !== undefined);
  const probes = unknownResults(names, resolve);
  if (known.length === 0) return { probes, roundTrips: 0 };
  Object.assign(
    probes,
    await runScript(
      exec,
      host,
      known.map((n) => resolve(n) as ProbeSpec),
      Math.max(1, Math.floor(limits.hostTimeoutMs / 1000) - 3),
      limits,
    ),
  );
  return { probes: ordered(names, probes), roundTrips: 1 };
}

/** 'naive': one exec per probe, the benchmark baseline. */
export async function runNaive(exec: Executor, host: string, plan: readonly string[], limits: RunLimits): Promise<HostRun> {
  const names = [...new Set(plan)];
  const resolve = limits.resolve ?? resolveProbe;
  const probes = unknownResults(names, resolve);
  let roundTrips = 0;
  for (const name of names) {
    const spec = resolve(name);
    if (!spec) continue;
    roundTrips++;
    Object.assign(probes, await runScript(exec, host, [spec], Math.ceil(limits.probeTimeoutMs / 1000) + 1, limits));
  }
  return { probes: ordered(names, probes), roundTrips };
}

async function runScript(
  exec: Executor,
  host: string,
  specs: ProbeSpec[],
  budgetS: number,
  limits: RunLimits,
): Promise<Record<string, ProbeResult>> {
  const nonce = newNonce();
  const probeTimeoutS = Math.max(1, Math.ceil(limits.probeTimeoutMs / 1000));
  const caps = { stdoutCap: limits.stdoutCap ?? STDOUT_CAP, stderrCap: limits.stderrCap ?? STDERR_CAP };
  const script = buildScript(specs, { nonce, probeTimeoutS, budgetS, ...caps });
  const parser = new FrameParser(nonce, specs.length, caps);
  let stderrHead = '';
  // Bytes that straggle in after the exec was given up on must not change the results.
  let closed = false;
  const opts: ExecOptions = {
    stdin: script,
    onStdout: (chunk) => {
      if (!closed) parser.push(chunk);
    },
    onStderr: (chunk) => {
      if (!closed && stderrHead.length < EXEC_STDERR_KEEP)
        stderrHead += chunk.subarray(0, EXEC_STDERR_KEEP - stderrHead.length).toString('utf8');
    },
    timeoutMs: budgetS * 1000 + LOCAL_GRACE_MS,
  };
  if (limits.signal) opts.signal = limits.signal;
  const outcome = await exec.exec(EXEC_COMMAND, opts);
  closed = true;
  const run = parser.finish();
  if (outcome.aborted) throw CollectError.from(limits.signal?.reason ?? new DOMException('aborted', 'AbortError'), host);
  if (!run.started) throw notStarted(host, outcome, run.fatal, stderrHead || run.noise);
  const reason = outcome.timedOut
    ? `no result: the host did not finish within its time budget (${budgetS} s)`
    : outcome.openError !== undefined
      ? `no result: ${outcome.openError}`
      : `no result: the script stopped early (exit status ${outcome.exitCode ?? 'none'}${outcome.exitSignal ? `, signal ${outcome.exitSignal}` : ''})${stderrHead ? `: ${stderrHead.trim().slice(0, 300)}` : ''}`;
  return runResults(
    specs.map((s) => s.name),
    run,
    { probeTimeoutS, budgetS },
    { hostTimedOut: outcome.timedOut, text: reason },
  );
}

function notStarted(host: string, outcome: ExecOutcome, fatal: string | undefined, said: string) {
  const seen = said.trim().slice(0, 500) || '(nothing)';
  if (outcome.timedOut) {
    return new CollectError(
      'timeout',
      host,
      t(`${host} 在时限内没有开始运行采集脚本。输出：${seen}`, `${host} did not start the collector script in time. Output: ${seen}`),
    );
  }
  if (outcome.openError !== undefined) {
    return new CollectError(
      'protocol',
      host,
      t(
        `无法在 ${host} 上打开命令通道：${outcome.openError}。请重试；若反复出现，检查虚拟机 sshd 的 MaxSessions。`,
        `Cannot open a command channel on ${host}: ${outcome.openError}. Try again; if it persists, check MaxSessions in the VM's sshd.`,
      ),
    );
  }
  const why =
    fatal !== undefined
      ? `mktemp failed (${fatal}); check that /tmp is writable and not full (df -h /tmp)`
      : `exit status ${outcome.exitCode ?? 'none'}; output: ${seen}`;
  return new CollectError(
    'protocol',
    host,
    t(
      `${host} 没有运行采集脚本（${why}）。请确认登录用户的 shell 是普通 shell（bash/sh），且虚拟机上有 /usr/bin/env 和 /bin/sh。`,
      `${host} did not run the collector script (${why}). Check that the login user's shell is a normal shell (bash/sh) and that /usr/bin/env and /bin/sh exist on the VM.`,
    ),
  );
}

function unknownResults(names: readonly string[], resolve: (n: string) => ProbeSpec | undefined): Record<string, ProbeResult> {
  const out: Record<string, ProbeResult> = {};
  for (const name of names) {
    if (!resolve(name)) out[name] = { stdout: '', stderr: `k8s-labs: unknown probe ${name}; see docs/probes.md\n`, exitCode: null };
  }
  return out;
}

function ordered(names: readonly string[], probes: Record<string, ProbeResult>): Record<string, ProbeResult> {
  const out: Record<string, ProbeResult> = {};
  for (const n of names) if (probes[n]) out[n] = probes[n];
  return out;
}
