import { withNote } from '../common/find-object.ts';
import { nsFlag, POD_NAME } from '../common/names.ts';
import type { Check, Grader } from '../../src/grading/grader.ts';
import { readCriContainers, readCriSandboxes } from '../../src/grading/host-readers.ts';
import { excerpt, failed, passed } from '../../src/grading/verdict.ts';
import type { CriContainer, CriSandbox } from '../../src/parse/crictl.ts';
import { t } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { isPlace, placePod1, type Pod1Place } from './pod1-host.ts';

/**
 * lab-05 (Q5): the containers pod1 created on its node. `crictl ps` shows pod1's two application
 * containers; the sandbox (with docker/cri-dockerd, the pause container holding the pod's network
 * namespace) is not in `crictl ps` but in `crictl pods`. Node → host by InternalIP
 * (src/grading/node-hosts.ts): the worker of the answer sheet is node `worker1` on a VM named `ubuntu`.
 */

const CONTAINERS = ['fileserver', 'downloader'] as const;
const ZH: Record<HostRole, string> = { master: '主节点', worker: 'worker' };
const short = (id: string | undefined) => (id ?? '').slice(0, 13);

const pod1Container = (place: Pod1Place) => (c: CriContainer) =>
  c.podName === POD_NAME && (c.podNamespace ?? place.namespace) === place.namespace;
const pod1Sandbox = (place: Pod1Place) => (s: CriSandbox) => s.name === POD_NAME && (s.namespace ?? place.namespace) === place.namespace;

function containersEvidence(role: HostRole, cs: readonly CriContainer[]): Evidence {
  const rows = cs.map(
    (c) =>
      `${short(c.id).padEnd(15)}${c.state.padEnd(10)}${c.name.padEnd(14)}pod=${c.podNamespace ?? '?'}/${c.podName ?? '?'}  sandbox=${short(c.podSandboxId)}`,
  );
  return { probe: 'cri.ps', host: role, excerpt: excerpt(['CONTAINER      STATE     NAME          POD', ...rows].join('\n')) };
}

function sandboxesEvidence(role: HostRole, ps: readonly CriSandbox[]): Evidence {
  const rows = ps.map((p) => `${short(p.id).padEnd(15)}${p.state.padEnd(18)}${p.namespace ?? '?'}/${p.name}`);
  return { probe: 'cri.pods', host: role, excerpt: excerpt(['POD ID         STATE             NAMESPACE/NAME', ...rows].join('\n')) };
}

const located: Check = {
  id: 'pod1-node',
  title: t('找到 pod1 所在的节点及其虚拟机', 'pod1’s node and its VM are found'),
  points: 1,
  run(view) {
    const place = placePod1(view);
    if (!isPlace(place)) return place;
    const onMaster =
      place.role === 'master'
        ? t(
            '（题目在 worker 上观察；pod1 被调度到了主节点，同样接受。）',
            ' (The question looks at the worker; pod1 was scheduled on the master, which is accepted.)',
          )
        : undefined;
    const message = t(
      `pod1（命名空间 ${place.namespace}）运行在节点 ${place.node} 上，即 k8s-labs.yaml 中 role 为 ${place.role} 的虚拟机。`,
      `pod1 (namespace ${place.namespace}) runs on node ${place.node}, the ${place.role} VM.`,
    );
    return passed(withNote(withNote(message, onMaster), place.note), {
      evidence: [place.evidence],
      data: { namespace: place.namespace, node: place.node, host: place.role },
    });
  },
};

