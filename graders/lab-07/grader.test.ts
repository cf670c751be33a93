import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot } from '../../tests/snapshot-builder.ts';
import { canonical, clone } from '../common/testing/canonical.ts';
import { check, gradeById, text } from '../common/testing/grade.ts';
import { liveHpa } from '../common/testing/live-hpa.ts';
import { deploymentPods, liveDeployment, livePod } from '../common/testing/live-workloads.ts';
import { assertLabMetaMatches } from '../common/testing/lab-meta.ts';
import { containerCreating } from '../common/testing/variants.ts';
import { grader } from './grader.ts';
import type { Obj } from '../common/testing/obj.ts';

const realDeployments = (): Obj[] =>
  JSON.parse(realFixture('workloads/hotsos-cdk-v1.23-kube-system-deploymentlist-metrics-server.json')).items;
const realPods = (): Obj[] => JSON.parse(realFixture('pods/hotsos-cdk-v1.23-kube-system-podlist.json')).items;

interface Cluster {
  deploy: Obj;
  pods?: Obj[];
  extraPods?: Obj[];
  hpas?: Obj[];
}

function snapshotOf({ deploy, pods = deploymentPods(deploy), extraPods = [], hpas }: Cluster) {
  const probes: Record<string, object> = {
    'kube.deployments': kubeList([...realDeployments(), deploy]),
    'kube.pods': kubeList([...realPods(), ...pods, ...extraPods]),
  };
  if (hpas) probes['kube.hpa'] = kubeList(hpas);
  return makeSnapshot({ master: probes });
}
const grade = (c: Cluster) => gradeById(grader, snapshotOf(c));

const deployment = (mutate: (d: Obj) => void = () => {}, opts = {}): Obj => {
  const d = liveDeployment(clone(canonical().deployment1), opts);
  mutate(d);
  return d;
};
const tmplContainer = (d: Obj, name: string): Obj => d['spec']['template']['spec']['containers'].find((c: Obj) => c['name'] === name);
const ALL = ['deployment-exists', 'deployment-selector', 'deployment-replicas', 'template-containers', 'template-shared-volume'];

