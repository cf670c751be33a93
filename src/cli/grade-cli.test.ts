import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { sharedSkip } from '../../tests/shared-fixtures.ts';
import { GradeReport, GradeReportSet } from '../shared/report.ts';
import { lab10Snapshot } from './lab10-snapshot.fixture.ts';
import { findAll, parseXmlStrict } from '../grading/reporters/xml-check.fixture.ts';

// Runs the real command, as a learner or CI would, on snapshot files built from real fixtures (offline).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');
const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-cli-'));
const file = (name: string) => join(dir, name);

/** A clean environment: English, no npm variables, no colour settings inherited from the caller. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|INIT_CWD$|NO_COLOR$|FORCE_COLOR$|LC_|LANG$|K8S_LABS_)/.test(k)) env[k] = v;
  return { ...env, LANG: 'en_US.UTF-8', ...extra };
}

function grade(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(NODE, ['src/cli/grade.ts', ...args], { cwd: ROOT, env: cleanEnv(env), encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const noStack = (stderr: string) => assert.ok(!/\n\s+at /.test(stderr), `no stack trace in:\n${stderr}`);

describe('npm run grade (spawned)', { skip: sharedSkip }, () => {
  before(() => {
    writeFileSync(file('good.json'), JSON.stringify(lab10Snapshot('correct')));
    writeFileSync(file('bad.json'), JSON.stringify(lab10Snapshot('wrong-probability')));
    writeFileSync(file('broken.json'), '{"format": "k8s-lab-snapshot", "version": 1, "hosts": ');
    writeFileSync(file('report.json'), JSON.stringify({ format: 'k8s-lab-report', version: 1 }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a correct cluster: stdout is exactly one JSON report, exit 0', () => {
    const r = grade(['lab-10', '--snapshot', file('good.json'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = GradeReport.parse(JSON.parse(r.stdout));
    assert.equal(report.lab, 'lab-10');
    assert.equal(report.lang, 'en');
    assert.equal(report.passed, true);
    assert.equal(report.score, report.maxScore);
    assert.equal(report.snapshotTakenAt, '2024-05-09T00:31:58Z');
  });

  test('a wrong cluster: exit 1, the JSON says which check failed', () => {
    const r = grade(['q10', '--snapshot', file('bad.json'), '--json', '--lang', 'zh']);
    assert.equal(r.code, 1, r.stderr);
    const report = GradeReport.parse(JSON.parse(r.stdout));
    assert.equal(report.lang, 'zh');
    assert.equal(report.passed, false);
    assert.ok(report.checks.some((c) => c.status === 'failed'));
    assert.ok(report.score < report.maxScore);
  });

  test('human output: marks, score line, no colour when stdout is not a terminal', () => {
    const r = grade(['10', '--snapshot', file('bad.json')]);
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('\u001b'), 'no ANSI codes in a pipe');
    assert.match(r.stdout, /^lab-10 · /);
    assert.match(r.stdout, /^ {2}✓ /m);
    assert.match(r.stdout, /^ {2}✗ /m);
    assert.match(r.stdout, /■ Score \d+\/\d+ · /);
    assert.match(r.stderr, /grading lab-10/, 'plain progress lines go to stderr');
  });

  test('reports to files: JUnit XML and Gradescope results.json', () => {
    const r = grade([
      'lab-10',
      '--snapshot',
      file('bad.json'),
      '--junit',
      file('junit.xml'),
      '--gradescope',
      file('results.json'),
      '--json',
    ]);
    assert.equal(r.code, 1, r.stderr);
    const xml = parseXmlStrict(readFileSync(file('junit.xml'), 'utf8'));
    assert.equal(findAll(xml, 'testsuite').length, 1);
    assert.ok(findAll(xml, 'failure').length >= 1);
    const gs = JSON.parse(readFileSync(file('results.json'), 'utf8')) as { score: number; max_score: number; tests: { status: string }[] };
    const report = GradeReport.parse(JSON.parse(r.stdout));
    assert.equal(gs.score, report.score);
    assert.equal(gs.max_score, report.maxScore);
    assert.equal(gs.tests.length, report.checks.length);
  });

  test('all on a lab-10 snapshot: a report set; other labs cannot look (error), so exit 1', () => {
    const r = grade(['all', '--snapshot', file('good.json'), '--json']);
    assert.equal(r.code, 1, r.stderr);
    const set = GradeReportSet.parse(JSON.parse(r.stdout));
    assert.equal(set.labs.length, 13);
    assert.equal(set.labs.find((l) => l.lab === 'lab-10')?.passed, true);
    assert.equal(set.gradable, false);
  });

  test('input errors: exit 2, one line on stderr, nothing on stdout', () => {
    for (const [args, reason] of [
      [['lab-10', '--snapshot', file('broken.json'), '--json'], /is not JSON/],
      [['lab-10', '--snapshot', file('report.json')], /is not a k8s-labs snapshot \(its format is "k8s-lab-report"/],
      [['lab-10', '--snapshot', file('absent.json')], /Cannot read the snapshot file .*ENOENT/],
      [['lab-99', '--snapshot', file('good.json')], /Unknown lab "lab-99"\. A lab id looks like/],
    ] as const) {
      const r = grade([...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, reason);
      noStack(r.stderr);
    }
    const one = grade(['lab-10', '--snapshot', file('broken.json')]);
    assert.equal(one.stderr.trim().split('\n').length, 1, one.stderr);
  });

  test('usage errors: exit 2 with the usage; Chinese by default', () => {
    const r = grade(['lab-10', '--snapshot', file('good.json'), '--frobnicate'], { LANG: 'zh_CN.UTF-8' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^错误：未知选项 --frobnicate。/);
    assert.match(r.stderr, /用法：npm run grade/);
    noStack(r.stderr);
    const typo = grade(['lab-1o', '--snapshot', file('good.json')]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /Did you mean lab-10\?/);
  });

  test('help and list exit 0 and print on stdout', () => {
    const help = grade(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: npm run grade/);
    const list = grade(['list', '--lang', 'zh']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^lab-01 {2}Q1 {2}/);
    assert.equal(list.stdout.trim().split('\n').length, 13);
  });

  test('through npm: `npm run --silent grade -- … --json` keeps stdout pure JSON', (t) => {
    const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
    if (npm.error || npm.status !== 0) {
      t.skip('npm not on PATH');
      return;
    }
    const run = spawnSync('npm', ['run', '--silent', 'grade', '--', 'lab-10', '--snapshot', file('good.json'), '--json'], {
      cwd: ROOT,
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stderr);
    GradeReport.parse(JSON.parse(run.stdout));
  });

  test('relative paths typed under npm resolve where the user ran npm (INIT_CWD)', () => {
    const r = grade(['lab-10', '--snapshot', 'good.json', '--junit', 'rel.xml'], { npm_lifecycle_event: 'grade', INIT_CWD: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(file('rel.xml')));
  });
});
