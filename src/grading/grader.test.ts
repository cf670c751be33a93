import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { runGrader, type Grader } from './grader.ts';
import { buildReport } from './report.ts';
import { failed, passed } from './verdict.ts';
import { t } from '../shared/i18n.ts';
import { GradeReport } from '../shared/report.ts';
import type { LabMeta } from '../shared/lab.ts';
import { makeSnapshot } from '../../tests/snapshot-builder.ts';

const grader: Grader = {
  lab: 'lab-10',
  checks: [
    {
      id: 'reads-json',
      title: t('读', 'read'),
      points: 2,
      run: (v) =>
        v.json('master', 'kube.nodes', z.object({ items: z.array(z.unknown()) })).items.length === 2
          ? passed(t('两个', 'two'))
          : failed(t('不是两个', 'not two'), t('看', 'look')),
    },
    {
      id: 'worker-probe',
      title: t('工作节点', 'worker'),
      points: 3,
      run: (v) =>
        v.stdout('worker', 'host.hostname').trim() === 'worker1' ? passed(t('是', 'yes')) : failed(t('否', 'no'), t('看', 'look')),
    },
    {
      id: 'crashes',
      title: t('崩溃', 'crash'),
      points: 1,
      run: () => {
        throw new TypeError('boom');
      },
    },
  ],
};
const meta = { id: 'lab-10', title: t('标题', 'Title') } as LabMeta;

test('a passing check earns its points; a missing probe is error, not failed', () => {
  const snap = makeSnapshot({ master: { 'kube.nodes': { items: [1, 2] } } });
  const [a, b, c] = runGrader(grader, snap);
  assert.equal(a?.status, 'passed');
  assert.equal(a?.points, 2);
  assert.equal(b?.status, 'error');
  assert.equal(b?.points, 0);
  assert.match(b?.message.en ?? '', /no worker host/);
  assert.equal(c?.status, 'error');
  assert.match(c?.message.en ?? '', /grader failed internally: boom/);
});

test('a failed probe, invalid JSON and a wrong shape are errors that carry evidence', () => {
  const failedProbe = makeSnapshot({
    master: { 'kube.nodes': { stdout: '', stderr: 'The connection to the server was refused', exitCode: 1 } },
  });
  const r1 = runGrader(grader, failedProbe)[0];
  assert.equal(r1?.status, 'error');
  assert.match(r1?.evidence[0]?.excerpt ?? '', /connection to the server was refused/);
  const banner = makeSnapshot({ master: { 'kube.nodes': 'Welcome to Ubuntu\n{"items":[]}' } });
  assert.match(runGrader(grader, banner)[0]?.message.en ?? '', /not JSON/);
  const shape = makeSnapshot({ master: { 'kube.nodes': { items: 'x' } } });
  assert.match(runGrader(grader, shape)[0]?.message.en ?? '', /unexpected shape \(items/);
});

test('a timed-out probe says so', () => {
  const snap = makeSnapshot({ worker: { 'host.hostname': { stdout: '', exitCode: null, timedOut: true } } });
  assert.match(runGrader(grader, snap)[1]?.message.en ?? '', /timed out/);
});

test('hosts are found by role, not by key', () => {
  const snap = makeSnapshot({});
  snap.hosts['vm-b'] = { role: 'worker', probes: { 'host.hostname': { stdout: 'worker1\n', stderr: '', exitCode: 0 } } };
  assert.equal(runGrader(grader, snap)[1]?.status, 'passed');
});

test('the report sums points and is gradable only without errors', () => {
  const snap = makeSnapshot({ master: { 'kube.nodes': { items: [1, 2] } }, worker: { 'host.hostname': 'worker1' } });
  const report = buildReport(meta, runGrader(grader, snap), snap, 'en');
  assert.equal(GradeReport.safeParse(report).success, true);
  assert.equal(report.score, 5);
  assert.equal(report.maxScore, 6);
  assert.equal(report.passed, false);
  assert.equal(report.gradable, false);
  assert.equal(report.title, 'Title');
});
