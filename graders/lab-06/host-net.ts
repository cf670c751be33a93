import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { CannotLook } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import {
  parseIpAddrs,
  parseIpLinks,
  parseIpRoutes,
  type IpAddrLink,
  type IpJsonResult,
  type IpLink,
  type IpRoute,
} from '../../src/parse/ip-json.ts';
import type { Node } from '../../src/parse/kube.ts';

/**
 * A host's network as the `ip -j` probes printed it, and the mapping from Kubernetes nodes to
 * snapshot hosts. Nodes are matched by InternalIP, never by hostname: the answer sheet's two
 * VMs were both called `ubuntu` and the worker joined as `worker1`.
 */

export const ROLES: HostRole[] = ['master', 'worker'];
export const POD_PROBE = 'pod.default.pod1.addr';

function readIp<T>(view: SnapshotView, role: HostRole, probe: string, parse: (text: string) => IpJsonResult<T>): T[] {
  const text = view.stdout(role, probe);
  const r = parse(text);
  if (r.ok) return r.value;
  throw new CannotLook(
    r.error.message,
    t(
      `在 ${role} 上手动运行该命令查看输出，然后重新评分。`,
      `Run the command by hand on the ${role}, look at its output, and grade again.`,
    ),
    [view.evidence(role, probe, text)],
  );
}

export const readLinks = (view: SnapshotView, role: HostRole): IpLink[] => readIp(view, role, 'net.link', (s) => parseIpLinks(s));
export const readAddrs = (view: SnapshotView, role: HostRole): IpAddrLink[] => readIp(view, role, 'net.addr', (s) => parseIpAddrs(s));
export const readRoutes = (view: SnapshotView, role: HostRole): IpRoute[] => readIp(view, role, 'net.route', (s) => parseIpRoutes(s));
export const readPodAddrs = (view: SnapshotView, role: HostRole): IpAddrLink[] =>
  readIp(view, role, POD_PROBE, (s) => parseIpAddrs(s, 'ip -j addr show (pod1)'));

/** A node's InternalIP. */
export function internalIP(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/** The node's pod subnet (spec.podCIDR, else the first of spec.podCIDRs). */
export function podCIDR(node: Node): string | undefined {
  return node.spec?.podCIDR ?? node.spec?.podCIDRs?.[0];
}

/** The addresses of a host (every family), from `net.addr`. */
export function hostAddresses(addrs: readonly IpAddrLink[]): string[] {
  return addrs.flatMap((l) => l.addrs.map((a) => a.local));
}

/** The snapshot roles whose `net.addr` holds the node's InternalIP (CannotLook if net.addr is missing). */
export function rolesOfNode(view: SnapshotView, node: Node): HostRole[] {
  const ip = internalIP(node);
  if (ip === undefined) return [];
  return ROLES.filter((role) => view.hostKey(role) !== undefined && hostAddresses(readAddrs(view, role)).includes(ip));
}

/** The node whose InternalIP is on the host of `role`. */
export function nodeOfRole(view: SnapshotView, nodes: readonly Node[], role: HostRole): Node | undefined {
  const addrs = new Set(hostAddresses(readAddrs(view, role)));
  return nodes.find((n) => {
    const ip = internalIP(n);
    return ip !== undefined && addrs.has(ip);
  });
}

/** flannel's vxlan device: `flannel.1` if present, else any `flannel.<VNI>`. */
export function flannelDevice(links: readonly IpLink[]): IpLink | undefined {
  return links.find((l) => l.ifname === 'flannel.1') ?? links.find((l) => /^flannel\.\d+$/.test(l.ifname));
}

/** "ens33 192.168.157.132/24" style address list of one device. */
export function addressList(link: IpAddrLink | undefined): string[] {
  return (link?.addrs ?? []).filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`);
}
