import { z } from 'zod';
import type { Node } from '../parse/kube.ts';
import { t } from '../shared/i18n.ts';
import type { HostRole } from '../shared/snapshot.ts';
import type { SnapshotView } from './snapshot-view.ts';
import { CannotLook } from './verdict.ts';

/**
 * Which configured host (by role) is which Kubernetes Node. Node names are no help (kubeadm's
 * `--node-name` differs from the hostname; two VMs are often both called `ubuntu`), so a node is
 * matched by its InternalIP against the addresses each host reports (`net.addr`, `ip -j addr`):
 * that also holds when SSH reaches the VM on another interface than the node's IP.
 */

/** `ip -j addr show`: only what we need, loose (old iproute2 prints odd entries). */
const IpAddrJson = z.array(
  z.looseObject({
    ifname: z.string().optional(),
    addr_info: z.array(z.looseObject({ family: z.string().optional(), local: z.string().optional() })).optional(),
  }),
);

export const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'] as const;

/** True when the node carries the control-plane role label (`…/master` before Kubernetes 1.24). */
export function isControlPlane(node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  return CONTROL_PLANE_LABELS.some((l) => Object.hasOwn(labels, l));
}

/** The node's InternalIP addresses. */
export function internalIps(node: Node): string[] {
  return (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
}

/** Every address on a host's interfaces (`net.addr`); throws CannotLook when the probe is missing. */
export function hostAddresses(view: SnapshotView, role: HostRole): Set<string> {
  const ifaces = view.json(role, 'net.addr', IpAddrJson);
  return new Set(ifaces.flatMap((i) => (i.addr_info ?? []).map((a) => a.local ?? '')).filter((a) => a !== ''));
}

/** Where a node was found. `ambiguous`: its InternalIP is on both hosts (e.g. two VirtualBox NAT VMs, both 10.0.2.15). */
export interface NodeLocation {
  role: HostRole | undefined;
  ambiguous: boolean;
}

/**
 * Locates each node on the configured hosts. A node whose InternalIP is on exactly one host is
 * that host; one whose InternalIP is on both falls back to its role label (control-plane →
 * master); one found on no host stays unlocated (the configuration names other machines).
 */
export function locateNodes(view: SnapshotView, nodes: readonly Node[]): Map<string, NodeLocation> {
  const roles = (['master', 'worker'] as const).filter((r) => view.hostKey(r) !== undefined);
  const addrs = new Map(roles.map((r) => [r, hostAddresses(view, r)]));
  const out = new Map<string, NodeLocation>();
  for (const node of nodes) {
    const ips = internalIps(node);
    const on = roles.filter((r) => ips.some((ip) => addrs.get(r)?.has(ip)));
    if (on.length === 1) out.set(node.metadata.name, { role: on[0], ambiguous: false });
    else if (on.length > 1) out.set(node.metadata.name, { role: isControlPlane(node) ? 'master' : 'worker', ambiguous: true });
    else out.set(node.metadata.name, { role: undefined, ambiguous: false });
  }
  return out;
}

/** The role of the host that is this node; throws CannotLook when no configured host is. */
export function hostOfNode(view: SnapshotView, node: Node, nodes: readonly Node[]): HostRole {
  const where = locateNodes(view, nodes).get(node.metadata.name);
  if (where?.role !== undefined) return where.role;
  const ips = internalIps(node).join(', ') || '—';
  throw new CannotLook(
    t(
      `节点 ${node.metadata.name} 的 InternalIP（${ips}）不在任何一台已配置主机的网卡上，无法确定它是哪台虚拟机。`,
      `Node ${node.metadata.name} has InternalIP ${ips}, which is on no configured host's interfaces, so it is unknown which VM it is.`,
    ),
    t(
      '检查 k8s-labs.yaml 里的主机是否就是集群的两台虚拟机；在主节点上运行 `kubectl get nodes -o wide` 对照 INTERNAL-IP。',
      'Check that the hosts in k8s-labs.yaml are the cluster’s two VMs; run `kubectl get nodes -o wide` on the master and compare INTERNAL-IP.',
    ),
    [view.evidence('master', 'kube.nodes')],
  );
}
