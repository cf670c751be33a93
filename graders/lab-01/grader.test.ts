import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList } from '../../tests/snapshot-builder.ts';
import { answerSheetNodes, MASTER, netAddr, SWAPS_OFF, WORKER } from './test-cluster.ts';
import { at, get, grade, noCni, nodes, setReady } from './test-grade.ts';

test('the answer sheet’s cluster (docker + cri-dockerd, v1.29.4, both VMs named ubuntu) passes every check', { skip: sharedSkip }, () => {
  const r = grade();
  for (const c of r.values()) assert.equal(c.status, 'passed', `${c.id}: ${c.message.en}`);
  assert.equal(
    [...r.values()].reduce((s, c) => s + c.points, 0),
    13,
  );
  assert.match(get(r, 'distinct-machines').message.en, /master VM is ubuntu \(192\.168\.157\.133\); the worker VM is worker1/);
});

test(
  'node-count / distinct-machines: one node and both VMs named ubuntu → the duplicate-hostname pitfall is explained',
  { skip: sharedSkip },
  () => {
    const r = grade((p) => {
      p.master['kube.nodes'] = kubeList(nodes(p).slice(0, 1));
    });
    for (const id of ['node-count', 'distinct-machines']) {
      assert.equal(get(r, id).status, 'failed');
      assert.match(get(r, id).message.en, /both VMs are named `ubuntu`/);
      assert.match(get(r, id).hint?.en ?? '', /--node-name worker1/);
      assert.match(get(r, id).message.zh, /主机名都是/);
    }
  },
);

test('node-count: one node, different hostnames → the worker has not joined; distinct-machines skipped', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    p.master['kube.nodes'] = kubeList(nodes(p).slice(0, 1));
    p.worker['host.hostname'] = 'worker1\n';
  });
  assert.equal(get(r, 'node-count').status, 'failed');
  assert.match(get(r, 'node-count').message.en, /worker has not joined/);
  assert.match(get(r, 'node-count').hint?.en ?? '', /kubeadm token create --print-join-command/);
  assert.equal(get(r, 'distinct-machines').status, 'skipped');
  // With one node, the kubelet versions are compared on the hosts.
  assert.equal(get(r, 'kubelet-version').status, 'passed');
});

test('node-count: a real 3-node kind cluster (v1.20, master + control-plane labels) has too many nodes', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    p.master['kube.nodes'] = JSON.parse(realFixture('nodes/sonobuoy-kind-kubeadm-v1.20-nodelist-one-notready.json'));
  });
  assert.equal(get(r, 'node-count').status, 'failed');
  assert.match(get(r, 'node-count').message.en, /3 nodes \(kind-control-plane, kind-worker, kind-worker2\)/);
  assert.equal(get(r, 'one-control-plane').status, 'passed');
  assert.equal(get(r, 'nodes-ready').status, 'failed');
  assert.match(get(r, 'nodes-ready').message.en, /kind-worker \(NotReady/);
});

test(
  'nodes-ready: a NotReady worker (real "cni plugin not initialized" condition) fails and points at flannel',
  { skip: sharedSkip },
  () => {
    const r = grade((p) => {
      const c = noCni();
      setReady(nodes(p)[1], c.status, c.reason, c.message);
    });
    assert.equal(get(r, 'nodes-ready').status, 'failed');
    assert.match(get(r, 'nodes-ready').message.en, /worker1 \(NotReady: KubeletNotReady: container runtime network not ready/);
    assert.match(get(r, 'nodes-ready').hint?.en ?? '', /kube-flannel/);
  },
);

test('nodes-ready: Ready=Unknown points at kubelet; a node that joined a minute ago is pending', { skip: sharedSkip }, () => {
  const r = grade((p) => setReady(nodes(p)[1], 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'));
  assert.equal(get(r, 'nodes-ready').status, 'failed');
  assert.match(get(r, 'nodes-ready').hint?.en ?? '', /systemctl status kubelet/);
  const young = grade((p) => {
    setReady(nodes(p)[1], 'False', 'KubeletNotReady', 'container runtime network not ready');
    nodes(p)[1].metadata.creationTimestamp = '2026-11-27T11:59:00Z';
  });
  assert.equal(get(young, 'nodes-ready').status, 'pending');
});

test('the real single-node kubeadm v1.28 cluster without CNI fails count and readiness', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    p.master['kube.nodes'] = JSON.parse(realFixture('nodes/ifrog-kubeadm-v1.28-controlplane-notready-no-cni-nodelist.json'));
    p.worker['host.hostname'] = 'k8s-node-01\n';
  });
  assert.equal(get(r, 'node-count').status, 'failed');
  assert.equal(get(r, 'nodes-ready').status, 'failed');
  assert.equal(get(r, 'one-control-plane').status, 'passed');
});

test('one-control-plane: two control planes (the worker ran kubeadm init) and none', { skip: sharedSkip }, () => {
  const two = grade((p) => {
    nodes(p)[1].metadata.labels['node-role.kubernetes.io/control-plane'] = '';
  });
  assert.equal(get(two, 'one-control-plane').status, 'failed');
  assert.match(get(two, 'one-control-plane').message.en, /2 control-plane nodes \(ubuntu, worker1\)/);
  const none = grade((p) => {
    delete nodes(p)[0].metadata.labels['node-role.kubernetes.io/control-plane'];
    delete nodes(p)[0].metadata.labels['node-role.kubernetes.io/master'];
  });
  assert.equal(get(none, 'one-control-plane').status, 'failed');
  // Before 1.24 kubeadm labelled only …/master: still one control plane.
  const old = grade((p) => delete nodes(p)[0].metadata.labels['node-role.kubernetes.io/control-plane']);
  assert.equal(get(old, 'one-control-plane').status, 'passed');
});

