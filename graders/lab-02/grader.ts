import type { Check, Grader } from '../../src/grading/grader.ts';
import { psCutLook, readPs } from '../../src/grading/host-readers.ts';
import { excerpt, failed, passed } from '../../src/grading/verdict.ts';
import { processesNamed, type PsTable } from '../../src/parse/ps.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';

/**
 * lab-02 (Q2): `ps aux | grep kube` on both nodes. Components are matched by executable name
 * (src/parse/ps.ts), so the learner's grep or an open editor never counts. On kubeadm the
 * control-plane components and kube-proxy are containers, but every container is a host process
 * too, so all of them show up in the host's ps.
 */

export const CONTROL_PLANE = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'] as const;
export const NODE_AGENTS = ['kubelet', 'kube-proxy'] as const;
const ZH: Record<HostRole, string> = { master: '主节点', worker: 'worker' };

/** Each wanted component with the PIDs running it on that host. */
function survey(table: PsTable, names: readonly string[]) {
  return names.map((name) => ({ name, pids: processesNamed(table, name).map((p) => p.pid) }));
}

/** The header and the rows of the named components, verbatim. */
export function psEvidence(role: HostRole, table: PsTable, names: readonly string[]): Evidence {
  const rows = table.processes.filter((p) => names.includes(p.exe)).map((p) => p.line);
  return { probe: 'host.ps', host: role, excerpt: excerpt([table.header, ...rows].join('\n')) };
}

const HINT: Record<string, Localized> = {
  'kube-apiserver': t(
    '控制平面组件是 /etc/kubernetes/manifests 中的静态 Pod：检查该目录，并用 `sudo crictl ps -a` 查看它们的容器为何退出。',
    'The control-plane components are static pods from /etc/kubernetes/manifests: check that folder, and see why their containers exited with `sudo crictl ps -a`.',
  ),
  kubelet: t(
    '运行 `sudo systemctl status kubelet`；没有运行时 `sudo systemctl enable --now kubelet`，并用 `sudo journalctl -u kubelet -n 50` 查看错误。',
    'Run `sudo systemctl status kubelet`; if it is not running, `sudo systemctl enable --now kubelet` and read `sudo journalctl -u kubelet -n 50`.',
  ),
  'kube-proxy': t(
    'kube-proxy 是 DaemonSet：运行 `kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide` 查看该节点上的 Pod。',
    'kube-proxy is a DaemonSet: run `kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide` and look at the pod of that node.',
  ),
};

function hintFor(missing: readonly string[]): Localized {
  const keys = [...new Set(missing.map((m) => ((CONTROL_PLANE as readonly string[]).includes(m) ? 'kube-apiserver' : m)))];
  const parts = keys.map((k) => HINT[k]).filter((h): h is Localized => h !== undefined);
  return t(parts.map((p) => p.zh).join(''), parts.map((p) => p.en).join(' '));
}

function runsAll(id: string, role: HostRole, names: readonly string[], title: Localized, points: number): Check {
  return {
    id,
    title,
    points,
    run(view) {
      const table = readPs(view, role);
      const found = survey(table, names);
      const evidence = [psEvidence(role, table, names)];
      const data = { host: role, processes: found };
      const seen = found.filter((f) => f.pids.length > 0).map((f) => `${f.name} (PID ${f.pids.join(', ')})`);
      const missing = found.filter((f) => f.pids.length === 0).map((f) => f.name);
      if (missing.length === 0)
        return passed(t(`${ZH[role]}上运行着：${seen.join('、')}。`, `The ${role} runs ${seen.join(', ')}.`), { evidence, data });
      if (table.cutAt !== undefined) throw psCutLook(view, role, table, missing);
      const seenText = seen.length > 0 ? seen.join(', ') : '—';
      return failed(
        t(
          `${ZH[role]}上没有运行 ${missing.join('、')}（找到：${seenText}）。`,
          `The ${role} does not run ${missing.join(', ')} (found: ${seenText}).`,
        ),
        hintFor(missing),
        { evidence, data },
      );
    },
  };
}

const workerNoControlPlane: Check = {
  id: 'worker-no-control-plane',
  title: t('worker 上没有控制平面进程', 'The worker runs no control-plane process'),
  points: 1,
  run(view) {
    const table = readPs(view, 'worker');
    const found = survey(table, CONTROL_PLANE).filter((f) => f.pids.length > 0);
    const evidence = [psEvidence('worker', table, CONTROL_PLANE)];
    if (found.length === 0) {
      return passed(
        t(
          'worker 上没有 kube-apiserver、kube-controller-manager、kube-scheduler、etcd 进程。',
          'The worker runs none of kube-apiserver, kube-controller-manager, kube-scheduler, etcd.',
        ),
        { evidence },
      );
    }
    const list = found.map((f) => `${f.name} (PID ${f.pids.join(', ')})`).join(', ');
    return failed(
      t(
        `worker 上运行着控制平面进程：${list}。控制平面只应在主节点上：多半是在 worker 上也执行过 kubeadm init。`,
        `The worker runs control-plane processes: ${list}. The control plane belongs on the master only: kubeadm init was most likely run on the worker too.`,
      ),
      t(
        '在 worker 上运行 `sudo kubeadm reset`（它会删除 /etc/kubernetes/manifests 中的静态 Pod），然后用主节点给出的 kubeadm join 命令重新加入。',
        'On the worker run `sudo kubeadm reset` (it removes the static pods in /etc/kubernetes/manifests), then join again with the kubeadm join command from the master.',
      ),
      { evidence, data: { host: 'worker', processes: found } },
    );
  },
};

export const grader: Grader = {
  lab: 'lab-02',
  checks: [
    runsAll(
      'master-control-plane',
      'master',
      CONTROL_PLANE,
      t(
        '主节点运行 kube-apiserver、kube-controller-manager、kube-scheduler、etcd',
        'The master runs kube-apiserver, kube-controller-manager, kube-scheduler and etcd',
      ),
      2,
    ),
    runsAll(
      'master-node-agents',
      'master',
      NODE_AGENTS,
      t('主节点运行 kubelet 与 kube-proxy', 'The master runs kubelet and kube-proxy'),
      1,
    ),
    runsAll(
      'worker-node-agents',
      'worker',
      NODE_AGENTS,
      t('worker 运行 kubelet 与 kube-proxy', 'The worker runs kubelet and kube-proxy'),
      1,
    ),
    workerNoControlPlane,
  ],
};
