import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeSnapshot } from '../../tests/snapshot-builder.ts';
import type { Grader } from '../grading/grader.ts';
import { lab } from '../grading/reporters/sample-reports.fixture.ts';
import { failed, passed } from '../grading/verdict.ts';
import { t } from '../shared/i18n.ts';
import type { LabId } from '../shared/lab.ts';
import { GradeReport } from '../shared/report.ts';
import { main, useColor, userCwd, type CliIo } from './main.ts';

// In-process runs of the CLI with a stand-in grader for lab-10 (the real ones are exercised by
// grade-cli.test.ts): what goes to stdout and stderr, and which exit code, for each situation.
const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-main-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const grader: Grader = {
  lab: 'lab-10',
  checks: [
    {
      id: 'hostname',
      title: t('主机名', 'hostname'),
      points: 4,
      run: (v) =>
        v.stdout('master', 'host.hostname').trim() === 'ubuntu'
          ? passed(t('是 ubuntu', 'is ubuntu'))
          : failed(t('不是 ubuntu', 'not ubuntu'), t('运行 hostname', 'run hostname')),
    },
    { id: 'rest', title: t('其余', 'the rest'), points: 6, run: () => passed(t('好', 'fine')) },
  ],
};
const GRADERS = new Map<LabId, Grader>([['lab-10', grader]]);

function snapshotFile(name: string, hostname: string): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(makeSnapshot({ master: { 'host.hostname': hostname } })));
  return path;
}
const GOOD = snapshotFile('good.json', 'ubuntu\n');
const BAD = snapshotFile('bad.json', 'debian\n');

async function run(argv: string[], opts: { env?: Record<string, string>; tty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    argv,
    env: { LANG: 'en_US.UTF-8', ...opts.env },
    cwd: dir,
    stdout: { isTTY: opts.tty ?? false, write: (s: string) => out.push(s) },
    stderr: { isTTY: false, write: (s: string) => err.push(s) },
    graders: GRADERS,
    labs: [lab('lab-09', 9, 5), { ...lab('lab-10', 10, 10), probes: { master: ['host.hostname'], worker: [] } }],
  };
  const code = await main(io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('a passing snapshot: exit 0; a failing one: exit 1', async () => {
  const ok = await run(['lab-10', '--snapshot', GOOD, '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(GradeReport.parse(JSON.parse(ok.stdout)).score, 10);
  const bad = await run(['lab-10', '--snapshot', BAD]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /✗ hostname \(0\/4\)\n {4}not ubuntu\n {4}→ run hostname/);
});

test('a probe missing from the snapshot is an error check: exit 1, report not gradable', async () => {
  const path = join(dir, 'empty.json');
  writeFileSync(path, JSON.stringify(makeSnapshot({ master: {} })));
  const r = await run(['lab-10', '--snapshot', path, '--json']);
  assert.equal(r.code, 1);
  const report = GradeReport.parse(JSON.parse(r.stdout));
  assert.equal(report.gradable, false);
  assert.equal(report.checks[0]?.status, 'error');
});

test('colour follows the terminal and NO_COLOR', async () => {
  assert.ok((await run(['lab-10', '--snapshot', GOOD], { tty: true })).stdout.includes('\u001b[32m✓'));
  assert.ok(!(await run(['lab-10', '--snapshot', GOOD], { tty: true, env: { NO_COLOR: '1' } })).stdout.includes('\u001b'));
  assert.ok(!(await run(['lab-10', '--snapshot', GOOD], { tty: false })).stdout.includes('\u001b'));
  assert.equal(useColor({ env: { NO_COLOR: '' }, stdout: { isTTY: true, write: () => true } }), true, 'an empty NO_COLOR does not count');
  assert.equal(useColor({ env: { TERM: 'dumb' }, stdout: { isTTY: true, write: () => true } }), false);
});

test('report files are written beside the JSON on stdout', async () => {
  const r = await run(['lab-10', '--snapshot', BAD, '--json', '--junit', 'out/../j.xml', '--gradescope', 'g.json']);
  assert.equal(r.code, 1);
  assert.match(readFileSync(join(dir, 'j.xml'), 'utf8'), /<failure type="failed" message="not ubuntu">/);
  assert.equal((JSON.parse(readFileSync(join(dir, 'g.json'), 'utf8')) as { score: number }).score, 6);
});

test('--observe on a lab that is not observed is a usage error', async () => {
  const r = await run(['lab-10', '--observe', '60', '--config', 'none.yaml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--observe applies only to labs graded over time/);
});

test('a missing hosts config: exit 2, says how to create one', async () => {
  const r = await run(['lab-10', '--config', 'absent.yaml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: No hosts config at .*absent\.yaml\. Fill in the site.s host setup page/);
  assert.equal(r.stdout, '');
});

test('a host that refuses the connection: exit 3, naming the host', async () => {
  const config = join(dir, 'refused.yaml');
  writeFileSync(config, 'hosts:\n  m1:\n    role: master\n    host: 127.0.0.1\n    port: 1\n    user: root\n    password: x\n');
  const r = await run(['lab-10', '--config', config]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /error: could not collect from host m1 \(unreachable\)/);
  assert.ok(!/\n\s+at /.test(r.stderr));
});

test('paths resolve where the user ran npm; a warning when npm swallowed --json', async () => {
  assert.equal(userCwd({ env: { npm_lifecycle_event: 'grade', INIT_CWD: '/home/me' }, cwd: '/repo' }), '/home/me');
  assert.equal(userCwd({ env: { INIT_CWD: '/home/me' }, cwd: '/repo' }), '/repo', 'INIT_CWD alone may be stale');
  const r = await run(['lab-10', '--snapshot', GOOD], { env: { npm_lifecycle_event: 'grade', npm_config_json: 'true', INIT_CWD: dir } });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /npm took --json as its own option/);
});
