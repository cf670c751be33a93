import type { Check } from '../../src/grading/grader.ts';
import { readSwaps } from '../../src/grading/host-readers.ts';
import { internalIps, isControlPlane, locateNodes } from '../../src/grading/node-hosts.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { CannotLook, errored, failed, passed } from '../../src/grading/verdict.ts';
import { isDebianLike, parseHolds, parseKubeletVersion, parseOsRelease } from '../../src/parse/host-files.ts';
import { t } from '../../src/shared/i18n.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { nodesEvidence, nodesOf } from './cluster-objects.ts';
import { notTwoNodes } from './node-checks.ts';

/** Checks that compare the two machines: identity, kubelet version, swap, package holds. */

const ROLES = ['master', 'worker'] as const;
const ZH: Record<HostRole, string> = { master: '主节点', worker: 'worker' };

const distinctMachines: Check = {
  id: 'distinct-machines',
  title: t('两个节点是两台不同的虚拟机', 'The two nodes are two different VMs'),
  points: 1,
  run(view) {
    const nodes = nodesOf(view);
    if (nodes.length !== 2) return notTwoNodes(view, nodes);
    const evidence = [nodesEvidence(nodes), view.evidence('master', 'net.addr'), view.evidence('worker', 'net.addr')];
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const shared = internalIps(a).filter((ip) => internalIps(b).includes(ip));
    if (shared.length > 0) {
      return failed(
        t(
          `两个节点报告了相同的 InternalIP ${shared.join(', ')}：kubelet 选中了两台虚拟机上相同的网卡地址（常见于 VirtualBox 的 NAT 网卡 10.0.2.15，或克隆出来的虚拟机），节点之间的 Pod 网络因此无法工作。`,
          `Both nodes report InternalIP ${shared.join(', ')}: kubelet picked an address that is the same on both VMs (typically VirtualBox's NAT address 10.0.2.15, or a cloned VM), so pod networking between the nodes cannot work.`,
        ),
        t(
          '在每个节点的 /etc/default/kubelet 中写 `KUBELET_EXTRA_ARGS=--node-ip=<该虚拟机的 host-only 地址>`，`sudo systemctl restart kubelet`，再用 `kubectl get nodes -o wide` 检查 INTERNAL-IP。',
          'On each node put `KUBELET_EXTRA_ARGS=--node-ip=<that VM’s host-only address>` in /etc/default/kubelet, `sudo systemctl restart kubelet`, then check INTERNAL-IP with `kubectl get nodes -o wide`.',
        ),
        { evidence },
      );
    }
    const where = locateNodes(view, nodes);
    const describe = (n: typeof a) => `${n.metadata.name} (${internalIps(n).join(', ') || '—'})`;
    const lost = nodes.filter((n) => where.get(n.metadata.name)?.role === undefined);
    if (lost.length > 0) {
      return errored(
        t(
          `找不到节点 ${lost.map(describe).join('、')} 对应的主机：它的 InternalIP 不在任何已配置主机的网卡上。`,
          `No configured host is node ${lost.map(describe).join(', ')}: its InternalIP is on neither host's interfaces.`,
        ),
        t(
          '检查 k8s-labs.yaml 中的两台主机是否就是这个集群的虚拟机；对照 `kubectl get nodes -o wide` 的 INTERNAL-IP 与各虚拟机上的 `ip addr`。',
          'Check that the two hosts in k8s-labs.yaml are this cluster’s VMs; compare INTERNAL-IP in `kubectl get nodes -o wide` with `ip addr` on each VM.',
        ),
        { evidence },
      );
    }
    const roleA = where.get(a.metadata.name)?.role as HostRole;
    const roleB = where.get(b.metadata.name)?.role as HostRole;
    if (roleA === roleB) {
      return failed(
        t(
          `两个节点 ${describe(a)}、${describe(b)} 都在${ZH[roleA]}这台机器上。`,
          `Both nodes, ${describe(a)} and ${describe(b)}, are on the ${roleA} machine.`,
        ),
        t(
          '每台虚拟机只应运行一个 kubelet；在多余的那台上运行 `sudo kubeadm reset`，并用 `kubectl delete node <名字>` 删除它。',
          'Each VM runs one kubelet; run `sudo kubeadm reset` for the extra one and remove it with `kubectl delete node <name>`.',
        ),
        { evidence },
      );
    }
    const data = nodes.map((n) => ({ node: n.metadata.name, internalIp: internalIps(n), host: where.get(n.metadata.name)?.role }));
    const cp = nodes.find(isControlPlane);
    if (cp !== undefined && where.get(cp.metadata.name)?.role === 'worker') {
      return errored(
        t(
          `两个节点确实是两台机器，但控制平面节点 ${describe(cp)} 是 k8s-labs.yaml 中配置为 worker 的主机：两台主机的 role 写反了，其他实验的检查会看错机器。`,
          `The nodes are two machines, but the control-plane node ${describe(cp)} is the host configured as worker in k8s-labs.yaml: the roles are swapped, and other labs would look at the wrong machine.`,
        ),
        t('在 k8s-labs.yaml 中交换两台主机的 role，然后重新评分。', 'Swap the two hosts’ roles in k8s-labs.yaml, then grade again.'),
        { evidence, data },
      );
    }
    const byRole = (r: HostRole) => describe(nodes.find((n) => where.get(n.metadata.name)?.role === r) as typeof a);
    return passed(
      t(
        `主节点虚拟机是 ${byRole('master')}，worker 虚拟机是 ${byRole('worker')}。`,
        `The master VM is ${byRole('master')}; the worker VM is ${byRole('worker')}.`,
      ),
      { evidence, data },
    );
  },
};

