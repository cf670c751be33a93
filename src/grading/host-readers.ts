import { parseCriContainers, parseCriSandboxes, type CriContainer, type CriSandbox } from '../parse/crictl.ts';
import { parseSwaps, type SwapArea } from '../parse/host-files.ts';
import { parsePs, type PsTable } from '../parse/ps.ts';
import { t } from '../shared/i18n.ts';
import type { HostRole } from '../shared/snapshot.ts';
import type { SnapshotView } from './snapshot-view.ts';
import { CannotLook } from './verdict.ts';

/**
 * Host probes read through a SnapshotView: parsed, or CannotLook (→ `error`) when the probe is
 * missing, failed, or printed something that is not its command's output.
 */

const ROLE_ZH: Record<HostRole, string> = { master: '主节点', worker: '工作节点' };

/** `host.ps` (`ps aux`) of a host. */
export function readPs(view: SnapshotView, role: HostRole): PsTable {
  const text = view.stdout(role, 'host.ps');
  const table = parsePs(text);
  if (!table) {
    throw new CannotLook(
      t(
        `${ROLE_ZH[role]}上 host.ps 的输出不是 ps aux 的格式（找不到 PID … COMMAND 表头）。`,
        `The host.ps output of the ${role} is not ps aux output (no PID … COMMAND header).`,
      ),
      t('在该节点上运行 `ps aux | head -3` 查看输出。', 'Run `ps aux | head -3` on that node and look at the output.'),
      [view.evidence(role, 'host.ps', text)],
    );
  }
  return table;
}

/**
 * Why a component missing from a cut `ps` table (PsTable.cutAt) cannot be called missing: the
 * cut may have hidden its name. Throw it instead of failing the check.
 */
export function psCutLook(view: SnapshotView, role: HostRole, table: PsTable, missing: readonly string[]): CannotLook {
  const width = table.cutAt ?? 0;
  return new CannotLook(
    t(
      `${ROLE_ZH[role]}上 host.ps 的每行都在第 ${width} 列被截断，命令名可能不完整，无法判断 ${missing.join('、')} 是否在运行。`,
      `The host.ps rows of the ${role} are cut at column ${width}, so command names may be incomplete and it cannot be told whether ${missing.join(', ')} ${missing.length > 1 ? 'run' : 'runs'}.`,
    ),
    t(
      '用不截断的 `ps auxww` 重新采集（评分程序自己采集时不会截断），然后重新评分。',
      'Collect again with `ps auxww`, which does not cut lines (the grader’s own collection never does), then grade again.',
    ),
    [view.evidence(role, 'host.ps')],
  );
}

const CRICTL_HINT = t(
  '在该节点上运行 `sudo crictl ps`。若报错连不上运行时，在 /etc/crictl.yaml 中把 runtime-endpoint 设为 kubelet 使用的套接字（containerd：unix:///run/containerd/containerd.sock；cri-dockerd：unix:///var/run/cri-dockerd.sock）。',
  'Run `sudo crictl ps` on that node. If it cannot reach the runtime, set runtime-endpoint in /etc/crictl.yaml to the socket kubelet uses (containerd: unix:///run/containerd/containerd.sock; cri-dockerd: unix:///var/run/cri-dockerd.sock).',
);

/**
 * `cri.ps` (`crictl ps -o json`) of a host. An empty list is CannotLook too: every kubeadm node
 * runs at least kube-proxy in a container, so "no containers at all" means crictl asked another
 * runtime than kubelet's (typically containerd's socket on a docker + cri-dockerd node).
 */
export function readCriContainers(view: SnapshotView, role: HostRole): CriContainer[] {
  const text = view.stdout(role, 'cri.ps');
  const containers = parseCriContainers(text);
  if (!containers) {
    throw new CannotLook(
      t(`${ROLE_ZH[role]}上 cri.ps 的输出不是 crictl ps 的结果。`, `The cri.ps output of the ${role} is not crictl ps output.`),
      CRICTL_HINT,
      [view.evidence(role, 'cri.ps', text)],
    );
  }
  if (containers.length === 0) {
    throw new CannotLook(
      t(
        `${ROLE_ZH[role]}上 crictl ps 没有列出任何容器，连 kube-proxy 都没有：crictl 多半连到了另一个容器运行时（例如装了 docker 的节点上 containerd 自带的套接字），而不是 kubelet 使用的那个。`,
        `crictl ps lists no container at all on the ${role}, not even kube-proxy: crictl most likely talks to another container runtime (e.g. containerd's own socket on a docker node) than the one kubelet uses.`,
      ),
      CRICTL_HINT,
      [view.evidence(role, 'cri.ps', text)],
    );
  }
  return containers;
}

/** `cri.pods` (`crictl pods -o json`) of a host. */
export function readCriSandboxes(view: SnapshotView, role: HostRole): CriSandbox[] {
  const text = view.stdout(role, 'cri.pods');
  const sandboxes = parseCriSandboxes(text);
  if (!sandboxes) {
    throw new CannotLook(
      t(`${ROLE_ZH[role]}上 cri.pods 的输出不是 crictl pods 的结果。`, `The cri.pods output of the ${role} is not crictl pods output.`),
      CRICTL_HINT,
      [view.evidence(role, 'cri.pods', text)],
    );
  }
  return sandboxes;
}

/** `host.swaps` (`cat /proc/swaps`) of a host. */
export function readSwaps(view: SnapshotView, role: HostRole): SwapArea[] {
  const text = view.stdout(role, 'host.swaps');
  const areas = parseSwaps(text);
  if (!areas) {
    throw new CannotLook(
      t(
        `${ROLE_ZH[role]}上 host.swaps 的输出不是 /proc/swaps 的内容。`,
        `The host.swaps output of the ${role} is not the content of /proc/swaps.`,
      ),
      t('在该节点上运行 `cat /proc/swaps` 查看输出。', 'Run `cat /proc/swaps` on that node and look at the output.'),
      [view.evidence(role, 'host.swaps', text)],
    );
  }
  return areas;
}
