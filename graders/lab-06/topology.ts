import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import type { IpAddrLink, IpLink, IpRoute } from '../../src/parse/ip-json.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { addressList, flannelDevice, internalIP, readAddrs, readLinks } from './host-net.ts';
import type { Pod1Place } from './pod1.ts';

/**
 * The devices between the master and pod1, for the picture the lesson draws from the learner's
 * own `ip` output: pod eth0 ↔ host veth ↔ cni0 ↔ flannel.1 ↔ uplink (ens33), and the master's
 * route to pod1's subnet. Built best effort: a missing probe leaves its part out.
 */
export interface Topology {
  pod: {
    namespace: string;
    name: string;
    ip: string;
    node: string;
    host: HostRole;
    eth0: { ifindex: number; peerIndex: number | null; mac: string | null } | null;
  };
  hostVeth: { ifname: string; ifindex: number; peerIndex: number | null; master: string | null } | null;
  bridge: { ifname: string; addresses: string[] } | null;
  flannel: { ifname: string; vni: number | null; port: number | null; local: string | null; dev: string | null } | null;
  uplink: { ifname: string; addresses: string[] } | null;
  masterRoute: { destination: string; dst: string; gateway: string | null; dev: string | null; flags: string[] } | null;
  /** Devices a packet from the master to pod1 passes, in order (`host:device`). */
  path: string[];
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

export function buildTopology(
  view: SnapshotView,
  place: Pod1Place,
  podLinks: IpAddrLink[] | undefined,
  route?: { destination: string; route: IpRoute | undefined },
): Topology {
  const eth0 = podLinks?.find((l) => l.ifname === 'eth0') ?? podLinks?.find((l) => l.addrs.some((a) => a.local === place.podIP));
  const links: IpLink[] = attempt(() => readLinks(view, place.role)) ?? [];
  const addrs: IpAddrLink[] = attempt(() => readAddrs(view, place.role)) ?? [];
  const veth = eth0?.linkIndex !== undefined ? links.find((l) => l.ifindex === eth0.linkIndex) : undefined;
  const bridgeName = veth?.master ?? 'cni0';
  const bridge = links.find((l) => l.ifname === bridgeName);
  const flannel = flannelDevice(links);
  const nodeIP = internalIP(place.node);
  const uplinkName = flannel?.vxlan?.dev ?? addrs.find((l) => l.addrs.some((a) => a.local === nodeIP))?.ifname;
  const topo: Topology = {
    pod: {
      namespace: place.pod.metadata.namespace ?? 'default',
      name: place.pod.metadata.name,
      ip: place.podIP,
      node: place.node.metadata.name,
      host: place.role,
      eth0: eth0 ? { ifindex: eth0.ifindex, peerIndex: eth0.linkIndex ?? null, mac: eth0.address ?? null } : null,
    },
    hostVeth: veth ? { ifname: veth.ifname, ifindex: veth.ifindex, peerIndex: veth.linkIndex ?? null, master: veth.master ?? null } : null,
    bridge: bridge ? { ifname: bridge.ifname, addresses: addressList(addrs.find((l) => l.ifname === bridge.ifname)) } : null,
    flannel: flannel
      ? {
          ifname: flannel.ifname,
          vni: flannel.vxlan?.id ?? null,
          port: flannel.vxlan?.port ?? null,
          local: flannel.vxlan?.local ?? null,
          dev: flannel.vxlan?.dev ?? null,
        }
      : null,
    uplink: uplinkName ? { ifname: uplinkName, addresses: addressList(addrs.find((l) => l.ifname === uplinkName)) } : null,
    masterRoute: route?.route
      ? {
          destination: route.destination,
          dst: route.route.dst,
          gateway: route.route.gateway ?? null,
          dev: route.route.dev ?? null,
          flags: route.route.flags,
        }
      : null,
    path: [],
  };
  const here = place.role;
  if (here === 'worker' && topo.masterRoute?.dev) {
    const masterLinks = attempt(() => readLinks(view, 'master')) ?? [];
    const masterUplink = masterLinks.find((l) => l.ifname === topo.masterRoute?.dev)?.vxlan?.dev ?? 'ens33';
    topo.path.push(`master:${topo.masterRoute.dev}`, `master:${masterUplink}`);
    if (topo.uplink) topo.path.push(`worker:${topo.uplink.ifname}`);
    if (topo.flannel) topo.path.push(`worker:${topo.flannel.ifname}`);
  }
  if (topo.bridge) topo.path.push(`${here}:${topo.bridge.ifname}`);
  if (topo.hostVeth) topo.path.push(`${here}:${topo.hostVeth.ifname}`);
  if (topo.pod.eth0) topo.path.push(`pod1:eth0`);
  return topo;
}