const kubeletVersion: Check = {
  id: 'kubelet-version',
  title: t('两个节点的 kubelet 版本相同', 'Both nodes run the same kubelet version'),
  points: 1,
  run(view) {
    const nodes = nodesOf(view);
    let seen: { who: string; version: string }[];
    const evidence = [nodesEvidence(nodes)];
    if (nodes.length >= 2) {
      seen = nodes.map((n) => ({ who: n.metadata.name, version: n.status?.nodeInfo?.kubeletVersion ?? '?' }));
    } else {
      // One node registered: compare the kubelet binaries on the two hosts instead.
      seen = ROLES.map((r) => {
        const text = view.stdout(r, 'host.kubelet-version');
        evidence.push(view.evidence(r, 'host.kubelet-version', text));
        return { who: r, version: parseKubeletVersion(text) ?? '?' };
      });
    }
    const list = seen.map((s) => `${s.who}: ${s.version}`).join(', ');
    if (new Set(seen.map((s) => s.version)).size === 1 && seen[0]?.version !== '?') {
      return passed(t(`kubelet 版本一致（${list}）。`, `The kubelet versions match (${list}).`), { evidence });
    }
    return failed(
      t(`kubelet 版本不一致：${list}。`, `The kubelet versions differ: ${list}.`),
      t(
        '用 `apt-cache madison kubelet` 选定一个版本，在两台机器上 `sudo apt-get install -y --allow-change-held-packages kubelet=<版本> kubeadm=<版本>`，再 `sudo systemctl restart kubelet`。',
        'Pick one version from `apt-cache madison kubelet`, run `sudo apt-get install -y --allow-change-held-packages kubelet=<version> kubeadm=<version>` on both machines, then `sudo systemctl restart kubelet`.',
      ),
      { evidence },
    );
  },
};