describe('lab-07 deployment1', { skip: sharedSkip }, () => {
  test('the answer sheet Deployment passes every check', () => {
    const r = grade({ deploy: deployment() });
    for (const id of ALL) assert.equal(check(r, id).status, 'passed', `${id}: ${text(check(r, id))}`);
  });

  test('the Q12 Deployment (no replicas, CPU requests) under an HPA passes at the HPA-chosen size', () => {
    const c = canonical();
    const d = liveDeployment(clone(c.deployment1Hpa), { replicas: 5 });
    const r = grade({ deploy: d, hpas: [liveHpa(c.hpa1, { current: 5 })] });
    for (const id of ALL) assert.equal(check(r, id).status, 'passed', `${id}: ${text(check(r, id))}`);
    assert.match(check(r, 'deployment-replicas').message.en, /managed by HPA hpa1/);
    assertLabMetaMatches(grader, snapshotOf({ deploy: d, hpas: [liveHpa(c.hpa1, { current: 5 })] }));
  });

  test('an HPA with minReplicas 2 does not excuse a Deployment at 2 replicas', () => {
    const c = canonical();
    const d = liveDeployment(clone(c.deployment1Hpa), { replicas: 2 });
    const h = clone(c.hpa1);
    h['spec']['minReplicas'] = 2;
    const r = check(grade({ deploy: d, hpas: [liveHpa(h, { current: 2 })] }), 'deployment-replicas');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /spec.replicas 2; 3 are expected/);
  });

  test('a missing Deployment fails; a missing probe is an error', () => {
    const r = gradeById(grader, makeSnapshot({ master: { 'kube.deployments': kubeList(realDeployments()), 'kube.pods': kubeList([]) } }));
    for (const id of ALL) assert.equal(check(r, id).status, 'failed');
    assert.equal(check(gradeById(grader, makeSnapshot({ master: {} })), 'deployment-exists').status, 'error');
  });

  test('selector app=app3 fails; the matchExpressions form of app=app2 passes; In (app2, app3) fails', () => {
    const app3 = deployment((d) => {
      d['spec']['selector'] = { matchLabels: { app: 'app3' } };
      d['spec']['template']['metadata']['labels'] = { app: 'app3' };
    });
    const r = check(grade({ deploy: app3, pods: [] }), 'deployment-selector');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /selector is app=app3; it should be app=app2/);
    const expr = deployment((d) => (d['spec']['selector'] = { matchExpressions: [{ key: 'app', operator: 'In', values: ['app2'] }] }));
    assert.equal(check(grade({ deploy: expr }), 'deployment-selector').status, 'passed');
    const wide = deployment(
      (d) => (d['spec']['selector'] = { matchExpressions: [{ key: 'app', operator: 'In', values: ['app2', 'app3'] }] }),
    );
    assert.equal(check(grade({ deploy: wide }), 'deployment-selector').status, 'failed');
  });

  test('2 of 3 replicas with a crash-looping pod fails and names pod, container and reason', () => {
    const d = deployment((x) => Object.assign(x['status'], { readyReplicas: 2, availableReplicas: 2 }));
    const pods = deploymentPods(d);
    Object.assign(pods[2]!['status']['containerStatuses'][0], {
      ready: false,
      state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "7143192/fileserver:latest"' } },
    });
    const r = check(grade({ deploy: d, pods }), 'deployment-replicas');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /has 2 ready replicas; 3 are expected.*fileserver.*ImagePullBackOff/);
    assert.match(r.hint?.en ?? '', /kubectl describe pod deployment1-/);
  });

  test('2 of 3 replicas while the rollout progresses is pending; the real ProgressDeadlineExceeded status fails', () => {
    const progressing = JSON.parse(realFixture('workloads/hotsos-cdk-v1.23-default-deploymentlist-unavailable.json')).items[0]['status'];
    const d = deployment((x) => (x['status'] = { ...progressing, readyReplicas: 2, replicas: 3, updatedReplicas: 3 }));
    assert.equal(check(grade({ deploy: d }), 'deployment-replicas').status, 'pending');
    const stalled = parse(realFixture('workloads/argo-deployment-progressdeadlineexceeded.yaml'))['status'];
    const s = deployment((x) => (x['status'] = { ...stalled, readyReplicas: 2 }));
    const r = check(grade({ deploy: s }), 'deployment-replicas');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /ProgressDeadlineExceeded/);
  });

  test('2 of 3 replicas on a settled Deployment fails with the command to run', () => {
    const d = deployment((x) => Object.assign(x['status'], { readyReplicas: 2, availableReplicas: 2 }));
    const r = check(grade({ deploy: d, pods: deploymentPods(d, 2) }), 'deployment-replicas');
    assert.equal(r.status, 'failed');
    assert.match(r.hint?.en ?? '', /kubectl get deploy deployment1/);
  });

  test('spec.replicas 2 fails even when both are ready', () => {
    const d = deployment((x) => {
      x['spec']['replicas'] = 2;
      Object.assign(x['status'], { readyReplicas: 2, replicas: 2 });
    });
    const r = check(grade({ deploy: d }), 'deployment-replicas');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /spec.replicas 2; 3 are expected/);
  });

  test('a bare pod labelled app=app2 is not taken for one of the replicas', () => {
    const d = deployment((x) => Object.assign(x['status'], { readyReplicas: 2, availableReplicas: 2 }));
    const stray = livePod({ metadata: { name: 'stray', labels: { app: 'app2' } }, spec: clone(d['spec']['template']['spec']) });
    stray['status']['containerStatuses'][0]['state'] = { waiting: { reason: 'CrashLoopBackOff' } };
    const r = check(grade({ deploy: d, pods: deploymentPods(d, 2), extraPods: [stray] }), 'deployment-replicas');
    assert.equal(r.status, 'failed');
    assert.doesNotMatch(r.message.en, /stray/);
  });

  test('separate volumes or a wrong mount path in the template fail', () => {
    const sep = deployment((d) => {
      d['spec']['template']['spec']['volumes'].push({ name: 'other', emptyDir: {} });
      tmplContainer(d, 'fileserver')['volumeMounts'][0]['name'] = 'other';
    });
    assert.equal(check(grade({ deploy: sep }), 'template-shared-volume').status, 'failed');
    const path = deployment((d) => (tmplContainer(d, 'fileserver')['volumeMounts'][0]['mountPath'] = '/srv/files'));
    const r = check(grade({ deploy: path }), 'template-containers');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /fileserver should mount the shared volume at \/usr\/share\/files; its mounts are: \/srv\/files/);
  });

  test('a PVC as the shared volume (Q8 exercise) is accepted in the template', () => {
    const d = deployment(
      (x) => (x['spec']['template']['spec']['volumes'][0] = { name: 'share-volume', persistentVolumeClaim: { claimName: 'files' } }),
    );
    const r = check(grade({ deploy: d }), 'template-shared-volume');
    assert.equal(r.status, 'passed');
    assert.match(r.message.en, /PVC/);
  });
  test('HPA scaled to 6 with 2 new pods still ContainerCreating is pending, saying pods are starting', () => {
    const c = canonical();
    const d = liveDeployment(clone(c.deployment1Hpa), { replicas: 6 });
    Object.assign(d['status'], { readyReplicas: 4, availableReplicas: 4 });
    const pods = deploymentPods(d).map((p, i) => (i >= 4 ? containerCreating(p) : p));
    const r = check(grade({ deploy: d, pods, hpas: [liveHpa(c.hpa1, { current: 4, desired: 6 })] }), 'deployment-replicas');
    assert.equal(r.status, 'pending');
    // Before: "A rollout is still in progress", while nothing was being rolled out.
    assert.match(r.message.en, /4 ready replicas; 6 are expected.*still starting/);
  });

  test('a crash-looping pod of a look-alike Deployment deployment1-old (same app=app2) is not blamed on deployment1', () => {
    // Before: pods owned by ReplicaSet deployment1-old-<hash> counted as deployment1's (name prefix "deployment1-").
    const d = deployment((x) => Object.assign(x['status'], { readyReplicas: 2, availableReplicas: 2 }));
    const pods = deploymentPods(d).map((p, i) => (i === 2 ? containerCreating(p) : p));
    const oldDeploy = deployment((x) => (x['metadata']['name'] = 'deployment1-old'));
    const [oldPod] = deploymentPods(oldDeploy, 1);
    oldPod!['status']['containerStatuses'][0]['state'] = { waiting: { reason: 'CrashLoopBackOff' } };
    const r = check(grade({ deploy: d, pods, extraPods: [oldPod!] }), 'deployment-replicas');
    assert.equal(r.status, 'pending', r.message.en);
    assert.doesNotMatch(r.message.en, /deployment1-old|CrashLoopBackOff/);
  });
});
