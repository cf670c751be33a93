import { resolve } from 'node:path';
import { defaultConfigPath } from '../config/hosts-config.ts';
import { loadHostsConfigWithSecrets } from '../server/hosts/load-with-secrets.ts';
import { gradeLabs, type GradeSource } from '../grading/grade-lab.ts';
import type { Grader } from '../grading/grader.ts';
import { renderConsole } from '../grading/reporters/console.ts';
import { renderGradescope } from '../grading/reporters/gradescope.ts';
import { jsonReport, renderJson } from '../grading/reporters/json.ts';
import { renderJunit } from '../grading/reporters/junit.ts';
import { allClear } from '../grading/reporters/summary.ts';
import { loadLabs } from '../labs/catalog.ts';
import { pick, t, type Lang } from '../shared/i18n.ts';
import type { LabId, LabMeta } from '../shared/lab.ts';
import { parseCliArgs, type CliOptions } from './args.ts';
import { CliError, EXIT, usageError } from './errors.ts';
import { resolveLabs } from './lab-select.ts';
import { langFromArgv, langFromEnv } from './lang.ts';
import { labListJson, renderLabList } from './list.ts';
import { createProgress, type Progress } from './progress.ts';
import { describeFailure } from './report-failure.ts';
import { readSnapshotFile, writeOutputFile, writeSnapshotFile } from './snapshot-file.ts';
import { usage } from './usage.ts';

export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything the CLI touches from the outside world, passed in (tests give their own). */
export interface CliIo {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: OutStream;
  stderr: OutStream;
  signal?: AbortSignal;
  /** Lab id → grader; loaded from graders/registry.ts when absent. */
  graders?: ReadonlyMap<LabId, Grader>;
  /** The lab catalog; read from labs/ when absent. */
  labs?: readonly LabMeta[];
}

/** `npm run grade …`: returns the exit code. The only try/catch that turns errors into codes. */
export async function main(io: CliIo): Promise<number> {
  const lang = langFromArgv(io.argv) ?? langFromEnv(io.env);
  const session: { progress?: Progress } = {};
  try {
    return await run(io, session);
  } catch (err) {
    session.progress?.stop();
    // After Ctrl-C the collector reports a cancelled host; say "interrupted" instead (exit 130).
    const failure = describeFailure(io.signal?.aborted && !(err instanceof CliError) ? io.signal.reason : err, lang, io.env);
    io.stderr.write(failure.text);
    return failure.exitCode;
  }
}

async function run(io: CliIo, session: { progress?: Progress }): Promise<number> {
  const opts = parseCliArgs(io.argv);
  const lang: Lang = opts.lang ?? langFromEnv(io.env);
  if (opts.command === 'help') {
    io.stdout.write(usage(lang));
    return EXIT.ok;
  }
  warnIfNpmAteJson(io, opts, lang);
  const catalog = io.labs ?? loadLabs();
  if (opts.command === 'list') {
    io.stdout.write(opts.json ? labListJson(catalog, lang) : renderLabList(catalog, lang));
    return EXIT.ok;
  }
  const labs = resolveLabs(opts.targets, catalog);
  if (opts.observe !== undefined && !labs.some((l) => l.observe)) {
    throw usageError(t('--observe 只用于需要观察行为的实验（lab-13）。', '--observe applies only to labs graded over time (lab-13).'));
  }
  const base = userCwd(io);
  const source = sourceFor(opts, io, base);
  const graders = io.graders ?? (await import('../../graders/registry.ts')).GRADERS;

  const tty = io.stderr.isTTY === true;
  const progress = createProgress(io.stderr, lang, { tty });
  session.progress = progress;
  const gradeOpts: Parameters<typeof gradeLabs>[2] = { lang, graders, onProgress: (p) => progress.update(p) };
  if (io.signal) gradeOpts.signal = io.signal;
  const outcome = await gradeLabs(labs, source, gradeOpts);
  progress.stop();

  if (opts.saveSnapshot !== undefined) writeSnapshotFile(resolve(base, opts.saveSnapshot), outcome.snapshot);
  const { reports } = outcome;
  if (opts.junit !== undefined) writeOutputFile(resolve(base, opts.junit), renderJunit(reports));
  if (opts.gradescope !== undefined) writeOutputFile(resolve(base, opts.gradescope), renderGradescope(reports));

  if (opts.json) {
    const asSet = labs.length > 1 || opts.targets.some((x) => x.trim().toLowerCase() === 'all');
    io.stdout.write(renderJson(jsonReport(reports, { lang, asSet, snapshotTakenAt: outcome.snapshot.takenAt })));
  } else {
    io.stdout.write(renderConsole(reports, { lang, color: useColor(io) }));
  }
  return allClear(reports) ? EXIT.ok : EXIT.notPassed;
}

function sourceFor(opts: CliOptions, io: CliIo, base: string): GradeSource {
  if (opts.snapshot !== undefined) return { kind: 'snapshot', snapshot: readSnapshotFile(resolve(base, opts.snapshot)) };
  // An explicit --config is relative to where the user typed it; the default one lives in the project.
  const path = opts.config !== undefined ? resolve(base, opts.config) : defaultConfigPath(io.env, io.cwd);
  // Passwords saved by the site's host setup page are sealed in the config; open them here too.
  const source: GradeSource = { kind: 'live', config: loadHostsConfigWithSecrets(path, io.env, io.cwd) };
  if (opts.observe !== undefined) source.observeSeconds = opts.observe;
  return source;
}

/**
 * npm runs scripts in the package root; INIT_CWD is where the user ran npm, so relative paths the
 * user typed (snapshot, report files) are resolved there.
 */
export function userCwd(io: Pick<CliIo, 'env' | 'cwd'>): string {
  const init = io.env['INIT_CWD'];
  return io.env['npm_lifecycle_event'] !== undefined && init ? init : io.cwd;
}

/** Colours only on a TTY, never with NO_COLOR set (no-color.org) or on a dumb terminal. */
export function useColor(io: Pick<CliIo, 'env' | 'stdout'>): boolean {
  const noColor = io.env['NO_COLOR'];
  return io.stdout.isTTY === true && (noColor === undefined || noColor === '') && io.env['TERM'] !== 'dumb';
}

/** `npm run grade lab-10 --json` gives --json to npm, not to us; say how to pass it through. */
function warnIfNpmAteJson(io: CliIo, opts: CliOptions, lang: Lang): void {
  if (opts.json || io.env['npm_lifecycle_event'] !== 'grade' || io.env['npm_config_json'] !== 'true') return;
  const text = t(
    '提示：npm 把 --json 当成了它自己的选项。请写成 npm run grade -- lab-10 --json（选项放在 -- 之后）。',
    'note: npm took --json as its own option. Write npm run grade -- lab-10 --json (options after --).',
  );
  io.stderr.write(`${pick(text, lang)}\n`);
}
