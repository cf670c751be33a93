import { realFixture } from '../../tests/shared-fixtures.ts';

/**
 * Test support (lab-02, lab-03): `ps aux` of the answer sheet's two nodes. The kube-* command lines
 * are the real ones of the ifrog kubeadm v1.28 control plane (its `ps -ef | grep kube-` transcript),
 * set into `ps aux` columns; etcd, the docker/cri-dockerd runtime, flanneld and the learner's own
 * `grep kube` are added as they run on a kubeadm + cri-dockerd + flannel node.
 */

const TRANSCRIPT = 'ps/ifrog-kubeadm-v1.28-controlplane-ps-ef-grep-kube-transcript.txt';

/** Real command lines by executable name (kube-apiserver, kube-scheduler, …, kubelet, kube-proxy). */
function realCommands(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of realFixture(TRANSCRIPT).split('\n')) {
    const m = /^root\s+[0-9]+\s+[0-9]+\s+[0-9]+\s+\S+\s+\?\s+\S+\s+(.*)$/.exec(line);
    if (!m) continue;
    const cmd = m[1] as string;
    const exe = cmd.split(' ')[0]?.split('/').pop() ?? '';
    if (!out.has(exe)) out.set(exe, cmd);
  }
  return out;
}

interface Row {
  user?: string;
  pid: number;
  tty?: string;
  stat?: string;
  cmd: string;
}

/** Rows in `ps aux` columns (USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND). */
export function psAux(rows: readonly Row[]): string {
  const header = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND';
  const lines = rows.map((r) =>
    [
      (r.user ?? 'root').padEnd(8),
      String(r.pid).padStart(7),
      ' 1.2  2.0 1234567 81234',
      (r.tty ?? '?').padEnd(8),
      (r.stat ?? 'Ssl').padEnd(4),
      '09:12   0:42',
      r.cmd,
    ].join(' '),
  );
  return [header, ...lines].join('\n') + '\n';
}

const ETCD =
  'etcd --advertise-client-urls=https://192.168.157.133:2379 --cert-file=/etc/kubernetes/pki/etcd/server.crt --client-cert-auth=true --data-dir=/var/lib/etcd --listen-client-urls=https://127.0.0.1:2379,https://192.168.157.133:2379 --name=ubuntu';
const RUNTIME: Row[] = [
  { pid: 812, cmd: '/usr/bin/containerd' },
  { pid: 1034, cmd: '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock' },
  {
    pid: 1502,
    tty: 'pts/1',
    stat: 'Sl+',
    cmd: './cri-dockerd --pod-infra-container-image=registry.aliyuncs.com/google_containers/pause:3.9',
  },
];

/** The master: control plane, kubelet, kube-proxy, flanneld, runtime, and the learner's grep. */
export function masterPs(): string {
  const real = realCommands();
  const cmd = (exe: string) => real.get(exe) ?? exe;
  return psAux([
    { pid: 1, stat: 'Ss', cmd: '/sbin/init splash' },
    ...RUNTIME,
    { pid: 14207, cmd: cmd('kube-scheduler') },
    { pid: 14215, cmd: cmd('kube-apiserver') },
    { pid: 14230, cmd: ETCD },
    { pid: 14254, cmd: cmd('kube-controller-manager') },
    { pid: 14362, cmd: cmd('kubelet').replace('unix:///var/run/containerd/containerd.sock', 'unix:///var/run/cri-dockerd.sock') },
    { pid: 14448, cmd: cmd('kube-proxy').replace('k8s-controller-01', 'ubuntu') },
    { pid: 14601, cmd: '/opt/bin/flanneld --ip-masq --kube-subnet-mgr' },
    { user: 'student', pid: 15020, tty: 'pts/0', stat: 'S+', cmd: 'vim /etc/kubernetes/manifests/kube-scheduler.yaml' },
    { user: 'student', pid: 15021, tty: 'pts/2', stat: 'S+', cmd: 'grep --color=auto kube' },
  ]);
}

/** The worker: kubelet, kube-proxy, flanneld, runtime, and the learner's grep. */
export function workerPs(): string {
  const real = realCommands();
  const cmd = (exe: string) => real.get(exe) ?? exe;
  return psAux([
    { pid: 1, stat: 'Ss', cmd: '/sbin/init splash' },
    ...RUNTIME,
    { pid: 2210, cmd: cmd('kubelet').replace('unix:///var/run/containerd/containerd.sock', 'unix:///var/run/cri-dockerd.sock') },
    { pid: 2388, cmd: cmd('kube-proxy').replace('k8s-controller-01', 'worker1') },
    { pid: 2450, cmd: '/opt/bin/flanneld --ip-masq --kube-subnet-mgr' },
    { user: 'student', pid: 3101, tty: 'pts/0', stat: 'S+', cmd: 'grep --color=auto kube' },
  ]);
}
