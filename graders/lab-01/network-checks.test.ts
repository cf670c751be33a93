import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList } from '../../tests/snapshot-builder.ts';
import { crashLooping, flannelConfigMap, flannelPods, systemPods } from './test-cluster.ts';
import { at, get, grade, nodes, pods, setClusterCidr, type Obj } from './test-grade.ts';

test('flannel-running: CrashLoopBackOff on the worker (real status) fails with the logs command', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    const all = pods(p);
    const i = all.findIndex((x) => x.metadata.name === 'kube-flannel-ds-x2v7k');
    all[i] = crashLooping(all[i]);
  });
  assert.equal(get(r, 'flannel-running').status, 'failed');
  assert.match(get(r, 'flannel-running').message.en, /worker1: kube-flannel-ds-x2v7k CrashLoopBackOff/);
  assert.match(get(r, 'flannel-running').hint?.en ?? '', /kubectl logs -n kube-flannel kube-flannel-ds-x2v7k -c kube-flannel/);
});

test('flannel-running: not installed, another CNI, no pod on a node, a pod still starting', { skip: sharedSkip }, () => {
  const none = grade((p) => (p.master['kube.pods'] = kubeList(systemPods())));
  assert.equal(get(none, 'flannel-running').status, 'failed');
  assert.match(get(none, 'flannel-running').message.en, /flannel is not installed/);
  const calico = grade((p) => {
    const c = structuredClone(at(systemPods(), 0));
    c.metadata.name = 'calico-node-7xk2p';
    p.master['kube.pods'] = kubeList([...systemPods(), c]);
  });
  assert.match(get(calico, 'flannel-running').message.en, /runs calico-node instead/);
  const oneNode = grade((p) => (p.master['kube.pods'] = kubeList([at(flannelPods(), 0), ...systemPods()])));
  assert.equal(get(oneNode, 'flannel-running').status, 'failed');
  assert.match(get(oneNode, 'flannel-running').message.en, /worker1: no flannel pod/);
  const starting = grade((p) => {
    const f = pods(p).find((x) => x.metadata.name === 'kube-flannel-ds-x2v7k');
    f.metadata.creationTimestamp = '2026-11-27T11:59:30Z';
    f.status.phase = 'Pending';
    f.status.conditions.find((c: Obj) => c.type === 'Ready').status = 'False';
    f.status.containerStatuses[0].state = { waiting: { reason: 'PodInitializing' } };
  });
  assert.equal(get(starting, 'flannel-running').status, 'pending');
});

test('an old flannel manifest (kube-system, kube-flannel-ds-amd64) passes flannel and pod-cidr checks', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    const old = flannelPods('kube-system').map((f) => {
      f.metadata.ownerReferences[0].name = 'kube-flannel-ds-amd64';
      f.metadata.name = f.metadata.name.replace('kube-flannel-ds-', 'kube-flannel-ds-amd64-');
      return f;
    });
    p.master['kube.pods'] = kubeList([...old, ...systemPods()]);
    p.master['kube.flannel-cm'] = {
      stdout: '',
      stderr: 'Error from server (NotFound): namespaces "kube-flannel" not found\n',
      exitCode: 1,
    };
    p.master['kube.configmaps.kube-system'] = kubeList([flannelConfigMap('10.244.0.0/16', 'kube-system')]);
  });
  assert.equal(get(r, 'flannel-running').status, 'passed');
  assert.equal(get(r, 'pod-cidr').status, 'passed');
});

test('pod-cidr: podCIDRs outside flannel’s Network fail and explain --pod-network-cidr', { skip: sharedSkip }, () => {
  const r = grade((p) => (p.master['kube.flannel-cm'] = flannelConfigMap('10.10.0.0/16')));
  assert.equal(get(r, 'pod-cidr').status, 'failed');
  assert.match(
    get(r, 'pod-cidr').message.en,
    /outside flannel's Network 10\.10\.0\.0\/16: ubuntu 10\.244\.0\.0\/24, worker1 10\.244\.1\.0\/24/,
  );
  assert.match(get(r, 'pod-cidr').hint?.en ?? '', /--pod-network-cidr must match Network/);
});