const swapOff: Check = {
  id: 'swap-off',
  title: t('两台机器都关闭了 swap', 'Swap is off on both machines'),
  points: 1,
  run(view) {
    const areas = ROLES.map((r) => ({ role: r, areas: readSwaps(view, r) }));
    const evidence = ROLES.map((r) => view.evidence(r, 'host.swaps'));
    const on = areas.filter((a) => a.areas.length > 0);
    if (on.length === 0)
      return passed(t('两台机器的 /proc/swaps 都没有启用的 swap。', 'Neither machine has an active swap area in /proc/swaps.'), {
        evidence,
      });
    const list = on.map((a) => `${a.role}: ${a.areas.map((s) => s.filename).join(', ')}`).join('; ');
    return failed(
      t(
        `swap 仍然开启：${list}。kubelet 默认在有 swap 时拒绝启动（failSwapOn）。`,
        `Swap is still on: ${list}. By default kubelet refuses to run with swap on (failSwapOn).`,
      ),
      t(
        '在这些机器上运行 `sudo swapoff -a`，并在 /etc/fstab 里注释掉 swap 那一行（如 /swap.img），这样重启后也保持关闭；再 `cat /proc/swaps` 确认只剩表头。',
        'On those machines run `sudo swapoff -a` and comment out the swap line in /etc/fstab (e.g. /swap.img) so it stays off after a reboot; `cat /proc/swaps` should then show only the header.',
      ),
      { evidence },
    );
  },
};

const NEED_HELD: Record<HostRole, readonly string[]> = { master: ['kubelet', 'kubeadm', 'kubectl'], worker: ['kubelet', 'kubeadm'] };

/** `apt-mark showhold` of a host; a non-Debian host gets its own explanation instead of the generic probe error. */
function holdsOf(view: SnapshotView, role: HostRole): string[] {
  try {
    return parseHolds(view.stdout(role, 'host.holds'));
  } catch (err) {
    const os = view.raw(role, 'host.os');
    if (err instanceof CannotLook && os?.exitCode === 0 && !isDebianLike(parseOsRelease(os.stdout))) {
      throw new CannotLook(
        t(
          `${ZH[role]}不是 Debian/Ubuntu 系统，没有 apt-mark，无法检查软件包是否锁定版本。`,
          `The ${role} is not Debian/Ubuntu and has no apt-mark, so package holds cannot be checked.`,
        ),
        t(
          '本作业基于 Ubuntu；在 RHEL 系发行版上请用 `dnf versionlock add kubelet kubeadm kubectl` 并告知教师。',
          'The homework assumes Ubuntu; on RHEL-family systems use `dnf versionlock add kubelet kubeadm kubectl` and tell your instructor.',
        ),
        [view.evidence(role, 'host.os')],
      );
    }
    throw err;
  }
}

const packagesHeld: Check = {
  id: 'packages-held',
  title: t('kubelet、kubeadm、kubectl 已锁定版本（apt-mark hold）', 'kubelet, kubeadm and kubectl are held (apt-mark hold)'),
  points: 1,
  run(view) {
    const held = ROLES.map((r) => ({ role: r, held: holdsOf(view, r) }));
    const evidence = ROLES.map((r) => view.evidence(r, 'host.holds'));
    const missing = held
      .map((h) => ({ role: h.role, missing: NEED_HELD[h.role].filter((p) => !h.held.includes(p)) }))
      .filter((m) => m.missing.length > 0);
    if (missing.length === 0) {
      return passed(
        t(
          '主节点锁定了 kubelet、kubeadm、kubectl，worker 锁定了 kubelet、kubeadm。',
          'The master holds kubelet, kubeadm and kubectl; the worker holds kubelet and kubeadm.',
        ),
        { evidence },
      );
    }
    const list = missing.map((m) => `${m.role}: ${m.missing.join(', ')}`).join('; ');
    return failed(
      t(
        `这些软件包没有被锁定：${list}。不锁定的话，一次 apt upgrade 就可能让节点版本不一致。`,
        `These packages are not held: ${list}. Unheld, one apt upgrade can leave the nodes on different versions.`,
      ),
      t(
        '在对应机器上运行 `sudo apt-mark hold kubelet kubeadm kubectl`，再用 `apt-mark showhold` 确认。',
        'On that machine run `sudo apt-mark hold kubelet kubeadm kubectl`, then check with `apt-mark showhold`.',
      ),
      { evidence },
    );
  },
};

export const machineChecks: readonly Check[] = [distinctMachines, kubeletVersion, swapOff, packagesHeld];
