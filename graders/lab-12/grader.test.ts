import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot, type ProbeInput } from '../../tests/snapshot-builder.ts';
import { canonical, clone } from '../common/testing/canonical.ts';
import { check, gradeById, text } from '../common/testing/grade.ts';
import { liveHpa, podMetrics } from '../common/testing/live-hpa.ts';
import { deploymentPods, liveDeployment } from '../common/testing/live-workloads.ts';
import { assertLabMetaMatches } from '../common/testing/lab-meta.ts';
import { grader } from './grader.ts';
import type { Obj } from '../common/testing/obj.ts';

const ALL = ['hpa-target', 'hpa-replica-range', 'hpa-cpu-target', 'cpu-requests', 'metrics-api', 'hpa-scaling-active'];
const realDeploys = (f = 'workloads/hotsos-cdk-v1.23-kube-system-deploymentlist-metrics-server.json'): Obj[] =>
  JSON.parse(realFixture(f)).items;
/** The real error kubectl printed on a kubeadm cluster whose metrics-server was not serving. */
const UNAVAILABLE =
  realFixture('hpa/kubeadm-v1.22.8-kubectl-top-metrics-server-unavailable-transcript.txt')
    .split('\n')
    .find((l) => l.includes('pods.metrics.k8s.io')) ?? '';

interface Cluster {
  deploy?: Obj;
  hpas?: Obj[];
  metrics?: ProbeInput;
  systemDeploys?: Obj[];
  drop?: string[];
}

function snapshotOf(c: Cluster = {}) {
  const m = canonical();
  const deploy = c.deploy ?? liveDeployment(clone(m.deployment1Hpa), { replicas: 3 });
  const pods = deploymentPods(deploy);
  const probes: Record<string, ProbeInput | object> = {
    'kube.hpa': kubeList(c.hpas ?? [liveHpa(clone(m.hpa1))]),
    'kube.deployments': kubeList([...(c.systemDeploys ?? realDeploys()), deploy]),
    'kube.pods': kubeList(pods),
    'kube.metrics': c.metrics ?? podMetrics(pods),
  };
  for (const d of c.drop ?? []) delete probes[d];
  return makeSnapshot({ master: probes });
}
const grade = (c: Cluster = {}) => gradeById(grader, snapshotOf(c));

const hpa = (mutate: (h: Obj) => void, state = {}): Obj => {
  const manifest = clone(canonical().hpa1);
  mutate(manifest);
  return liveHpa(manifest, state);
};
const metricSpec = (h: Obj): Obj => h['spec']['metrics'][0]['resource'];

