import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeSnapshot } from '../../tests/snapshot-builder.ts';
import type { HostsConfig } from '../config/hosts-config.ts';
import { t } from '../shared/i18n.ts';
import type { LabId, LabMeta } from '../shared/lab.ts';
import { GradeReport } from '../shared/report.ts';
import type { Snapshot } from '../shared/snapshot.ts';
import { gradeLabs, gradeSnapshot, MissingGraderError, observationFor, type CollectorPort, type GradeProgress } from './grade-lab.ts';
import type { Grader } from './grader.ts';
import { lab } from './reporters/sample-reports.fixture.ts';
import { failed, passed } from './verdict.ts';

// A grader that passes when the master answered `host.hostname`, and fails otherwise.
function hostnameGrader(id: LabId): Grader {
  return {
    lab: id,
    checks: [
      {
        id: 'has-hostname',
        title: t('主机名', 'hostname'),
        points: 2,
        run: (v) => (v.stdout('master', 'host.hostname').trim() ? passed(t('有', 'yes')) : failed(t('无', 'no'), t('设置', 'set it'))),
      },
      {
        id: 'series',
        title: t('序列', 'series'),
        points: 1,
        run: (v) => (v.snapshot.series?.length ? passed(t('有', 'yes')) : failed(t('无', 'no'), t('观察', 'observe'))),
      },
    ],
  };
}

const LAB10 = lab('lab-10', 10, 3);
const LAB13: LabMeta = {
  ...lab('lab-13', 13, 3),
  observe: { probes: ['kube.hpa', 'kube.deployments'], intervalSeconds: 15, durationSeconds: 300 },
};
const GRADERS = new Map<LabId, Grader>([
  ['lab-10', hostnameGrader('lab-10')],
  ['lab-13', hostnameGrader('lab-13')],
]);
const CONFIG = { path: '/x/k8s-labs.yaml', hosts: [] } as unknown as HostsConfig;

function fakeCollector(log: string[]): CollectorPort {
  return {
    planFor: (labs) => {
      log.push(`plan ${labs.map((l) => l.id).join(',')}`);
      return { master: ['host.hostname'], worker: [] };
    },
    collectSnapshot: async (config, plan, opts) => {
      log.push(`collect ${config.path} ${plan.master.join(',')} mode=${opts?.mode ?? 'default'} signal=${opts?.signal ? 'yes' : 'no'}`);
      opts?.onProgress?.({ host: 'master', phase: 'connecting' });
      opts?.onProgress?.({ host: 'master', phase: 'done', probes: 1 });
      const snapshot = makeSnapshot({ master: { 'host.hostname': 'ubuntu\n' } });
      return { snapshot, stats: { hosts: [{ name: 'master', roundTrips: 1, bytesIn: 10, bytesOut: 20, ms: 5 }], ms: 6 } };
    },
    observeSeries: async (_config, probes, opts) => {
      log.push(`observe ${probes.join(',')} ${opts.durationSeconds}s/${opts.intervalSeconds}s`);
      opts.onProgress?.({ host: 'master', phase: 'done', probes: probes.length });
      const probe = { stdout: '{}', stderr: '', exitCode: 0 };
      return [
        { t: '2026-11-27T12:00:30Z', host: 'master', probes: { 'kube.hpa': probe } },
        { t: '2026-11-27T12:00:15Z', host: 'master', probes: { 'kube.hpa': probe } },
      ];
    },
  };
}

test('a snapshot is graded offline, one schema-valid report per lab in the given order', async () => {
  const snapshot = makeSnapshot({ master: { 'host.hostname': 'ubuntu' } });
  const progress: GradeProgress[] = [];
  const out = await gradeLabs(
    [LAB13, LAB10],
    { kind: 'snapshot', snapshot },
    { lang: 'en', graders: GRADERS, onProgress: (p) => progress.push(p), now: () => new Date('2026-11-27T13:00:00Z') },
  );
  assert.equal(out.snapshot, snapshot);
  assert.equal(out.stats, undefined);
  assert.deepEqual(
    out.reports.map((r) => [r.lab, r.score, r.maxScore, r.gradedAt]),
    [
      ['lab-13', 2, 3, '2026-11-27T13:00:00.000Z'],
      ['lab-10', 2, 3, '2026-11-27T13:00:00.000Z'],
    ],
  );
  for (const r of out.reports) GradeReport.parse(r);
  assert.deepEqual(progress, [{ stage: 'grade', labs: ['lab-13', 'lab-10'] }]);
});

