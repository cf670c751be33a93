import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { executableName, parsePs, processesNamed } from './ps.ts';

test('ps auxwwwm of a real control-plane node: components by executable, thread rows skipped', { skip: sharedSkip }, () => {
  const table = parsePs(realFixture('ps/hotsos-cdk-v1.23-control-plane-ps_auxwwwm.txt'));
  assert.ok(table);
  assert.match(table.header, /^USER\s+PID\s+%CPU/);
  // `ps m` prints a thread row (PID `-`) under every process: none of them becomes a process.
  assert.ok(table.processes.every((p) => Number.isInteger(p.pid) && p.pid > 0));
  assert.equal(table.processes.length, 175);
  const api = processesNamed(table, 'kube-apiserver');
  assert.equal(api.length, 1);
  assert.equal(api[0]?.pid, 82375);
  assert.match(api[0]?.command ?? '', /^\/snap\/kube-apiserver\/2599\/kube-apiserver --allow-privileged=true /);
  assert.equal(processesNamed(table, 'kube-scheduler')[0]?.pid, 81900);
  assert.equal(processesNamed(table, 'kube-controller-manager')[0]?.pid, 82610);
  assert.equal(processesNamed(table, 'kube-proxy')[0]?.pid, 77707);
  assert.equal(processesNamed(table, 'flanneld')[0]?.user, 'root');
  // This Charmed Kubernetes master runs neither etcd nor kubelet on the host …
  assert.deepEqual(processesNamed(table, 'etcd'), []);
  assert.deepEqual(processesNamed(table, 'kubelet'), []);
  // … and `timeout 300s kubectl … describe services kubernetes` is `timeout`, not a component.
  assert.ok(table.processes.some((p) => p.exe === 'timeout' && p.command.includes('kubectl')));
});

test('ps -ef lines from a real kubeadm v1.28 control plane (the transcript has no header row)', { skip: sharedSkip }, () => {
  // The transcript ran `ps -ef | grep kube-`, so ps's header was filtered out; put it back.
  const transcript = realFixture('ps/ifrog-kubeadm-v1.28-controlplane-ps-ef-grep-kube-transcript.txt');
  const lines = transcript.split('\n');
  const from = lines.findIndex((l) => l.endsWith('$ ps -ef | grep kube-'));
  const block = lines.slice(from + 1, lines.indexOf('', from + 1));
  const table = parsePs(['UID          PID    PPID  C STIME TTY          TIME CMD', ...block].join('\n'));
  assert.ok(table);
  const byExe = new Map(table.processes.map((p) => [p.exe, p]));
  assert.equal(byExe.get('kube-scheduler')?.pid, 14207);
  assert.equal(byExe.get('kube-apiserver')?.pid, 14215);
  assert.equal(byExe.get('kube-controller-manager')?.pid, 14254);
  assert.equal(
    byExe.get('kube-proxy')?.command,
    '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=k8s-controller-01',
  );
  // The learner's own grep matches "kube-" but is `grep`.
  assert.equal(byExe.get('grep')?.command, 'grep --color=auto kube-');
  assert.equal(processesNamed(table, 'kubelet').length, 0);
});

test('the whole ifrog transcript (prompts, systemctl output) parses as no processes without a header', { skip: sharedSkip }, () => {
  assert.equal(parsePs(realFixture('ps/ifrog-kubeadm-v1.28-before-init-kubelet-crashloop-transcript.txt')), undefined);
});

test('substrings never count: grep, editors, kubectl naming components', () => {
  const table = parsePs(
    [
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
      'root        1021  2.1  2.4 1932400 98100 ?      Ssl  09:12   1:02 /usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml',
      'student     2230  0.0  0.1  12000  5000 pts/1    S+   09:40   0:00 vim /etc/kubernetes/kubelet.conf',
      'student     2231  0.0  0.0   6480  2300 pts/0    S+   09:41   0:00 grep --color=auto kube',
      'student     2232  0.0  0.3 750000 40000 pts/2    Sl+  09:41   0:00 kubectl -n kube-system logs kube-apiserver-ubuntu',
      'root        2300  0.0  0.3 750000 40000 ?        Sl   09:41   0:00 /hyperkube kube-scheduler --leader-elect=true',
    ].join('\n'),
  );
  assert.ok(table);
  assert.deepEqual(
    processesNamed(table, 'kubelet').map((p) => p.pid),
    [1021],
  );
  assert.deepEqual(processesNamed(table, 'kube-apiserver'), []);
  assert.deepEqual(
    processesNamed(table, 'kube-scheduler').map((p) => p.pid),
    [2300],
  );
  assert.equal(table.processes[1]?.command, 'vim /etc/kubernetes/kubelet.conf');
});

test('executableName', () => {
  assert.equal(executableName('/usr/local/bin/kube-apiserver --secure-port=6443'), 'kube-apiserver');
  assert.equal(executableName('kube-apiserver'), 'kube-apiserver');
  assert.equal(
    executableName('./cri-dockerd --pod-infra-container-image=registry.aliyuncs.com/google_containers/pause:3.9'),
    'cri-dockerd',
  );
  assert.equal(executableName('/hyperkube kubelet --v=2'), 'kubelet');
  assert.equal(executableName('[kworker/0:1-events]'), '[kworker/0:1-events]');
});

test('no header → undefined; a banner before the header is skipped', () => {
  assert.equal(parsePs(''), undefined);
  assert.equal(parsePs('Welcome to Ubuntu 20.04\n'), undefined);
  const table = parsePs(
    'Welcome!\nUSER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND\nroot 1 0.0 0.1 1 1 ? Ss 09:00 0:01 /sbin/init splash\n',
  );
  assert.deepEqual(
    table?.processes.map((p) => [p.pid, p.command, p.exe]),
    [[1, '/sbin/init splash', 'init']],
  );
});

test(
  'cutAt: rows of different programs cut at one width are flagged; equal-length rows of one program are not',
  { skip: sharedSkip },
  () => {
    const full = realFixture('ps/hotsos-cdk-v1.23-control-plane-ps_auxwwwm.txt');
    assert.equal(parsePs(full)?.cutAt, undefined);
    const cut = full
      .split('\n')
      .map((l) => l.slice(0, 100))
      .join('\n');
    assert.equal(parsePs(cut)?.cutAt, 100);
    const shims = ['USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND']
      .concat([1, 2, 3].map((i) => `root ${i} 0.0 0.1 1 1 ? Sl 09:00 0:01 /usr/bin/containerd-shim-runc-v2 -id ${String(i).repeat(64)}`))
      .join('\n');
    assert.equal(parsePs(shims)?.cutAt, undefined);
  },
);
