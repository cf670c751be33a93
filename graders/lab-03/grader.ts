import type { Check, Grader } from '../../src/grading/grader.ts';
import { psCutLook, readCriContainers, readPs } from '../../src/grading/host-readers.ts';
import { excerpt, failed, passed } from '../../src/grading/verdict.ts';
import type { CriContainer } from '../../src/parse/crictl.ts';
import { processesNamed } from '../../src/parse/ps.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';

/**
 * lab-03 (Q3): `crictl ps` on both nodes. Which Kubernetes components run as containers (the
 * control plane as static pods, kube-proxy and flannel as DaemonSets, CoreDNS as a Deployment)
 * and which do not (kubelet and the container runtime are host processes).
 */

const ROLES = ['master', 'worker'] as const;
const ZH: Record<HostRole, string> = { master: '主节点', worker: 'worker' };

/** A component as a running container. flannel's container is `kube-flannel` in every manifest generation. */
interface Component {
  name: string;
  matches(c: CriContainer): boolean;
}
const byName = (name: string, ...aliases: string[]): Component => ({ name, matches: (c) => c.name === name || aliases.includes(c.name) });
const CONTROL_PLANE = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((n) => byName(n));
const KUBE_PROXY = byName('kube-proxy');
const FLANNEL: Component = {
  name: 'kube-flannel',
  matches: (c) =>
    c.name === 'kube-flannel' ||
    c.name === 'flannel' ||
    (c.podName?.startsWith('kube-flannel') === true && !c.name.startsWith('install-cni')),
};
const COREDNS = byName('coredns');

const shortId = (id: string) => id.slice(0, 13);
const running = (cs: readonly CriContainer[], comp: Component) => cs.filter((c) => c.state === 'running' && comp.matches(c));

/** crictl-like rows of the containers of interest. */
function criEvidence(role: HostRole, cs: readonly CriContainer[], comps: readonly Component[]): Evidence {
  const rows = cs
    .filter((c) => comps.some((k) => k.matches(c)))
    .map((c) => `${shortId(c.id).padEnd(15)}${c.state.padEnd(10)}${c.name.padEnd(26)}${c.podNamespace ?? '?'}/${c.podName ?? '?'}`);
  return { probe: 'cri.ps', host: role, excerpt: excerpt(['CONTAINER      STATE     NAME                      POD', ...rows].join('\n')) };
}

const HINTS: Record<string, Localized> = {
  controlPlane: t(
    '控制平面组件是 /etc/kubernetes/manifests 中的静态 Pod：在主节点上运行 `sudo crictl ps -a` 查看退出的容器，并用 `sudo crictl logs <容器 ID>` 查看原因。',
    'The control-plane components are static pods from /etc/kubernetes/manifests: on the master run `sudo crictl ps -a` to find exited containers and `sudo crictl logs <container id>` to see why.',
  ),
  'kube-proxy': t(
    '运行 `kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide`，看该节点上的 kube-proxy Pod。',
    'Run `kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide` and look at the kube-proxy pod of that node.',
  ),
  'kube-flannel': t(
    '运行 `kubectl -n kube-flannel get pods -o wide`（旧版清单在 kube-system），看该节点上的 flannel Pod。',
    'Run `kubectl -n kube-flannel get pods -o wide` (kube-system with old manifests) and look at the flannel pod of that node.',
  ),
  coredns: t(
    '运行 `kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide`；CoreDNS 在网络插件工作之前一直是 Pending。',
    'Run `kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide`; CoreDNS stays Pending until the network plugin works.',
  ),
};

/** A check that every component runs as a container on each of `roles`. */
function containersOn(
  id: string,
  title: Localized,
  points: number,
  roles: readonly HostRole[],
  comps: readonly Component[],
  hint: Localized,
): Check {
  return {
    id,
    title,
    points,
    run(view) {
      const per = roles.map((role) => ({ role, cs: readCriContainers(view, role) }));
      const evidence = per.map((p) => criEvidence(p.role, p.cs, comps));
      const found: string[] = [];
      const missing: { role: HostRole; name: string }[] = [];
      for (const { role, cs } of per) {
        for (const comp of comps) {
          const hits = running(cs, comp);
          if (hits.length > 0) found.push(`${role}: ${comp.name} (${hits.map((h) => shortId(h.id)).join(', ')})`);
          else missing.push({ role, name: comp.name });
        }
      }
      const data = {
        found: per.map((p) => ({
          host: p.role,
          containers: p.cs
            .filter((c) => comps.some((k) => k.matches(c)))
            .map((c) => ({ id: c.id, name: c.name, state: c.state, pod: c.podName })),
        })),
      };
      if (missing.length === 0)
        return passed(t(`以容器形式运行：${found.join('；')}。`, `Running as containers: ${found.join('; ')}.`), { evidence, data });
      const miss = missing.map((m) => `${m.role}: ${m.name}`).join('; ');
      const missZh = missing.map((m) => `${ZH[m.role]}上的 ${m.name}`).join('、');
      return failed(t(`crictl ps 中找不到这些正在运行的容器：${missZh}。`, `crictl ps shows no running container for ${miss}.`), hint, {
        evidence,
        data,
      });
    },
  };
}