test('a missing probe makes an error check, not a crash', () => {
  const [report] = gradeSnapshot([LAB10], makeSnapshot({ master: {} }), { lang: 'zh', graders: GRADERS });
  assert.equal(report?.checks[0]?.status, 'error');
  assert.equal(report?.gradable, false);
});

test('a lab without a grader is refused before anything is collected', async () => {
  const log: string[] = [];
  await assert.rejects(
    gradeLabs([lab('lab-05', 5, 1)], { kind: 'live', config: CONFIG }, { lang: 'en', graders: GRADERS, collector: fakeCollector(log) }),
    MissingGraderError,
  );
  assert.deepEqual(log, []);
});

test('live: plans the union of probes, collects once, forwards progress and stats', async () => {
  const log: string[] = [];
  const progress: GradeProgress[] = [];
  const signal = new AbortController().signal;
  const out = await gradeLabs(
    [LAB10],
    { kind: 'live', config: CONFIG, mode: 'naive' },
    { lang: 'en', graders: GRADERS, collector: fakeCollector(log), onProgress: (p) => progress.push(p), signal },
  );
  assert.deepEqual(log, ['plan lab-10', 'collect /x/k8s-labs.yaml host.hostname mode=naive signal=yes']);
  assert.equal(out.stats?.hosts[0]?.roundTrips, 1);
  assert.equal(out.reports[0]?.checks[0]?.status, 'passed');
  assert.deepEqual(
    progress.map((p) => p.stage),
    ['collect', 'collect', 'grade'],
  );
});

test('live with a lab graded over time: observes with its probes and attaches the series in time order', async () => {
  const log: string[] = [];
  const progress: GradeProgress[] = [];
  const out = await gradeLabs(
    [LAB10, LAB13],
    { kind: 'live', config: CONFIG, observeSeconds: 60 },
    { lang: 'en', graders: GRADERS, collector: fakeCollector(log), onProgress: (p) => progress.push(p) },
  );
  assert.deepEqual(log.slice(2), ['observe kube.hpa,kube.deployments 60s/15s']);
  assert.deepEqual(
    out.snapshot.series?.map((s) => s.t),
    ['2026-11-27T12:00:15Z', '2026-11-27T12:00:30Z'],
  );
  assert.deepEqual(progress[2], {
    stage: 'observe-start',
    durationSeconds: 60,
    intervalSeconds: 15,
    probes: ['kube.hpa', 'kube.deployments'],
  });
  assert.equal(progress[3]?.stage, 'observe');
  assert.equal(out.reports[1]?.checks[1]?.status, 'passed');
});

test('observeSeconds 0 skips the observation', async () => {
  const log: string[] = [];
  const out = await gradeLabs(
    [LAB13],
    { kind: 'live', config: CONFIG, observeSeconds: 0 },
    { lang: 'en', graders: GRADERS, collector: fakeCollector(log) },
  );
  assert.equal(log.length, 2);
  assert.equal((out.snapshot as Snapshot).series, undefined);
});

test('observationFor: the longest duration, the shortest interval, the union of probes; several labs observe only when asked', () => {
  const other: LabMeta = {
    ...lab('lab-12', 12, 1),
    observe: { probes: ['kube.hpa', 'kube.metrics'], intervalSeconds: 30, durationSeconds: 600 },
  };
  assert.equal(observationFor([LAB13, other]), undefined, 'grade all does not wait unless --observe is given');
  assert.equal(observationFor([LAB13])?.durationSeconds, LAB13.observe?.durationSeconds, 'lab-13 alone observes for its default length');
  assert.deepEqual(observationFor([LAB13, other], 600), {
    durationSeconds: 600,
    intervalSeconds: 15,
    probes: ['kube.hpa', 'kube.deployments', 'kube.metrics'],
  });
  assert.deepEqual(observationFor([LAB13], 45)?.durationSeconds, 45);
  assert.equal(observationFor([LAB10]), undefined);
  assert.equal(observationFor([LAB10], 60), undefined);
  assert.equal(observationFor([{ ...LAB13, observe: { probes: ['kube.hpa'], intervalSeconds: 15, durationSeconds: 0 } }]), undefined);
});
