import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuMillis, selectorMatches, NodeList, PodList } from './kube.ts';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';

test('cpu quantities convert to millicores', () => {
  assert.equal(cpuMillis('200m'), 200);
  assert.equal(cpuMillis('0.5'), 500);
  assert.equal(cpuMillis(1), 1000);
  assert.equal(cpuMillis('2'), 2000);
  assert.equal(cpuMillis('250000000n'), 250);
  assert.equal(cpuMillis('1Gi'), undefined);
  assert.equal(cpuMillis('abc'), undefined);
  assert.equal(cpuMillis(undefined), undefined);
});

test('label selectors: matchLabels, matchExpressions and plain maps', () => {
  const labels = { app: 'app2', tier: 'web' };
  assert.equal(selectorMatches({ matchLabels: { app: 'app2' } }, labels), true);
  assert.equal(selectorMatches({ matchLabels: { app: 'app3' } }, labels), false);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'In', values: ['app1', 'app2'] }] }, labels), true);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['app2'] }] }, labels), false);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'gone', operator: 'DoesNotExist' }] }, labels), true);
  assert.equal(selectorMatches({ app: 'app2' }, labels), true);
  assert.equal(selectorMatches({}, labels), false, 'an empty selector selects nothing here');
  assert.equal(selectorMatches(undefined, labels), false);
});

test('real NodeLists and PodLists parse', { skip: sharedSkip }, () => {
  for (const f of [
    'nodes/sonobuoy-kind-kubeadm-v1.20-nodelist-one-notready.json',
    'nodes/troubleshoot-nodelist-7-nodes-mixed-incl-kubeadm-v1.29-flannel.json',
    'nodes/ifrog-kubeadm-v1.28-controlplane-notready-no-cni-nodelist.json',
  ]) {
    const r = NodeList.safeParse(JSON.parse(realFixture(f)));
    assert.equal(r.success, true, f);
  }
  for (const f of [
    'pods/hotsos-cdk-v1.23-kube-system-podlist.json',
    'pods/sonobuoy-kind-kubeadm-v1.20-kube-system-podlist-static-pods.json',
    'pods/victoriametrics-minikube-podlist.json',
  ]) {
    const r = PodList.safeParse(JSON.parse(realFixture(f)));
    assert.equal(r.success, true, `${f}: ${r.error?.issues[0]?.path.join('.')} ${r.error?.issues[0]?.message}`);
  }
});