describe('lab-12 hpa1', { skip: sharedSkip }, () => {
  test('the answer sheet HPA and Q12 Deployment pass every check', () => {
    const r = grade();
    for (const id of ALL) assert.equal(check(r, id).status, 'passed', `${id}: ${text(check(r, id))}`);
    assert.match(check(r, 'cpu-requests').message.en, /fileserver 200m, downloader 200m/);
    assertLabMetaMatches(grader, snapshotOf());
  });

  test('a missing hpa1 fails; a missing kube.hpa probe is an error', () => {
    const r = grade({ hpas: [] });
    for (const id of ['hpa-target', 'hpa-replica-range', 'hpa-cpu-target', 'hpa-scaling-active'])
      assert.equal(check(r, id).status, 'failed', id);
    const e = grade({ drop: ['kube.hpa'] });
    assert.equal(check(e, 'hpa-target').status, 'error');
    assert.equal(check(e, 'cpu-requests').status, 'passed', 'cpu-requests falls back to deployment1 without kube.hpa');
  });

  test('averageValue instead of averageUtilization fails and explains the difference', () => {
    const r = check(
      grade({ hpas: [hpa((h) => (metricSpec(h)['target'] = { type: 'AverageValue', averageValue: '80m' }))] }),
      'hpa-cpu-target',
    );
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /averageValue 80m: an absolute amount of CPU per pod/);
  });

  test('min 2 fails the range; a wrong percentage or an extra memory metric fail the target', () => {
    assert.match(
      check(grade({ hpas: [hpa((h) => (h['spec']['minReplicas'] = 2))] }), 'hpa-replica-range').message.en,
      /minReplicas 2 and maxReplicas 6; 3 and 6 are expected/,
    );
    assert.equal(
      check(grade({ hpas: [hpa((h) => (metricSpec(h)['target']['averageUtilization'] = 50))] }), 'hpa-cpu-target').status,
      'failed',
    );
    const mem = hpa((h) =>
      h['spec']['metrics'].push({
        type: 'Resource',
        resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 60 } },
      }),
    );
    assert.match(check(grade({ hpas: [mem] }), 'hpa-cpu-target').message.en, /other metrics/);
  });

  test('a v1 manifest (targetCPUUtilizationPercentage: 40) is accepted, with the reason, whichever version kubectl served', () => {
    const applied = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'hpa1' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'deployment1' },
        minReplicas: 3,
        maxReplicas: 6,
        targetCPUUtilizationPercentage: 40,
      },
    };
    const asV2 = hpa((h) => delete h['spec']['behavior']);
    asV2['metadata']['annotations'] = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) };
    const r = grade({ hpas: [asV2] });
    for (const id of ALL) assert.equal(check(r, id).status, 'passed', `${id}: ${text(check(r, id))}`);
    assert.match(check(r, 'hpa-cpu-target').message.en, /written as autoscaling\/v1.*Accepted/);
    const asV1 = {
      ...applied,
      metadata: {
        name: 'hpa1',
        namespace: 'default',
        annotations: {
          'autoscaling.alpha.kubernetes.io/conditions': JSON.stringify([
            { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: 'ok' },
          ]),
        },
      },
      status: { currentReplicas: 3, desiredReplicas: 3, currentCPUUtilizationPercentage: 7 },
    };
    const v1 = grade({ hpas: [asV1] });
    for (const id of ALL) assert.equal(check(v1, id).status, 'passed', `${id}: ${text(check(v1, id))}`);
    assert.match(check(v1, 'hpa-scaling-active').message.en, /7 %/);
  });

  test('real HPAs: the v1 FailedGetScale one fails on AbleToScale; the hand-edited v2 one reads its 80 %; a Rollout target fails', () => {
    const k9s = JSON.parse(realFixture('hpa/k9s-hpa-autoscaling-v1-failedgetscale.json'));
    Object.assign(k9s['metadata'], { name: 'hpa1' });
    k9s['spec']['scaleTargetRef']['name'] = 'deployment1';
    const r = check(grade({ hpas: [k9s] }), 'hpa-scaling-active');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /AbleToScale is False \(FailedGetScale\)/);
    const edited = parse(realFixture('hpa/argo-hpa-v2-healthy-EDITED.yaml'));
    edited['metadata']['name'] = 'hpa1';
    edited['spec']['scaleTargetRef']['name'] = 'deployment1';
    const e = grade({ hpas: [edited] });
    assert.match(check(e, 'hpa-cpu-target').message.en, /targets 80 % CPU utilization/);
    assert.equal(check(e, 'hpa-scaling-active').status, 'passed');
    const rollout = parse(realFixture('hpa/argo-hpa-v2beta2-healthy.yaml'));
    rollout['metadata']['name'] = 'hpa1';
    assert.match(check(grade({ hpas: [rollout] }), 'hpa-target').message.en, /Rollout\/credential-rollout/);
  });

  test('a missing CPU request on downloader fails and names it; a CPU limit alone is accepted', () => {
    const d = liveDeployment(clone(canonical().deployment1Hpa), { replicas: 3 });
    delete d['spec']['template']['spec']['containers'][1]['resources'];
    const r = check(grade({ deploy: d }), 'cpu-requests');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /container downloader has no CPU request/);
    const lim = liveDeployment(clone(canonical().deployment1Hpa), { replicas: 3 });
    delete lim['spec']['template']['spec']['containers'][1]['resources']['requests'];
    const l = check(grade({ deploy: lim }), 'cpu-requests');
    assert.equal(l.status, 'passed');
    assert.match(l.message.en, /request = limit/);
  });

  test('metrics API 503 fails with the metrics-server hints; not installed fails; other errors are errors', () => {
    const r = check(
      grade({
        metrics: { stdout: '', stderr: UNAVAILABLE, exitCode: 1 },
        systemDeploys: realDeploys('workloads/troubleshoot-k3d-deploymentlist-kube-system-metrics-server.json'),
      }),
      'metrics-api',
    );
    assert.equal(r.status, 'failed');
    assert.match(r.hint?.en ?? '', /--kubelet-insecure-tls/);
    assert.match(r.hint?.en ?? '', /taint/);
    assert.match(r.message.en, /lacks --kubelet-insecure-tls/);
    const nf = check(
      grade({
        metrics: { stdout: '', stderr: 'Error from server (NotFound): the server could not find the requested resource', exitCode: 1 },
      }),
      'metrics-api',
    );
    assert.match(nf.message.en, /not installed/);
    assert.equal(
      check(
        grade({ metrics: { stdout: '', stderr: 'error: You must be logged in to the server (Unauthorized)', exitCode: 1 } }),
        'metrics-api',
      ).status,
      'error',
    );
    assert.equal(check(grade({ drop: ['kube.metrics'] }), 'metrics-api').status, 'error');
    assert.equal(
      check(grade({ metrics: '{"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[]}' }), 'metrics-api')
        .status,
      'pending',
    );
  });

  test('ScalingActive False (FailedGetResourceMetric) fails with the reason; no status is pending; a fresh pod is pending', () => {
    const msg =
      'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    const conditions = [
      {
        type: 'AbleToScale',
        status: 'True',
        reason: 'SucceededGetScale',
        message: "the HPA controller was able to get the target's current scale",
      },
      { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: msg },
    ];
    const r = check(grade({ hpas: [hpa(() => {}, { conditions })] }), 'hpa-scaling-active');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /ScalingActive is False \(FailedGetResourceMetric\)/);
    assert.match(r.hint?.en ?? '', /metrics-server/);
    assert.equal(check(grade({ hpas: [hpa(() => {}, { noStatus: true })] }), 'hpa-scaling-active').status, 'pending');
    const fresh = [
      {
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message:
          'the HPA was unable to compute the replica count: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)',
      },
    ];
    assert.equal(check(grade({ hpas: [hpa(() => {}, { conditions: fresh })] }), 'hpa-scaling-active').status, 'pending');
    const noReq = [
      {
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message:
          'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container downloader of Pod deployment1-6d4cf56db6-7xk2p',
      },
    ];
    assert.match(check(grade({ hpas: [hpa(() => {}, { conditions: noReq })] }), 'hpa-scaling-active').hint?.en ?? '', /requests.cpu/);
  });
  test('an HPA aimed at deployment2 (with requests) does not make cpu-requests grade deployment2 instead of deployment1', () => {
    // Before: cpu-requests followed scaleTargetRef and passed on deployment2 while deployment1 (Q7's) had no requests.
    const m = canonical();
    const d2 = liveDeployment(clone(m.deployment1Hpa), { replicas: 3 });
    d2['metadata']['name'] = 'deployment2';
    const d1 = liveDeployment(clone(m.deployment1));
    const r = grade({
      deploy: d1,
      systemDeploys: [...realDeploys(), d2],
      hpas: [hpa((h) => (h['spec']['scaleTargetRef']['name'] = 'deployment2'))],
    });
    assert.equal(check(r, 'hpa-target').status, 'failed');
    const req = check(r, 'cpu-requests');
    assert.equal(req.status, 'failed', text(req));
    assert.match(req.message.en, /containers fileserver, downloader have no CPU request/);
  });
});