test('distinct-machines: both nodes with the same InternalIP (VirtualBox NAT) fail', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    for (const n of nodes(p)) n.status.addresses[0].address = '10.0.2.15';
  });
  assert.equal(get(r, 'distinct-machines').status, 'failed');
  assert.match(get(r, 'distinct-machines').message.en, /Both nodes report InternalIP 10\.0\.2\.15/);
  assert.match(get(r, 'distinct-machines').hint?.en ?? '', /--node-ip/);
});

test('distinct-machines: roles swapped in the config, a node on no host, net.addr missing → error', { skip: sharedSkip }, () => {
  const swapped = grade((p) => {
    [p.master['net.addr'], p.worker['net.addr']] = [p.worker['net.addr'], p.master['net.addr']];
  });
  assert.equal(get(swapped, 'distinct-machines').status, 'error');
  assert.match(get(swapped, 'distinct-machines').message.en, /roles are swapped/);
  const elsewhere = grade((p) => {
    p.worker['net.addr'] = netAddr({ ...WORKER, ip: '192.168.157.200' } as unknown as typeof WORKER);
  });
  assert.equal(get(elsewhere, 'distinct-machines').status, 'error');
  assert.match(get(elsewhere, 'distinct-machines').message.en, /worker1 \(192\.168\.157\.132\)/);
  const missing = grade((p) => delete p.worker['net.addr']);
  assert.equal(get(missing, 'distinct-machines').status, 'error');
  assert.equal(get(missing, 'distinct-machines').points, 0);
});

test('kubelet-version: different versions fail; with one node the host binaries are compared', { skip: sharedSkip }, () => {
  const r = grade((p) => (nodes(p)[1].status.nodeInfo.kubeletVersion = 'v1.28.9'));
  assert.equal(get(r, 'kubelet-version').status, 'failed');
  assert.match(get(r, 'kubelet-version').message.en, /ubuntu: v1\.29\.4, worker1: v1\.28\.9/);
  const hosts = grade((p) => {
    p.master['kube.nodes'] = kubeList(nodes(p).slice(0, 1));
    p.worker['host.kubelet-version'] = 'Kubernetes v1.30.0\n';
  });
  assert.equal(get(hosts, 'kubelet-version').status, 'failed');
  assert.match(get(hosts, 'kubelet-version').message.en, /master: v1\.29\.4, worker: v1\.30\.0/);
});

test('swap-off: swap on the worker fails; a missing probe is an error', { skip: sharedSkip }, () => {
  const r = grade((p) => (p.worker['host.swaps'] = `${SWAPS_OFF}/swap.img                               file\t\t2097148\t\t0\t\t-2\n`));
  assert.equal(get(r, 'swap-off').status, 'failed');
  assert.match(get(r, 'swap-off').message.en, /worker: \/swap\.img/);
  assert.match(get(r, 'swap-off').hint?.en ?? '', /swapoff -a.*\/etc\/fstab/);
  const missing = grade((p) => delete p.master['host.swaps']);
  assert.equal(get(missing, 'swap-off').status, 'error');
  const failedProbe = grade((p) => (p.worker['host.swaps'] = { stdout: '', stderr: 'cat: /proc/swaps: Permission denied', exitCode: 1 }));
  assert.equal(get(failedProbe, 'swap-off').status, 'error');
});

test('packages-held: not held fails (naming host and package); a failed probe is an error, not a failure', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    p.master['host.holds'] = 'kubeadm\nkubelet\n';
    p.worker['host.holds'] = '';
  });
  assert.equal(get(r, 'packages-held').status, 'failed');
  assert.match(get(r, 'packages-held').message.en, /master: kubectl; worker: kubelet, kubeadm/);
  // kubectl is required on the master only.
  assert.equal(grade((p) => (p.worker['host.holds'] = 'kubeadm\nkubelet\n')).get('packages-held')?.status, 'passed');
  const broken = grade((p) => (p.worker['host.holds'] = { stdout: '', stderr: 'E: Could not open lock file', exitCode: 100 }));
  assert.equal(get(broken, 'packages-held').status, 'error');
  const rocky = grade((p) => {
    p.worker['host.holds'] = { stdout: '', stderr: 'sh: apt-mark: command not found', exitCode: 127 };
    p.worker['host.os'] = 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n';
  });
  assert.equal(get(rocky, 'packages-held').status, 'error');
  assert.match(get(rocky, 'packages-held').hint?.en ?? '', /dnf versionlock/);
});

test('probe missing: kube.nodes not collected → every node check is an error, not a failure', { skip: sharedSkip }, () => {
  const r = grade((p) => delete p.master['kube.nodes']);
  for (const id of [
    'node-count',
    'nodes-ready',
    'one-control-plane',
    'distinct-machines',
    'kubelet-version',
    'flannel-running',
    'pod-cidr',
  ]) {
    assert.equal(get(r, id).status, 'error', id);
    assert.match(get(r, id).message.en, /kube\.nodes was not collected/);
  }
  assert.equal(get(r, 'swap-off').status, 'passed');
});

test('every message and hint exists in both languages', { skip: sharedSkip }, () => {
  const r = grade((p) => {
    p.master['kube.nodes'] = kubeList([at(answerSheetNodes(), 0)]);
    p.worker['host.swaps'] = `${SWAPS_OFF}/swap.img file 1 0 -2\n`;
  });
  for (const c of r.values()) {
    assert.ok(c.message.zh && c.message.en, c.id);
    if (c.status !== 'passed') assert.ok(c.hint?.zh && c.hint.en, c.id);
  }
  assert.equal(MASTER.ip, '192.168.157.133');
});
