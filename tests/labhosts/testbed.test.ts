/**
 * Real checks of the namespace testbed through real SSH (ssh2 client → the nodes' sshd):
 * logins, hostnames, processes, the pod network and iptables (the recorded kubectl, crictl and
 * the kubelet's files: testbed-tools.test.ts).
 * Needs the testbed: run with --test-global-setup=tests/labhosts/global-setup.ts (or after
 * `node tests/labhosts/testbed.ts up`); otherwise every test here is skipped.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerSheetIptablesDump } from '../shared-fixtures.ts';
import { sshExec, type SshTarget } from './lib/ssh-exec.ts';
import { getTestbed } from './testbed.ts';

const tb = getTestbed();
const skip = tb ? false : 'the namespace testbed is not up (see the global-setup notice)';
const PROBE_ENV = 'env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C';

function target(node: 'master' | 'worker', auth: 'key' | 'password' = 'key'): SshTarget {
  if (!tb) throw new Error('no testbed');
  const h = tb.hosts.find((x) => x.name === node);
  if (!h) throw new Error(`no host ${node}`);
  const t: SshTarget = { host: h.host, user: tb.user, hostKeyFingerprint: h.hostKeyFingerprint };
  if (auth === 'key') t.privateKeyPath = tb.privateKeyPath;
  else t.password = tb.password;
  return t;
}

const run = (node: 'master' | 'worker', cmd: string) => sshExec(target(node), cmd);

/** Rules of an iptables-save dump without comments and counters, for comparison. */
function rules(dump: string): string[] {
  return dump
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.replace(/ \[\d+:\d+\]$/, ''));
}

