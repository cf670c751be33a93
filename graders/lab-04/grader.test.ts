import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot } from '../../tests/snapshot-builder.ts';
import { canonical, clone } from '../common/testing/canonical.ts';
import { check, gradeById, text } from '../common/testing/grade.ts';
import { livePod } from '../common/testing/live-workloads.ts';
import { assertLabMetaMatches } from '../common/testing/lab-meta.ts';
import { grader } from './grader.ts';
import type { Obj } from '../common/testing/obj.ts';

/** Real kube-system pods (kubeadm v1.28) as the noise every cluster has. */
const noise = (): Obj[] =>
  sharedSkip ? [] : JSON.parse(realFixture('pods/ifrog-kubeadm-v1.28-kube-system-podlist-static-pods-coredns-pending.json')).items;

const snapshotOf = (pods: Obj[]) => makeSnapshot({ master: { 'kube.pods': kubeList([...noise(), ...pods]) } });
const grade = (pods: Obj[]) => gradeById(grader, snapshotOf(pods));
const pod1 = (mutate: (p: Obj) => void = () => {}, opts = {}): Obj => {
  const p = livePod(clone(canonical().pod1), opts);
  mutate(p);
  return p;
};
const container = (p: Obj, name: string): Obj => p['spec']['containers'].find((c: Obj) => c['name'] === name);

