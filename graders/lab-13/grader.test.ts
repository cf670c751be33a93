import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot, toProbe } from '../../tests/snapshot-builder.ts';
import type { SeriesEntry } from '../../src/shared/snapshot.ts';
import { canonical, clone } from '../common/testing/canonical.ts';
import { check, gradeById, text } from '../common/testing/grade.ts';
import { liveHpa } from '../common/testing/live-hpa.ts';
import { liveDeployment } from '../common/testing/live-workloads.ts';
import { assertLabMetaMatches } from '../common/testing/lab-meta.ts';
import { grader } from './grader.ts';
import type { Obj } from '../common/testing/obj.ts';

const hpa = (mutate: (h: Obj) => void = () => {}, state = {}): Obj => {
  const m = clone(canonical().hpa1);
  mutate(m);
  return liveHpa(m, state);
};
const policies =
  (...ps: Obj[]) =>
  (h: Obj) =>
    (h['spec']['behavior']['scaleDown']['policies'] = ps);
const P10 = { type: 'Percent', value: 10, periodSeconds: 60 };

/** One sample every 15 s: hpa1 (and deployment1) at the given replica counts, CPU high while rising. */
function series(counts: number[], opts: { deployments?: boolean; hpaStdout?: (i: number) => object } = {}): SeriesEntry[] {
  const start = Date.parse('2026-11-27T12:00:00Z');
  return counts.map((n, i) => {
    const probes: SeriesEntry['probes'] = {
      'kube.hpa': toProbe(opts.hpaStdout?.(i) ?? kubeList([hpa(() => {}, { current: n, desired: n, cpu: i < 20 ? 180 : 3 })])),
    };
    if (opts.deployments !== false)
      probes['kube.deployments'] = toProbe(kubeList([liveDeployment(clone(canonical().deployment1Hpa), { replicas: n })]));
    return { t: new Date(start + i * 15_000).toISOString(), host: 'k8s-master', probes };
  });
}
const repeat = (n: number, times: number): number[] => Array.from({ length: times }, () => n);
/** Load, scale-up 3→6, 300 s stabilization, then one pod a minute: what a correct cluster shows. */
const GOOD = [...repeat(3, 3), ...repeat(6, 24), ...repeat(5, 4), ...repeat(4, 4), ...repeat(3, 4)];

const grade = (hpas: Obj[], s?: SeriesEntry[]) =>
  gradeById(grader, makeSnapshot({ master: { 'kube.hpa': kubeList(hpas) } }, s ? { series: s } : {}));
const policy = (h: Obj) => check(grade([h]), 'scale-down-policy');
const behaviour = (s: SeriesEntry[]) => check(grade([hpa()], s), 'observed-behaviour');

describe('lab-13 scale-down policy', { skip: sharedSkip }, () => {
  test('the answer sheet HPA passes and explains one pod a minute and the stabilization window', () => {
    const r = policy(hpa());
    assert.equal(r.status, 'passed', text(r));
    assert.match(r.message.en, /6 →5 \(0 s\) →4 \(60 s\) →3 \(120 s\)/);
    assert.match(r.message.en, /default 300 s stabilization window/);
  });

  test('a Pods 1 policy alone fails: it is a count, not a rate', () => {
    const r = policy(hpa(policies({ type: 'Pods', value: 1, periodSeconds: 60 })));
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /fixed number of pods, not a rate/);
  });

  test('Percent 10 with a Pods 4 policy (selectPolicy Max) is defeated; with selectPolicy Min it is not', () => {
    const r = policy(hpa(policies(P10, { type: 'Pods', value: 4, periodSeconds: 60 })));
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /faster than 10 % a minute.*Pods 4\/60s/);
    const min = hpa((h) => {
      h['spec']['behavior']['scaleDown'] = { selectPolicy: 'Min', policies: [P10, { type: 'Pods', value: 4, periodSeconds: 60 }] };
    });
    assert.equal(policy(min).status, 'passed');
    assert.equal(
      policy(hpa(policies(P10, { type: 'Pods', value: 1, periodSeconds: 60 }))).status,
      'passed',
      'Pods 1 beside Percent 10 changes nothing',
    );
  });

  test('selectPolicy Disabled, no behavior at all, or a slower period fail', () => {
    assert.match(policy(hpa((h) => (h['spec']['behavior']['scaleDown']['selectPolicy'] = 'Disabled'))).message.en, /forbids scaling down/);
    assert.match(policy(hpa((h) => delete h['spec']['behavior'])).message.en, /no behavior.scaleDown/);
    const slow = policy(hpa(policies(P10, { type: 'Percent', value: 10, periodSeconds: 120 }), {}));
    assert.equal(slow.status, 'passed', 'Max picks the looser Percent 10 / 60 s');
    assert.equal(
      policy(
        hpa(
          (h) =>
            (h['spec']['behavior']['scaleDown'] = {
              selectPolicy: 'Min',
              policies: [P10, { type: 'Percent', value: 10, periodSeconds: 120 }],
            }),
        ),
      ).status,
      'failed',
    );
  });

  test('an HPA served as autoscaling/v1 carries behavior in an annotation (Go field names) and is read', () => {
    const v1 = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'hpa1',
        namespace: 'default',
        annotations: {
          'autoscaling.alpha.kubernetes.io/behavior': JSON.stringify({
            ScaleUp: { StabilizationWindowSeconds: 0, SelectPolicy: 'Max', Policies: [{ Type: 'Pods', Value: 4, PeriodSeconds: 15 }] },
            ScaleDown: {
              StabilizationWindowSeconds: null,
              SelectPolicy: 'Max',
              Policies: [{ Type: 'Percent', Value: 10, PeriodSeconds: 60 }],
            },
          }),
        },
      },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'deployment1' },
        minReplicas: 3,
        maxReplicas: 6,
        targetCPUUtilizationPercentage: 40,
      },
    };
    assert.equal(policy(v1).status, 'passed');
  });

  test('no hpa1 fails; no kube.hpa probe is an error', () => {
    assert.equal(policy({ ...hpa(), metadata: { name: 'other', namespace: 'default' } }).status, 'failed');
    assert.equal(check(gradeById(grader, makeSnapshot({ master: {} })), 'scale-down-policy').status, 'error');
  });
});

