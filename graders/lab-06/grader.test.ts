import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLabs } from '../../src/labs/catalog.ts';
import { runGrader } from '../../src/grading/grader.ts';
import type { CheckResult } from '../../src/shared/report.ts';
import type { Snapshot } from '../../src/shared/snapshot.ts';
import { kubeList, makeSnapshot, toProbe } from '../../tests/snapshot-builder.ts';
import { nodes } from '../lab-10/testdata/cluster.ts';
import { grader } from './grader.ts';
import { pod1, probes, type JsonObj, type Role, type Probes } from './testdata/snapshot.ts';

const IDS = ['pod-veth-peer', 'flannel-vxlan', 'master-route'];

function grade(p: Record<Role, Probes>, snapshot?: Snapshot): Record<string, CheckResult> {
  const results = runGrader(grader, snapshot ?? makeSnapshot(p));
  assert.deepEqual(
    results.map((r) => r.id),
    IDS,
  );
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

const statuses = (r: Record<string, CheckResult>) => IDS.map((id) => r[id]?.status);
const en = (c: CheckResult | undefined) => c?.message.en ?? '';
const byName = (items: JsonObj[], name: string) => items.find((i) => i['ifname'] === name) as JsonObj;

test('the answer sheet’s layout (recorded real ip output) passes, with the topology in data', () => {
  const r = grade(probes());
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed']);
  assert.match(
    en(r['pod-veth-peer']),
    /Node worker1 \(worker\): pod1’s eth0 \(ifindex 2, eth0@if6\) ↔ host vethe358f9b7 \(ifindex 6, @if2\), enslaved to bridge cni0/,
  );
  assert.match(
    en(r['flannel-vxlan']),
    /master flannel\.1: vxlan id 1 dstport 8472 local 192\.168\.157\.133 dev ens33; worker flannel\.1: vxlan id 1/,
  );
  assert.match(
    en(r['master-route']),
    /The master routes 10\.244\.1\.0\/24 \(the pod subnet of worker1, where pod1 10\.244\.1\.3 runs\) by 10\.244\.1\.0\/24 via 10\.244\.1\.0 dev flannel\.1 onlink/,
  );
  const topo = r['pod-veth-peer']?.data as {
    pod: JsonObj;
    hostVeth: JsonObj;
    bridge: JsonObj;
    flannel: JsonObj;
    uplink: JsonObj;
    path: string[];
  };
  assert.deepEqual(topo.pod, {
    namespace: 'default',
    name: 'pod1',
    ip: '10.244.1.3',
    node: 'worker1',
    host: 'worker',
    eth0: { ifindex: 2, peerIndex: 6, mac: topo.pod['eth0'] && (topo.pod['eth0'] as JsonObj)['mac'] },
  });
  assert.deepEqual(topo.hostVeth, { ifname: 'vethe358f9b7', ifindex: 6, peerIndex: 2, master: 'cni0' });
  assert.deepEqual(topo.bridge, { ifname: 'cni0', addresses: ['10.244.1.1/24'] });
  assert.deepEqual(topo.flannel, { ifname: 'flannel.1', vni: 1, port: 8472, local: '192.168.157.132', dev: 'ens33' });
  assert.deepEqual(topo.uplink, { ifname: 'ens33', addresses: ['192.168.157.132/24'] });
  const routeTopo = r['master-route']?.data as { masterRoute: JsonObj; path: string[] };
  assert.deepEqual(routeTopo.masterRoute, {
    destination: '10.244.1.0/24',
    dst: '10.244.1.0/24',
    gateway: '10.244.1.0',
    dev: 'flannel.1',
    flags: ['onlink'],
  });
  assert.deepEqual(routeTopo.path, [
    'master:flannel.1',
    'master:ens33',
    'worker:ens33',
    'worker:flannel.1',
    'worker:cni0',
    'worker:vethe358f9b7',
    'pod1:eth0',
  ]);
  assert.ok(r['pod-veth-peer']?.evidence.some((e) => e.probe === 'pod.default.pod1.addr' && e.host === 'worker'));
});

test('hosts are matched to nodes by InternalIP, not by host key or hostname', () => {
  const p = probes();
  const snap: Snapshot = { format: 'k8s-lab-snapshot', version: 1, takenAt: '2026-11-27T12:00:00Z', hosts: {} };
  snap.hosts['ubuntu'] = { role: 'worker', probes: Object.fromEntries(Object.entries(p.worker).map(([k, v]) => [k, toProbe(v)])) };
  snap.hosts['ubuntu-2'] = { role: 'master', probes: Object.fromEntries(Object.entries(p.master).map(([k, v]) => [k, toProbe(v)])) };
  assert.deepEqual(statuses(grade(p, snap)), ['passed', 'passed', 'passed']);
  const elsewhere = grade(probes((q) => (q.master['kube.pods'] = kubeList([pod1('worker9')]))));
  assert.equal(elsewhere['pod-veth-peer']?.status, 'error');
  const foreign = grade(
    probes(
      (q) =>
        (q.master['kube.nodes'] = {
          ...(nodes() as JsonObj),
          items: [
            ...((nodes() as JsonObj)['items'] as JsonObj[]).slice(0, 1),
            { metadata: { name: 'worker1' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.2.15' }] } },
          ],
        }),
    ),
  );
  assert.equal(foreign['pod-veth-peer']?.status, 'error');
  assert.match(
    en(foreign['pod-veth-peer']),
    /InternalIP 10\.0\.2\.15\), but none of the configured hosts has that address \(master: 192\.168\.157\.133/,
  );
});

test('a veth not in cni0, in no bridge, a wrong peer index, a peer that is no veth, an unpaired veth', () => {
  const docker = grade(probes((_, json) => json('worker', 'net.link', (l) => (byName(l, 'vethe358f9b7')['master'] = 'docker0'))));
  assert.deepEqual(statuses(docker), ['failed', 'passed', 'passed']);
  assert.match(en(docker['pod-veth-peer']), /pod1 eth0@if6 ↔ vethe358f9b7: this veth is enslaved to docker0, not flannel’s cni0/);
  const loose = grade(probes((_, json) => json('worker', 'net.link', (l) => delete byName(l, 'vethe358f9b7')['master'])));
  assert.match(en(loose['pod-veth-peer']), /is enslaved to no bridge/);
  const gone = grade(probes((_, json) => json('worker', 'pod.default.pod1.addr', (l) => (byName(l, 'eth0')['link_index'] = 9))));
  assert.match(en(gone['pod-veth-peer']), /node worker1 \(worker\) has no device with ifindex 9/);
  const bridge = grade(probes((_, json) => json('worker', 'pod.default.pod1.addr', (l) => (byName(l, 'eth0')['link_index'] = 5))));
  assert.match(en(bridge['pod-veth-peer']), /host device 5: cni0 is a bridge, not a veth/);
  const unpaired = grade(probes((_, json) => json('worker', 'net.link', (l) => (byName(l, 'vethe358f9b7')['link_index'] = 3))));
  assert.match(en(unpaired['pod-veth-peer']), /points at ifindex 3, but pod1’s eth0 is ifindex 2; they are not a pair/);
  const noPeer = grade(probes((_, json) => json('worker', 'pod.default.pod1.addr', (l) => delete byName(l, 'eth0')['link_index'])));
  assert.match(en(noPeer['pod-veth-peer']), /has no peer index/);
});

test('flannel.1 missing, not vxlan, down, or output without details', () => {
  const none = grade(probes((_, json) => json('master', 'net.link', (l) => (byName(l, 'flannel.1')['ifname'] = 'vxlan0'))));
  assert.deepEqual(statuses(none), ['passed', 'failed', 'passed']);
  assert.match(en(none['flannel-vxlan']), /the master has no flannel\.N device/);
  const plain = grade(
    probes((_, json) => json('worker', 'net.link', (l) => ((byName(l, 'flannel.1')['linkinfo'] as JsonObj)['info_kind'] = 'ipip'))),
  );
  assert.match(en(plain['flannel-vxlan']), /flannel\.1 on the worker is ipip, not vxlan/);
  const down = grade(
    probes((_, json) => json('worker', 'net.link', (l) => (byName(l, 'flannel.1')['flags'] = ['BROADCAST', 'MULTICAST']))),
  );
  assert.match(en(down['flannel-vxlan']), /flannel\.1 on the worker is down/);
  const other = grade(probes((_, json) => json('worker', 'net.link', (l) => (byName(l, 'flannel.1')['ifname'] = 'flannel.4096'))));
  assert.equal(other['flannel-vxlan']?.status, 'passed', 'any flannel vxlan device is fine');
  const brief = grade(
    probes((_, json) =>
      json('worker', 'net.link', (l) => l.forEach((i) => ['linkinfo', 'promiscuity', 'min_mtu'].forEach((k) => delete i[k]))),
    ),
  );
  assert.equal(brief['flannel-vxlan']?.status, 'error');
});

test('the master without a flannel route to the pod subnet, or with a host-gw route', () => {
  const noRoute = grade(
    probes((_, json) =>
      json('master', 'net.route', (l) =>
        l.splice(
          l.findIndex((r) => r['dev'] === 'flannel.1'),
          1,
        ),
      ),
    ),
  );
  assert.deepEqual(statuses(noRoute), ['passed', 'passed', 'failed']);
  assert.match(
    en(noRoute['master-route']),
    /The master has no route to 10\.244\.1\.0\/24 \(the pod subnet of worker1, where pod1 10\.244\.1\.3 runs\); it would take the default route default via 192\.168\.157\.2 dev ens33 onlink/,
  );
  const hostGw = grade(
    probes((_, json) =>
      json('master', 'net.route', (l) =>
        Object.assign(l.find((r) => r['dev'] === 'flannel.1') as JsonObj, { gateway: '192.168.157.132', dev: 'ens33', flags: [] }),
      ),
    ),
  );
  assert.match(
    en(hostGw['master-route']),
    /routes 10\.244\.1\.0\/24 \(the pod subnet of worker1, where pod1 10\.244\.1\.3 runs\) by 10\.244\.1\.0\/24 via 192\.168\.157\.132 dev ens33, not through flannel\.1/,
  );
});

test('pod1 on the master: its own veth pair, and the route to the worker’s subnet', () => {
  const p = probes((q, json) => {
    q.master['kube.pods'] = kubeList([pod1('ubuntu', '10.244.0.6')]);
    q.master['pod.default.pod1.addr'] = q.worker['pod.default.pod1.addr'] as string;
    json('master', 'pod.default.pod1.addr', (l) => {
      byName(l, 'eth0')['link_index'] = 7;
      ((byName(l, 'eth0')['addr_info'] as JsonObj[])[0] as JsonObj)['local'] = '10.244.0.6';
    });
    q.worker['pod.default.pod1.addr'] = { exitCode: 3, stderr: 'pod1 has no sandbox on this node' };
  });
  const r = grade(p);
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed']);
  assert.match(en(r['pod-veth-peer']), /Node ubuntu \(master\): .* host veth7f04b5c1 \(ifindex 7, @if2\)/);
  assert.match(en(r['master-route']), /pod1 runs on the master, so the route to worker worker1's pod subnet is checked instead/);
});

test('pod1 missing, pending; probes missing, failed or not JSON', () => {
  const missing = grade(probes((q) => (q.master['kube.pods'] = kubeList([]))));
  assert.deepEqual(statuses(missing), ['failed', 'passed', 'failed']);
  assert.match(en(missing['pod-veth-peer']), /no Pod `pod1` in namespace default/);
  const waiting = grade(probes((q) => (q.master['kube.pods'] = kubeList([pod1('worker1', '', 'Pending')]))));
  assert.deepEqual(statuses(waiting), ['pending', 'passed', 'pending']);
  const noSandbox = grade(probes((q) => (q.worker['pod.default.pod1.addr'] = { exitCode: 3, stderr: 'pod1 has no sandbox on this node' })));
  assert.equal(noSandbox['pod-veth-peer']?.status, 'error');
  assert.ok(noSandbox['pod-veth-peer']?.evidence[0]?.excerpt.includes('no sandbox'));
  const invalid = grade(probes((q) => (q.worker['net.link'] = '[{"broadcast","ifindex":1}]')));
  assert.equal(invalid['pod-veth-peer']?.status, 'error');
  assert.match(en(invalid['pod-veth-peer']), /invalid JSON \(line 1, column 14\)/);
  const noWorker = grade(probes((q) => (q.worker = {})));
  assert.deepEqual(statuses(noWorker), ['error', 'error', 'error']);
});

test('lab.yaml points equal the sum of the checks’ points', () => {
  const meta = loadLabs().find((l) => l.id === 'lab-06');
  assert.equal(
    meta?.points,
    grader.checks.reduce((sum, c) => sum + c.points, 0),
  );
});

test('both VMs with the same NAT address as InternalIP: the host where pod1 was found decides', () => {
  const nat = { ifindex: 40, ifname: 'enp0s3', flags: ['UP'], addr_info: [{ family: 'inet', local: '10.0.2.15', prefixlen: 24 }] };
  const natNodes = (): object => {
    const list = nodes() as { items: { status: { addresses: { type: string; address: string }[] } }[] };
    for (const n of list.items) n.status.addresses = [{ type: 'InternalIP', address: '10.0.2.15' }];
    return list;
  };
  const edit = (q: Record<Role, Probes>, json: (role: Role, probe: string, f: (items: JsonObj[]) => void) => void) => {
    q.master['kube.nodes'] = natNodes();
    json('master', 'net.addr', (l) => l.push(nat));
    json('worker', 'net.addr', (l) => l.push(nat));
  };
  assert.equal(grade(probes(edit))['pod-veth-peer']?.status, 'passed');
  const lost = grade(
    probes((q, json) => {
      edit(q, json);
      q.worker['pod.default.pod1.addr'] = { exitCode: 3, stderr: 'pod1 has no sandbox on this node' };
    }),
  );
  assert.equal(lost['pod-veth-peer']?.status, 'error');
  assert.match(en(lost['pod-veth-peer']), /InternalIP 10\.0\.2\.15 is on both the master and the worker/);
});

test('pod1 status with podIPs only (no podIP) is running, not "not running yet"', () => {
  // Before: pending "pod1 is not running yet (Running)" on a running pod.
  const r = grade(
    probes((p) => {
      const pod = pod1() as { status: Record<string, unknown> };
      delete pod.status['podIP'];
      p.master['kube.pods'] = kubeList([pod]);
    }),
  );
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed']);
});

test('pod1 in another namespace: the pod probe cannot look (error, not "no pod1"); the route is still checked', () => {
  // Before: failed "There is no Pod `pod1` in namespace default. Do lab-04 first", while lab-04 accepts any namespace.
  const r = grade(
    probes((p) => {
      const pod = pod1() as { metadata: Record<string, unknown> };
      pod.metadata['namespace'] = 'lab';
      p.master['kube.pods'] = kubeList([pod]);
    }),
  );
  assert.deepEqual(statuses(r), ['error', 'passed', 'passed']);
  assert.match(en(r['pod-veth-peer']), /pod1 is in namespace lab; .*pod\.default\.pod1\.addr/);
  assert.match(r['pod-veth-peer']?.hint?.zh ?? '', /命名空间 default/);
});
