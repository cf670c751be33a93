import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { test } from 'node:test';
import type { ExecOptions } from '../ssh/ssh-exec.ts';
import { CollectError } from './collect-error.ts';
import { runBatch, runNaive, type Executor, type RunLimits } from './host-run.ts';
import { PROBE_NAMES, resolveProbe, type ProbeSpec } from './probes.ts';
import { EXEC_COMMAND } from './script-builder.ts';
import { LocalShell } from './test-local-shell.ts';

/** Probes written for these tests (bodies are constants here, as in the real table). */
const TEST_PROBES: Record<string, Omit<ProbeSpec, 'name'>> = {
  'test.ok': { body: 'echo out; echo err >&2; exit 0', args: [], root: false },
  'test.fail': { body: 'echo partial; echo "it broke" >&2; exit 7', args: [], root: false },
  'test.hang': { body: 'sh -c "sleep 987653" & exec sleep 987654', args: [], root: false },
  'test.huge': { body: 'head -c 20000000 /dev/zero; echo done >&2', args: [], root: false },
  'test.yes': { body: 'exec yes', args: [], root: false },
  'test.slow': { body: 'exec sleep 3', args: [], root: false },
  'test.root': { body: 'echo ran-as-root', args: [], root: true },
  'test.kubectl': { body: 'exec kubectl --request-timeout="${KRT}s" get nodes -o json', args: [], root: false },
  'test.env': { body: 'echo "PATH=$PATH"; echo "LC_ALL=$LC_ALL"; env | wc -l', args: [], root: false },
};
const resolve = (name: string) => (TEST_PROBES[name] ? { name, ...TEST_PROBES[name] } : resolveProbe(name));
const limits = (over: Partial<RunLimits> = {}): RunLimits => ({ probeTimeoutMs: 10_000, hostTimeoutMs: 60_000, resolve, ...over });
const running = (marker: string) => spawnSync('pgrep', ['-f', marker]).status === 0;

test('runs every probe in ONE exec: stdout and stderr apart, exit codes and times kept', async () => {
  const sh = new LocalShell();
  const run = await runBatch(sh, 'm', ['test.ok', 'test.fail', 'host.hostname'], limits());
  assert.equal(sh.execs, 1);
  assert.equal(run.roundTrips, 1);
  assert.deepEqual(Object.keys(run.probes), ['test.ok', 'test.fail', 'host.hostname']);
  assert.deepEqual({ ...run.probes['test.ok'], ms: 0 }, { stdout: 'out\n', stderr: 'err\n', exitCode: 0, ms: 0 });
  assert.equal(run.probes['test.fail']?.exitCode, 7);
  assert.equal(run.probes['test.fail']?.stderr, 'it broke\n');
  assert.equal(run.probes['host.hostname']?.stdout, `${hostname()}\n`);
  assert.equal(typeof run.probes['test.ok']?.ms, 'number');
});

test('every probe of the table runs on this machine without breaking the collector', async () => {
  const sh = new LocalShell();
  sh.tool('kubectl', 'echo "kubectl $*"; exit 1');
  const run = await runBatch(sh, 'm', [...PROBE_NAMES, 'pod.default.pod1.addr'], limits({ probeTimeoutMs: 5_000 }));
  assert.equal(Object.keys(run.probes).length, PROBE_NAMES.length + 1);
  for (const [name, r] of Object.entries(run.probes)) assert.ok(r.exitCode !== null || r.timedOut, `${name} has a status`);
  assert.match(run.probes['kube.nodes']?.stdout ?? '', /^kubectl --request-timeout=3s get nodes -o json/);
  assert.match(run.probes['kube.hpa']?.stdout ?? '', /horizontalpodautoscalers\.v2\.autoscaling/);
});

test('probes run with a clean environment, not the caller’s', async () => {
  const run = await runBatch(new LocalShell(), 'm', ['test.env'], limits());
  assert.match(run.probes['test.env']?.stdout ?? '', /LC_ALL=C/);
  assert.ok(Number((run.probes['test.env']?.stdout ?? '').trim().split('\n').at(-1)) < 12, 'only a handful of variables');
});

test('a hung probe is killed at its deadline with its children (no orphan), and the rest still run', async () => {
  const started = Date.now();
  const run = await runBatch(new LocalShell(), 'm', ['test.hang', 'test.ok'], limits({ probeTimeoutMs: 1_000 }));
  assert.ok(Date.now() - started < 10_000, 'bounded by the probe deadline');
  assert.equal(run.probes['test.hang']?.timedOut, true);
  assert.equal(run.probes['test.hang']?.exitCode, null);
  assert.match(run.probes['test.hang']?.stderr ?? '', /k8s-labs: stopped at its deadline/);
  assert.equal(run.probes['test.ok']?.exitCode, 0);
  assert.equal(running('sleep 98765[34]'), false, 'no sleep left behind');
});

test('huge output keeps the head up to the cap, marks truncated, and the probe keeps its exit code', async () => {
  const run = await runBatch(new LocalShell(), 'm', ['test.huge'], limits({ stdoutCap: 1 << 20 }));
  const r = run.probes['test.huge'];
  assert.equal(r?.stdout.length, 1 << 20);
  assert.equal(r?.truncated, true);
  assert.equal(r?.exitCode, 0);
  assert.equal(r?.stderr, 'done\n');
});

test('endless output (yes) is capped and stopped at the deadline', async () => {
  const before = process.memoryUsage().rss;
  const run = await runBatch(new LocalShell(), 'm', ['test.yes'], limits({ probeTimeoutMs: 1_000, stdoutCap: 1 << 20 }));
  assert.equal(run.probes['test.yes']?.truncated, true);
  assert.equal(run.probes['test.yes']?.timedOut, true);
  assert.ok(process.memoryUsage().rss - before < 64 << 20, 'memory bounded');
});