describe('lab-13 observed behaviour', { skip: sharedSkip }, () => {
  test('without a series the behaviour check is skipped and says how to collect one', () => {
    const r = check(grade([hpa()]), 'observed-behaviour');
    assert.equal(r.status, 'skipped');
    assert.match(r.message.en, /npm run grade lab-13 -- --observe 600/);
  });

  test('rise to 6, stabilization, one pod a minute down to 3: passes, with a timeline for the chart', () => {
    const r = behaviour(series(GOOD));
    assert.equal(r.status, 'passed', text(r));
    assert.match(r.message.en, /rose to 6.*6→5 \(\+405s\), 5→4 \(\+465s\), 4→3 \(\+525s\)/);
    assertLabMetaMatches(grader, makeSnapshot({ master: { 'kube.hpa': kubeList([hpa()]) } }, { series: series(GOOD) }));
    const data = r.data as {
      timeline: { t: string; replicas: number; desired: number; cpu: number; specReplicas: number }[];
      expectedScaleDown: unknown[];
    };
    assert.equal(data.timeline.length, GOOD.length);
    assert.deepEqual(Object.keys(data.timeline[3] ?? {}).sort(), ['cpu', 'desired', 'replicas', 's', 'scale', 'specReplicas', 't']);
    assert.ok(data.expectedScaleDown.length > 0);
  });

  test('the same series read from hpa1 alone (no kube.deployments samples) passes too', () => {
    assert.equal(behaviour(series(GOOD, { deployments: false })).status, 'passed');
  });

  test('6→3 within one minute fails with the times and the allowed floor', () => {
    const r = behaviour(series([...repeat(3, 2), ...repeat(6, 24), 5, 4, 3, 3, 3]));
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /replicas fell from 6 to 4; 10 % a minute allows no lower than 5/);
  });

  test('a series that goes down to 2 fails on the minimum', () => {
    const r = behaviour(series([...repeat(6, 24), ...repeat(5, 4), ...repeat(4, 4), ...repeat(3, 4), ...repeat(2, 4)]));
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /2 replicas, below the minimum of 3/);
  });

  test('going above 6 fails; starting at 1 before the HPA acts does not', () => {
    assert.match(behaviour(series([3, 6, 7, 7, 6])).message.en, /above the maximum of 6/);
    const r = behaviour(series([1, 1, 3, 3, 6, 6]));
    assert.notEqual(r.status, 'failed', text(r));
  });

  test('a drop right after a scale-up is not judged: the controller counts the period start before the scale-up', () => {
    // periodStart = current − added + deleted: 6 − 3 = 3, so with no stabilization window 6 → 3 is legal at once.
    const r = behaviour(series([3, 3, 6, 3, 3]));
    assert.notEqual(r.status, 'failed', text(r));
  });

  test('no rise under load is pending; a rise without scale-down yet is pending', () => {
    const flat = behaviour(series(repeat(3, 10)));
    assert.equal(flat.status, 'pending');
    assert.match(flat.message.en, /no scale-up under load/);
    const up = behaviour(series([3, 3, ...repeat(6, 10)]));
    assert.equal(up.status, 'pending');
    assert.match(up.hint?.en ?? '', /300 s stabilization window/);
  });

  test('failed kube.hpa samples everywhere are an error; samples without hpa1 fail', () => {
    const broken = series([3, 3, 3]).map((e) => ({
      ...e,
      probes: { 'kube.hpa': { stdout: '', stderr: 'Unable to connect to the server', exitCode: 1 } },
    }));
    assert.equal(behaviour(broken).status, 'error');
    const none = series([3, 3, 3], { hpaStdout: () => kubeList([]) });
    assert.equal(behaviour(none).status, 'failed');
  });
});