const coredns: Check = {
  id: 'coredns-container',
  title: t('CoreDNS 以容器形式运行（任一节点）', 'CoreDNS runs as a container (on either node)'),
  points: 1,
  run(view) {
    const per = ROLES.map((role) => {
      const cs = readCriContainers(view, role);
      return { role, cs, hits: running(cs, COREDNS) };
    });
    const evidence = per.map((p) => criEvidence(p.role, p.cs, [COREDNS]));
    const where = per
      .filter((p) => p.hits.length > 0)
      .map((p) => `${p.role}: ${p.hits.map((h) => `${h.podName ?? '?'} (${shortId(h.id)})`).join(', ')}`);
    if (where.length > 0)
      return passed(t(`CoreDNS 容器在运行：${where.join('；')}。`, `CoreDNS containers are running: ${where.join('; ')}.`), { evidence });
    return failed(
      t('两个节点的 crictl ps 中都没有正在运行的 coredns 容器。', 'Neither node’s crictl ps shows a running coredns container.'),
      HINTS['coredns'] as Localized,
      { evidence },
    );
  },
};

const RUNTIMES = ['containerd', 'dockerd', 'cri-dockerd', 'crio'];

const hostProcesses: Check = {
  id: 'kubelet-host-process',
  title: t('kubelet 与容器运行时是主机进程，而不是容器', 'kubelet and the container runtime are host processes, not containers'),
  points: 1,
  run(view) {
    const problems: Localized[] = [];
    const seen: string[] = [];
    const evidence: Evidence[] = [];
    for (const role of ROLES) {
      const ps = readPs(view, role);
      const cs = readCriContainers(view, role);
      const kubelet = processesNamed(ps, 'kubelet');
      const runtimes = RUNTIMES.filter((r) => processesNamed(ps, r).length > 0);
      evidence.push({
        probe: 'host.ps',
        host: role,
        excerpt: excerpt(
          [ps.header, ...ps.processes.filter((p) => p.exe === 'kubelet' || RUNTIMES.includes(p.exe)).map((p) => p.line)].join('\n'),
        ),
      });
      if ((kubelet.length === 0 || runtimes.length === 0) && ps.cutAt !== undefined)
        throw psCutLook(view, role, ps, [
          ...(kubelet.length === 0 ? ['kubelet'] : []),
          ...(runtimes.length === 0 ? [RUNTIMES.join('/')] : []),
        ]);
      if (kubelet.length === 0) problems.push(t(`${ZH[role]}上没有 kubelet 进程`, `${role}: no kubelet process`));
      if (runtimes.length === 0)
        problems.push(
          t(`${ZH[role]}上没有容器运行时进程（${RUNTIMES.join('、')}）`, `${role}: no container runtime process (${RUNTIMES.join(', ')})`),
        );
      const contained = cs.filter((c) => c.name === 'kubelet');
      if (contained.length > 0) {
        const id = shortId(contained[0]?.id ?? '');
        problems.push(t(`${ZH[role]}上 kubelet 运行在容器 ${id} 中`, `${role}: kubelet runs in container ${id}`));
      }
      if (kubelet.length > 0 && runtimes.length > 0)
        seen.push(`${role}: kubelet (PID ${kubelet.map((p) => p.pid).join(', ')}), ${runtimes.join(' + ')}`);
    }
    if (problems.length === 0) {
      return passed(
        t(
          `kubelet 与容器运行时作为主机进程运行（${seen.join('；')}），不在 crictl ps 中。`,
          `kubelet and the container runtime run as host processes (${seen.join('; ')}), not in crictl ps.`,
        ),
        { evidence },
      );
    }
    return failed(
      t(
        `预期 kubelet 与容器运行时是主机进程：${problems.map((p) => p.zh).join('；')}。`,
        `kubelet and the container runtime should be host processes: ${problems.map((p) => p.en).join('; ')}.`,
      ),
      t(
        'kubelet 由 systemd 管理：`sudo systemctl status kubelet`；运行时：`sudo systemctl status containerd`（或 docker 与 cri-dockerd）。',
        'kubelet runs under systemd: `sudo systemctl status kubelet`; the runtime: `sudo systemctl status containerd` (or docker and cri-dockerd).',
      ),
      { evidence },
    );
  },
};

export const grader: Grader = {
  lab: 'lab-03',
  checks: [
    containersOn(
      'control-plane-containers',
      t(
        '主节点上 etcd、kube-apiserver、kube-controller-manager、kube-scheduler 以容器运行',
        'etcd, kube-apiserver, kube-controller-manager and kube-scheduler run as containers on the master',
      ),
      2,
      ['master'],
      CONTROL_PLANE,
      HINTS['controlPlane'] as Localized,
    ),
    containersOn(
      'kube-proxy-containers',
      t('两个节点上 kube-proxy 都以容器运行', 'kube-proxy runs as a container on both nodes'),
      1,
      ROLES,
      [KUBE_PROXY],
      HINTS['kube-proxy'] as Localized,
    ),
    containersOn(
      'flannel-containers',
      t('两个节点上 flannel 都以容器运行', 'flannel runs as a container on both nodes'),
      1,
      ROLES,
      [FLANNEL],
      HINTS['kube-flannel'] as Localized,
    ),
    coredns,
    hostProcesses,
  ],
};
