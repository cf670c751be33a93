import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { canonical, clone } from '../common/testing/canonical.ts';
import { check, text } from '../common/testing/grade.ts';
import { deploymentPods, liveDeployment, livePvc } from '../common/testing/live-workloads.ts';
import { assertLabMetaMatches } from '../common/testing/lab-meta.ts';
import { grader } from './grader.ts';
import { ALL, grade, pvcDeployment, snapshotOf } from './testdata/cluster.ts';

describe('lab-08 optional PVC exercise', { skip: sharedSkip }, () => {
  test('not attempted (the answer sheet emptyDir Deployment): every check is skipped, even without kube.pvc', () => {
    const d = liveDeployment(clone(canonical().deployment1));
    const r = grade({ deploy: d, noPvcProbe: true });
    for (const id of ALL) {
      assert.equal(check(r, id).status, 'skipped', id);
      assert.equal(check(r, id).points, 0);
    }
    assert.match(check(r, 'pvc-mounted').message.en, /Optional exercise not attempted/);
    // An older snapshot has neither kube.pv nor pvc.share-test; a new one has the probe's exit 5.
    const old = grade({ deploy: d, noPvcProbe: true, pvs: null, share: null });
    for (const id of ALL) assert.equal(check(old, id).status, 'skipped', id);
    const exit5 = grade({
      deploy: d,
      share: {
        stdout: '',
        stderr: 'k8s-labs: pvc.share-test: Pod deployment1-6d4cf56db6-7xk2p (namespace default) has no persistentVolumeClaim volume\n',
        exitCode: 5,
      },
    });
    for (const id of ALL) assert.equal(check(exit5, id).status, 'skipped', id);
    assert.match(check(exit5, 'pvc-files-shared').message.en, /Optional exercise not attempted/);
  });

  test('a ReadWriteMany PVC, Bound, mounted by 3 replicas on two nodes passes every check', () => {
    const r = grade();
    for (const id of ALL) assert.equal(check(r, id).status, 'passed', `${id}: ${text(check(r, id))}`);
    assertLabMetaMatches(grader, snapshotOf());
  });

  test('once attempted, a missing kube.pvc probe is an error', () => {
    assert.equal(check(grade({ noPvcProbe: true }), 'pvc-bound').status, 'error');
  });

  test('ReadWriteOnce passes only when every replica sits on one node, and says why', () => {
    const pvcs = [livePvc('files', { accessModes: ['ReadWriteOnce'] })];
    const one = check(grade({ pvcs, nodes: ['worker'] }), 'pvc-access-mode');
    assert.equal(one.status, 'passed');
    assert.match(one.message.en, /ReadWriteOnce limits nodes, not pods/);
    // Without kube.pv (an older snapshot) the storage is unknown: the generic explanation.
    const two = check(grade({ pvcs, nodes: ['worker', 'master'], pvs: null }), 'pvc-access-mode');
    assert.equal(two.status, 'failed');
    assert.match(two.message.en, /Multi-Attach/);
    assert.equal(check(grade({ pvcs: [livePvc('files', { accessModes: ['ReadWriteOncePod'] })] }), 'pvc-access-mode').status, 'failed');
  });

  test('the real Bound and Pending claims, renamed files, are read from their real shape', () => {
    const boundReal = parse(realFixture('workloads/argo-pvc-bound.yaml'));
    boundReal['metadata'] = { ...boundReal['metadata'], name: 'files', namespace: 'default' };
    const r = grade({ pvcs: [boundReal], nodes: ['worker'] });
    assert.equal(check(r, 'pvc-bound').status, 'passed');
    assert.equal(check(r, 'pvc-access-mode').status, 'passed');
    const pendingReal = parse(realFixture('workloads/argo-pvc-pending.yaml'));
    pendingReal['metadata'] = { ...pendingReal['metadata'], name: 'files', namespace: 'default' };
    const p = check(grade({ pvcs: [pendingReal] }), 'pvc-bound');
    assert.equal(p.status, 'failed');
    assert.match(p.hint?.en ?? '', /kubectl describe pvc files/);
  });

  test('a claim created seconds ago and still Pending is pending; a missing claim fails', () => {
    const fresh = livePvc('files', { phase: 'Pending' });
    fresh['metadata']['creationTimestamp'] = '2026-11-27T11:59:40Z';
    assert.equal(check(grade({ pvcs: [fresh] }), 'pvc-bound').status, 'pending');
    const d = pvcDeployment();
    const pods = deploymentPods(d).map((p) => {
      p['status'] = {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/2 nodes are available: persistentvolumeclaim "files" not found.',
          },
        ],
      };
      return p;
    });
    const r = grade({ deploy: d, pods, pvcs: [] });
    assert.equal(check(r, 'pvc-bound').status, 'failed');
    assert.match(check(r, 'pvc-replicas-running').message.en, /persistentvolumeclaim "files" not found/);
  });

  test('a PVC holding only /data while the fileserver keeps its emptyDir fails the mount check', () => {
    const d = pvcDeployment((x) => {
      x['spec']['template']['spec']['volumes'].push({ name: 'files-cache', emptyDir: {} });
      x['spec']['template']['spec']['containers'][0]['volumeMounts'][0]['name'] = 'files-cache';
    });
    const r = check(grade({ deploy: d }), 'pvc-mounted');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /fileserver:\/usr\/share\/files is not on the PVC/);
  });

  test('replicas still attaching are pending; a single replica fails', () => {
    const d = pvcDeployment();
    const pods = deploymentPods(d);
    pods[2]!['status'] = {
      phase: 'Pending',
      containerStatuses: [{ name: 'fileserver', ready: false, state: { waiting: { reason: 'ContainerCreating' } } }],
    };
    const r = check(grade({ deploy: d, pods }), 'pvc-replicas-running');
    assert.equal(r.status, 'pending');
    assert.match(r.hint?.en ?? '', /Multi-Attach/);
    const single = pvcDeployment((x) => (x['spec']['replicas'] = 1));
    assert.equal(check(grade({ deploy: single }), 'pvc-replicas-running').status, 'failed');
  });
  test('a look-alike deployment1-old (app=app2) whose pods mount a PVC does not count as attempting the exercise', () => {
    // Before: its pods (ReplicaSet deployment1-old-<hash>) counted as deployment1's, so the checks ran and failed.
    const d = liveDeployment(clone(canonical().deployment1));
    const other = pvcDeployment((x) => (x['metadata']['name'] = 'deployment1-old'));
    const r = grade({ deploy: d, pods: [...deploymentPods(d), ...deploymentPods(other, 1)] });
    for (const id of ALL) assert.equal(check(r, id).status, 'skipped', `${id}: ${text(check(r, id))}`);
  });
});
