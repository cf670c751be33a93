import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { getTestbed } from '../../tests/labhosts/testbed.ts';
import { GradeReport } from '../shared/report.ts';
import { Snapshot } from '../shared/snapshot.ts';

// End to end: the real CLI, over real SSH to the namespace testbed's master and worker (real sshd,
// iptables with the answer sheet's kube-proxy rules; kubectl answers from recorded real outputs).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');
const testbed = getTestbed();
const skip = testbed
  ? false
  : 'namespace testbed not available (needs root, sshd, iproute2, iptables; started by tests/labhosts/global-setup.ts or `node tests/labhosts/testbed.ts up`)';
const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function grade(args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'en_US.UTF-8' };
  const run = spawnSync(NODE, ['src/cli/grade.ts', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run grade against the testbed', { skip }, () => {
  test('grade lab-10 --config <testbed>: collects over SSH, grades, exit code matches the report', () => {
    const tb = testbed!;
    for (const node of ['master', 'worker'] as const) tb.setFault(node, 'none');
    const saved = join(dir, 'lab-10.snapshot.json');
    const r = grade(['lab-10', '--config', tb.configPath, '--json', '--save-snapshot', saved]);
    assert.ok(r.code === 0 || r.code === 1, `graded (exit ${r.code}): ${r.stderr}`);
    const report = GradeReport.parse(JSON.parse(r.stdout));
    assert.equal(report.lab, 'lab-10');
    // Every probe answered, so every check could look: nothing is `error`.
    assert.deepEqual(
      report.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.message}`),
      [],
    );
    assert.equal(r.code, report.checks.every((c) => c.status === 'passed' || c.status === 'skipped') ? 0 : 1);
    assert.match(r.stderr, /master: (connecting|running|done)/, 'progress on stderr');

    // The saved snapshot regrades offline to the same verdicts.
    Snapshot.parse(JSON.parse(readFileSync(saved, 'utf8')));
    const again = grade(['lab-10', '--snapshot', saved, '--json']);
    assert.equal(again.code, r.code);
    const offline = GradeReport.parse(JSON.parse(again.stdout));
    assert.deepEqual(
      offline.checks.map((c) => [c.id, c.status, c.points]),
      report.checks.map((c) => [c.id, c.status, c.points]),
    );
  });

  test('human output over SSH: the checks and a score line', () => {
    const r = grade(['lab-10', '--config', testbed!.configPath]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.match(r.stdout, /^lab-10 · /);
    assert.match(r.stdout, /■ Score \d+\/10/);
  });

  test('lab-13 --observe: a series of HPA samples is collected, saved and graded', () => {
    const saved = join(dir, 'lab-13.snapshot.json');
    const r = grade(['lab-13', '--config', testbed!.configPath, '--observe', '15', '--json', '--save-snapshot', saved]);
    assert.ok(r.code === 0 || r.code === 1, `graded (exit ${r.code}): ${r.stderr}`);
    assert.equal(GradeReport.parse(JSON.parse(r.stdout)).lab, 'lab-13');
    assert.match(r.stderr, /observing for 15 s, one sample every 15 s/);
    const snapshot = Snapshot.parse(JSON.parse(readFileSync(saved, 'utf8')));
    // floor(15 / 15) + 1 rounds: one at the start, one 15 s later, each with the observed probes.
    assert.equal(snapshot.series?.length, 2);
    for (const entry of snapshot.series ?? []) assert.deepEqual(Object.keys(entry.probes).sort(), ['kube.deployments', 'kube.hpa']);
  });

  test('a wrong password: exit 3, one line naming the host, no stack', () => {
    const config = testbed!.writeConfig(join(dir, 'wrong-password'), {
      hosts: { master: { privateKey: null, password: 'not-the-password' } },
    });
    const r = grade(['lab-10', '--config', config]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /could not collect from host master \(auth\)/);
    assert.ok(!/\n\s+at /.test(r.stderr));
    assert.equal(r.stdout, '');
  });
});