const containers: Check = {
  id: 'pod1-containers',
  title: t(
    'pod1 所在节点的 crictl ps 中有运行中的 fileserver 与 downloader',
    'crictl ps on pod1’s node shows fileserver and downloader running',
  ),
  points: 2,
  run(view) {
    const place = placePod1(view);
    if (!isPlace(place)) return place;
    const cs = readCriContainers(view, place.role).filter(pod1Container(place));
    const evidence = [place.evidence, containersEvidence(place.role, cs)];
    const missing = CONTAINERS.filter((name) => !cs.some((c) => c.name === name && c.state === 'running'));
    const seen = cs.map((c) => `${c.name} ${c.state} (${short(c.id)})`).join(', ') || '—';
    const data = { host: place.role, containers: cs.map((c) => ({ id: c.id, name: c.name, state: c.state, sandbox: c.podSandboxId })) };
    if (missing.length === 0) {
      return passed(
        t(
          `${ZH[place.role]}（节点 ${place.node}）上 pod1 的容器在运行：${seen}。`,
          `pod1's containers run on the ${place.role} (node ${place.node}): ${seen}.`,
        ),
        { evidence, data },
      );
    }
    return failed(
      t(
        `${ZH[place.role]}（节点 ${place.node}）的 crictl ps 中没有运行中的 pod1 容器 ${missing.join('、')}（pod1 的容器：${seen}）。`,
        `crictl ps on the ${place.role} (node ${place.node}) shows no running ${missing.join(', ')} of pod1 (pod1's containers there: ${seen}).`,
      ),
      t(
        `在该节点上运行 \`sudo crictl ps -a --name '${missing[0]}'\` 查看容器状态，并用 \`kubectl describe pod pod1${nsFlag(place.namespace)}\` 查看事件。`,
        `On that node run \`sudo crictl ps -a --name '${missing[0]}'\` to see the container's state, and \`kubectl describe pod pod1${nsFlag(place.namespace)}\` for events.`,
      ),
      { evidence, data },
    );
  },
};

const sandbox: Check = {
  id: 'pod1-sandbox',
  title: t('pod1 的沙箱（pause 容器）在 crictl pods 中为 Ready', 'pod1’s sandbox (the pause container) is Ready in crictl pods'),
  points: 1,
  run(view) {
    const place = placePod1(view);
    if (!isPlace(place)) return place;
    const sandboxes = readCriSandboxes(view, place.role).filter(pod1Sandbox(place));
    const evidence = [place.evidence, sandboxesEvidence(place.role, sandboxes)];
    const ready = sandboxes.filter((s) => s.ready);
    if (ready.length === 0) {
      const seen = sandboxes.map((s) => `${short(s.id)} ${s.state}`).join(', ') || '—';
      return failed(
        t(
          `${ZH[place.role]}（节点 ${place.node}）的 crictl pods 中没有 Ready 的 pod1 沙箱（看到：${seen}）。`,
          `crictl pods on the ${place.role} (node ${place.node}) shows no Ready sandbox for pod1 (seen: ${seen}).`,
        ),
        t(
          `在该节点上运行 \`sudo crictl pods --name pod1\`；沙箱不 Ready 时用 \`kubectl describe pod pod1${nsFlag(place.namespace)}\` 查看 “FailedCreatePodSandBox” 等事件。`,
          `On that node run \`sudo crictl pods --name pod1\`; when the sandbox is not Ready, look for events such as "FailedCreatePodSandBox" with \`kubectl describe pod pod1${nsFlag(place.namespace)}\`.`,
        ),
        { evidence },
      );
    }
    // The application containers join the sandbox's namespaces: show that their podSandboxId is this sandbox.
    const cs = view.has(place.role, 'cri.ps') ? readCriContainers(view, place.role).filter(pod1Container(place)) : [];
    const joined = cs.filter((c) => ready.some((s) => s.id === c.podSandboxId)).map((c) => c.name);
    const sb = ready.map((s) => short(s.id)).join(', ');
    const inZh = joined.length > 0 ? `，${joined.join('、')} 运行在其中` : '';
    const inEn = joined.length > 0 ? `, and ${joined.join(', ')} run in it` : '';
    return passed(
      t(
        `pod1 的沙箱 ${sb} 为 Ready${inZh}：pause 容器持有 Pod 的网络命名空间，crictl ps 不列出它。`,
        `pod1's sandbox ${sb} is Ready${inEn}: the pause container holds the pod's network namespace and is not listed by crictl ps.`,
      ),
      { evidence, data: { host: place.role, sandboxes: ready.map((s) => s.id), containersInSandbox: joined } },
    );
  },
};

export const grader: Grader = { lab: 'lab-05', checks: [located, containers, sandbox] };