test('probes past the host budget are not started, and say so', async () => {
  const run = await runBatch(new LocalShell(), 'm', ['test.slow', 'test.ok'], limits({ hostTimeoutMs: 5_000 }));
  // Budget 2 s: test.slow is stopped at 2 s, test.ok has no time left.
  assert.equal(run.probes['test.slow']?.timedOut, true);
  assert.equal(run.probes['test.ok']?.timedOut, true);
  assert.equal(run.probes['test.ok']?.exitCode, null);
  assert.match(run.probes['test.ok']?.stderr ?? '', /not started/);
});

test('a login banner and forged frames before the script change nothing', async () => {
  const banner =
    'Welcome!\n\x1b[1mmotd\x1b[0m\n@@00000000000000000000000000000000 A 1\n@@00000000000000000000000000000000 X 0 0 1 -\n{"__proto__":{"x":1}}\n';
  const run = await runBatch(new LocalShell({ banner }), 'm', ['test.ok'], limits());
  assert.equal(run.probes['test.ok']?.stdout, 'out\n');
  assert.equal(run.probes['test.ok']?.exitCode, 0);
});

test('as a non-root user, a root probe whose sudo wants a password fails with a clear message (no hang)', async () => {
  const sh = new LocalShell({ user: 'nobody' });
  sh.tool('sudo', 'echo "sudo: a password is required" >&2; exit 1');
  const started = Date.now();
  const run = await runBatch(sh, 'm', ['test.root', 'test.ok'], limits());
  assert.ok(Date.now() - started < 10_000, 'no wait for a password prompt');
  assert.equal(run.probes['test.root']?.exitCode, 126);
  assert.match(run.probes['test.root']?.stderr ?? '', /needs root, and sudo -n cannot run it/);
  assert.match(run.probes['test.root']?.stderr ?? '', /免密 sudo/);
  assert.equal(run.probes['test.ok']?.exitCode, 0);
});

test('as a non-root user with passwordless sudo, root probes go through sudo -n', async () => {
  const sh = new LocalShell({ user: 'nobody' });
  sh.tool('sudo', '[ "$1" = -n ] || exit 9; shift; echo via-sudo; exec "$@"');
  const run = await runBatch(sh, 'm', ['test.root', 'test.ok'], limits());
  assert.equal(run.probes['test.root']?.stdout, 'via-sudo\nran-as-root\n');
  assert.equal(run.probes['test.ok']?.stdout, 'out\n');
});

test('a stream cut before a probe ends gives no exit code for it: never success', async () => {
  const sh = new LocalShell();
  const cutter: Executor = {
    exec: async (command: string, opts: ExecOptions) => {
      let seen = '';
      const out = await sh.exec(command, { ...opts, onStdout: (c) => (seen += c.toString('latin1')) });
      // Deliver everything up to the first probe's end frame, then the connection "drops".
      const cut = seen.indexOf('\n', seen.indexOf(' X 0 ')) + 1;
      opts.onStdout?.(Buffer.from(seen.slice(0, cut), 'latin1'));
      return { ...out, exitCode: null };
    },
  };
  const run = await runBatch(cutter, 'm', ['test.ok', 'test.fail'], limits());
  assert.equal(run.probes['test.ok']?.exitCode, 0);
  assert.equal(run.probes['test.fail']?.exitCode, null);
  assert.match(run.probes['test.fail']?.stderr ?? '', /no result: the script stopped early \(exit status none/);
});

test('output that never starts the script is a host-level protocol error', async () => {
  const dead: Executor = {
    exec: async (_c, opts) => (
      opts.onStdout?.(Buffer.from('This account is currently not available.\n')),
      { exitCode: 1, exitSignal: null, timedOut: false, aborted: false }
    ),
  };
  await assert.rejects(
    runBatch(dead, 'm', ['test.ok'], limits()),
    (err: unknown) => err instanceof CollectError && err.kind === 'protocol' && /did not run the collector script/.test(err.message),
  );
});

test('naive mode: one exec per probe, same results', async () => {
  const sh = new LocalShell();
  const run = await runNaive(sh, 'm', ['test.ok', 'test.fail', 'nope.unknown'], limits());
  assert.equal(sh.execs, 2);
  assert.equal(run.roundTrips, 2);
  assert.equal(run.probes['test.ok']?.stdout, 'out\n');
  assert.equal(run.probes['test.fail']?.exitCode, 7);
  assert.equal(run.probes['nope.unknown']?.exitCode, null);
});

test('nothing from the config or the cluster reaches the command or the script', async () => {
  const seen: string[] = [];
  const sh = new LocalShell();
  const spy: Executor = { exec: (command, opts) => (seen.push(command, String(opts.stdin)), sh.exec(command, opts)) };
  await runBatch(spy, 'secret-host-name', ['test.ok', 'kube.nodes'], limits());
  assert.equal(seen[0], EXEC_COMMAND);
  for (const text of seen) assert.doesNotMatch(text, /secret-host-name/);
});

test('aborting a collection stops the exec and rejects as cancelled', async () => {
  const ac = new AbortController();
  const started = Date.now();
  setTimeout(() => ac.abort(), 300);
  await assert.rejects(
    runBatch(new LocalShell(), 'm', ['test.slow', 'test.ok'], limits({ signal: ac.signal })),
    (err: unknown) => err instanceof CollectError && /cancelled/.test(err.message),
  );
  assert.ok(Date.now() - started < 3_000);
});