describe('testbed: SSH logins', { skip }, () => {
  for (const node of ['master', 'worker'] as const) {
    const hostname = node === 'master' ? 'ubuntu' : 'worker1';
    test(`${node}: key login, hostname ${hostname}, user labuser`, async () => {
      const r = await run(node, 'hostname; id -un');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n'), [hostname, 'labuser']);
    });
    test(`${node}: password login works, a wrong password is refused`, async () => {
      const ok = await sshExec(target(node, 'password'), 'hostname');
      assert.equal(ok.stdout.trim(), hostname);
      await assert.rejects(sshExec({ ...target(node, 'password'), password: 'wrong-password' }, 'true'), /authentication/i);
    });
  }
  test('a client pinned to another host key is refused before authentication', async () => {
    const t = { ...target('master'), hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    await assert.rejects(sshExec(t, 'true'), /host key|verification/i);
  });
});

describe('testbed: processes and host facts', { skip }, () => {
  test('master ps aux shows the control plane and node components (stand-ins)', async () => {
    const ps = (await run('master', 'ps aux')).stdout;
    for (const name of [
      'kube-apiserver --advertise-address=192.168.157.133',
      'kube-controller-manager',
      'kube-scheduler',
      'etcd --advertise-client-urls',
      '/usr/bin/kubelet',
      '/usr/local/bin/kube-proxy',
      '/usr/bin/dockerd',
      '/usr/bin/containerd',
      './cri-dockerd',
    ]) {
      assert.match(ps, new RegExp(`^root .* ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'm'), `missing ${name}`);
    }
    assert.doesNotMatch(ps, / {2,}\n/, 'no trailing blanks after stand-in command lines');
  });
  test('worker ps aux shows kubelet and kube-proxy, no control plane, only its own processes', async () => {
    const ps = (await run('worker', 'ps aux')).stdout;
    assert.match(ps, /\/usr\/bin\/kubelet .*--hostname-override=worker1/);
    assert.match(ps, /\/usr\/local\/bin\/kube-proxy .*--hostname-override=worker1/);
    assert.doesNotMatch(ps, /kube-apiserver|kube-scheduler|kube-controller-manager|etcd /);
    assert.match(ps.split('\n')[1] ?? '', /^root +1 .*\/sbin\/init$/);
  });
  test('kubelet --version, apt-mark showhold, no swap, with the probes’ clean PATH', async () => {
    const r = await run('worker', `${PROBE_ENV} sh -c 'kubelet --version; apt-mark showhold; cat /proc/swaps | wc -l'`);
    assert.deepEqual(r.stdout.trim().split('\n'), ['Kubernetes v1.29.4', 'kubeadm', 'kubectl', 'kubelet', '1']);
  });
});

describe('testbed: network', { skip }, () => {
  test('pod1: eth0@if6 in the pod namespace ↔ vethe358f9b7@if2 in cni0 on the worker (Q6)', async () => {
    // The collector's way on a cri-dockerd node: crictl pods (at the kubelet's endpoint) → sandbox ID → docker PID → nsenter.
    const cmd = [
      'id=$(sudo -n /usr/local/bin/crictl --runtime-endpoint unix:///var/run/cri-dockerd.sock pods --name pod1 --namespace default -o json | sed -n \'s/.*"id": "\\([0-9a-f]*\\)".*/\\1/p\' | head -n 1)',
      'pid=$(sudo -n docker inspect --format \'{{.State.Pid}}\' "$id")',
      'sudo -n nsenter --net=/proc/$pid/ns/net ip -j link show eth0',
      'ip -j link show vethe358f9b7',
    ].join('; ');
    const r = await run('worker', cmd);
    assert.equal(r.code, 0, r.stderr);
    const [podLine, hostLine] = r.stdout.trim().split('\n');
    const eth0 = (JSON.parse(podLine ?? '[]') as { ifindex: number; ifname: string; link_index: number }[])[0];
    const veth = (JSON.parse(hostLine ?? '[]') as { ifindex: number; link_index: number; master: string }[])[0];
    assert.equal(eth0?.ifname, 'eth0');
    assert.equal(eth0?.ifindex, 2);
    assert.equal(eth0?.link_index, veth?.ifindex);
    assert.equal(veth?.ifindex, 6);
    assert.equal(veth?.link_index, eth0?.ifindex);
    assert.equal(veth?.master, 'cni0');
  });
  test('flannel.1 is a vxlan device (id 1, port 8472) and routes the other node’s pod subnet', async () => {
    const r = await run('master', 'ip -j -d link show flannel.1; ip -j route get 10.244.1.4');
    const [link, route] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>[]);
    const info = (link?.[0]?.['linkinfo'] as { info_kind: string; info_data: { id: number; port: number } }) ?? undefined;
    assert.equal(info?.info_kind, 'vxlan');
    assert.equal(info?.info_data.id, 1);
    assert.equal(info?.info_data.port, 8472);
    assert.equal(route?.[0]?.['dev'], 'flannel.1');
    assert.equal(route?.[0]?.['gateway'], '10.244.1.0');
  });
  test('ping from the master to deployment1’s pod 10.244.1.4 crosses the vxlan', async () => {
    const r = await run('master', 'ping -c 2 -W 2 10.244.1.4');
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /2 received/);
  });
  test('HTTP to service1’s ClusterIP 10.108.64.11:3000 from the master goes through real iptables DNAT', async () => {
    const r = await run('master', 'for i in 1 2 3 4 5 6; do curl -s -m 5 http://10.108.64.11:3000/; done');
    assert.equal(r.code, 0, r.stderr);
    const pods = new Set([...r.stdout.matchAll(/pod (deployment1-\S+)/g)].map((m) => m[1]));
    assert.ok(pods.size >= 1, r.stdout);
    for (const p of pods) assert.match(p ?? '', /^deployment1-6c7f9b8d54-/);
  });
});

describe('testbed: iptables', { skip }, () => {
  test('iptables-save on the master prints the answer sheet’s dump back (rules and chains)', async () => {
    const r = await run('master', 'sudo -n iptables-save');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(rules(r.stdout), rules(answerSheetIptablesDump()));
  });
  test('the worker has the same kube-proxy rules and its own flannel masquerade subnet', async () => {
    const r = await run('worker', 'sudo -n iptables-save -t nat');
    assert.match(r.stdout, /-A KUBE-SVC-XFIT55N4IPARHPG5 .*--probability 0\.33333333349 -j KUBE-SEP-LADV24EFL6BSD2AA/);
    assert.match(r.stdout, /-A FLANNEL-POSTRTG -s 10\.244\.1\.0\/24 -d 10\.244\.0\.0\/16/);
  });
});