describe('lab-04 pod1', { skip: sharedSkip }, () => {
  test('the answer sheet pod passes every check', () => {
    const r = grade([pod1()]);
    for (const id of ['pod-running', 'pod-containers', 'pod-shared-volume'])
      assert.equal(check(r, id).status, 'passed', text(check(r, id)));
    assert.equal(check(r, 'pod-running').points, 4);
    assertLabMetaMatches(grader, snapshotOf([pod1()]));
  });

  test('pod1 in another namespace is accepted and the message says where', () => {
    const r = check(grade([pod1(() => {}, { namespace: 'lab' })]), 'pod-running');
    assert.equal(r.status, 'passed');
    assert.match(r.message.en, /namespace lab/);
  });

  test('no pod1 fails every check; a missing or failed probe is an error', () => {
    const r = grade([]);
    for (const id of ['pod-running', 'pod-containers', 'pod-shared-volume']) assert.equal(check(r, id).status, 'failed');
    assert.equal(check(gradeById(grader, makeSnapshot({ master: {} })), 'pod-running').status, 'error');
    const broken = makeSnapshot({
      master: { 'kube.pods': { stdout: '', stderr: 'The connection to the server was refused', exitCode: 1 } },
    });
    assert.equal(check(gradeById(grader, broken), 'pod-containers').status, 'error');
  });

  test('ContainerCreating is pending with a hint', () => {
    const p = pod1((x) => {
      x['status']['phase'] = 'Pending';
      for (const cs of x['status']['containerStatuses'])
        Object.assign(cs, { ready: false, started: false, state: { waiting: { reason: 'ContainerCreating' } } });
    });
    const r = check(grade([p]), 'pod-running');
    assert.equal(r.status, 'pending');
    assert.match(r.message.en, /ContainerCreating/);
    assert.match(r.hint?.en ?? '', /kubectl describe pod pod1/);
  });

  test('a crash loop fails and names the container and the reason', () => {
    const p = pod1((x) => {
      const cs = x['status']['containerStatuses'][1];
      Object.assign(cs, {
        ready: false,
        restartCount: 5,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } },
      });
    });
    const r = check(grade([p]), 'pod-running');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /downloader.*CrashLoopBackOff/);
    assert.match(r.hint?.en ?? '', /kubectl logs pod1 -c downloader --previous/);
  });

  test('real pods in bad states, renamed pod1, are classified from their real status', () => {
    const real = (file: string): Obj => {
      const doc = file.endsWith('.yaml') ? parse(realFixture(file)) : JSON.parse(realFixture(file));
      const p = doc['items'] ? doc['items'][0] : doc;
      p['metadata']['name'] = 'pod1';
      return p;
    };
    const cases: [string, string, RegExp][] = [
      ['pods/argo-pod-crashloopbackoff.yaml', 'failed', /main.*CrashLoopBackOff/],
      ['pods/argo-pod-imagepullbackoff.yaml', 'failed', /ImagePullBackOff|ErrImagePull/],
      ['pods/argo-pod-pending.yaml', 'pending', /PodInitializing/],
      ['pods/argo-pod-running-not-ready.yaml', 'pending', /not ready/],
      ['pods/troubleshoot-pod-crashloopbackoff.json', 'failed', /CrashLoopBackOff/],
      ['pods/troubleshoot-pod-pending-insufficient-resources.json', 'failed', /cannot be scheduled: .*Insufficient/],
      ['pods/troubleshoot-pod-oomkilled-job.json', 'failed', /OOMKilled|Failed/],
    ];
    for (const [file, status, re] of cases) {
      const r = check(grade([real(file)]), 'pod-running');
      assert.equal(r.status, status, `${file}: ${text(r)}`);
      assert.match(r.message.en, re, file);
    }
  });

  test('a wrong mount path fails the containers check and names the path seen', () => {
    const r = check(grade([pod1((x) => (container(x, 'downloader')['volumeMounts'][0]['mountPath'] = '/downloads'))]), 'pod-containers');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /downloader should mount the shared volume at \/data; its mounts are: \/downloads/);
    assert.doesNotMatch(r.message.en, /serviceaccount/);
  });

  test('ports on the wrong container and a renamed container are reported precisely', () => {
    const swapped = pod1((x) => {
      container(x, 'fileserver')['ports'] = [{ containerPort: 3000, protocol: 'TCP' }];
      container(x, 'downloader')['ports'] = [{ containerPort: 8080, protocol: 'TCP' }];
    });
    const r = check(grade([swapped]), 'pod-containers');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /port 8080 is declared on container downloader/);
    const renamed = check(grade([pod1((x) => (container(x, 'fileserver')['name'] = 'web'))]), 'pod-containers');
    assert.match(renamed.message.en, /no container named fileserver.*Container web looks like it/);
  });

  test('a trailing slash on a mount path is the same mount', () => {
    const r = grade([pod1((x) => (container(x, 'downloader')['volumeMounts'][0]['mountPath'] = '/data/'))]);
    assert.equal(check(r, 'pod-containers').status, 'passed');
    assert.equal(check(r, 'pod-shared-volume').status, 'passed');
  });

  test('two separate volumes fail the shared-volume check', () => {
    const p = pod1((x) => {
      x['spec']['volumes'].push({ name: 'data-volume', emptyDir: {} });
      container(x, 'downloader')['volumeMounts'][0]['name'] = 'data-volume';
    });
    const r = check(grade([p]), 'pod-shared-volume');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /two different volumes \(share-volume and data-volume\)/);
  });

  test('a hostPath volume, a read-only downloader or different subPaths fail', () => {
    const host = check(
      grade([pod1((x) => (x['spec']['volumes'][0] = { name: 'share-volume', hostPath: { path: '/tmp/share', type: '' } }))]),
      'pod-shared-volume',
    );
    assert.equal(host.status, 'failed');
    assert.match(host.message.en, /hostPath/);
    const ro = check(grade([pod1((x) => (container(x, 'downloader')['volumeMounts'][0]['readOnly'] = true))]), 'pod-shared-volume');
    assert.match(ro.message.en, /read-only/);
    const sub = check(grade([pod1((x) => (container(x, 'downloader')['volumeMounts'][0]['subPath'] = 'dl'))]), 'pod-shared-volume');
    assert.match(sub.message.en, /different subPaths/);
  });

  test('a memory-backed emptyDir is still an emptyDir', () => {
    const r = check(grade([pod1((x) => (x['spec']['volumes'][0]['emptyDir'] = { medium: 'Memory' }))]), 'pod-shared-volume');
    assert.equal(r.status, 'passed');
  });
});