test('pod-cidr: no podCIDR (init without --pod-network-cidr); a consistent non-default network passes', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    for (const n of nodes(p)) n.spec = {};
  });
  assert.equal(get(r, 'pod-cidr').status, 'failed');
  assert.match(get(r, 'pod-cidr').message.en, /has no podCIDR.*pod cidr not assigned/);
  const custom = grade((p) => {
    p.master['kube.flannel-cm'] = flannelConfigMap('10.10.0.0/16');
    nodes(p).forEach((n, i) => (n.spec = { podCIDR: `10.10.${i}.0/24`, podCIDRs: [`10.10.${i}.0/24`] }));
    // kubeadm init --pod-network-cidr 10.10.0.0/16 also sets kube-controller-manager's --cluster-cidr.
    setClusterCidr(p, '10.10.0.0/16');
  });
  assert.equal(get(custom, 'pod-cidr').status, 'passed');
  assert.match(get(custom, 'pod-cidr').message.en, /not the default 10\.244\.0\.0\/16/);
});

test('pod-cidr: ConfigMap missing everywhere fails; broken net-conf fails; an uncollected probe is an error', { skip: sharedSkip }, () => {
  const gone = grade(
    (p) =>
      (p.master['kube.flannel-cm'] = {
        stdout: '',
        stderr: 'Error from server (NotFound): configmaps "kube-flannel-cfg" not found\n',
        exitCode: 1,
      }),
  );
  assert.equal(get(gone, 'pod-cidr').status, 'failed');
  const broken = grade((p) => {
    const cm = flannelConfigMap();
    cm['data']['net-conf.json'] = '{ "Network": "10.244.0.0/16", ';
    p.master['kube.flannel-cm'] = cm;
  });
  assert.equal(get(broken, 'pod-cidr').status, 'failed');
  assert.match(get(broken, 'pod-cidr').message.en, /not valid JSON/);
  const uncollected = grade((p) => delete p.master['kube.flannel-cm']);
  assert.equal(get(uncollected, 'pod-cidr').status, 'error');
  const denied = grade(
    (p) =>
      (p.master['kube.flannel-cm'] = { stdout: '', stderr: 'The connection to the server 192.168.157.133:6443 was refused', exitCode: 1 }),
  );
  assert.equal(get(denied, 'pod-cidr').status, 'error');
});

test('coredns-ready: the real Pending CoreDNS pods fail with the network-plugin hint; young ones are pending', { skip: sharedSkip }, () => {
  const realPending: Obj[] = JSON.parse(
    realFixture('pods/ifrog-kubeadm-v1.28-kube-system-podlist-static-pods-coredns-pending.json'),
  ).items.filter((x: Obj) => x.metadata.name.startsWith('coredns-'));
  const r = grade(
    (p) =>
      (p.master['kube.pods'] = kubeList([
        ...flannelPods(),
        ...systemPods().filter((x) => !x.metadata.name.startsWith('coredns-')),
        ...realPending,
      ])),
  );
  assert.equal(get(r, 'coredns-ready').status, 'failed');
  assert.match(get(r, 'coredns-ready').message.en, /coredns-5dd5756b68-2zrhr Pending \(unschedulable\)/);
  assert.match(get(r, 'coredns-ready').hint?.en ?? '', /network plugin/);
  const young = grade((p) => {
    for (const d of pods(p).filter((x) => x.metadata.name.startsWith('coredns-'))) {
      d.metadata.creationTimestamp = '2026-11-27T11:58:40Z';
      d.status.conditions.find((c: Obj) => c.type === 'Ready').status = 'False';
      d.status.containerStatuses[0].ready = false;
    }
  });
  assert.equal(get(young, 'coredns-ready').status, 'pending');
  const none = grade((p) => (p.master['kube.pods'] = kubeList(flannelPods())));
  assert.equal(get(none, 'coredns-ready').status, 'failed');
});
