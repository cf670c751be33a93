import { CLUSTER, NODES, otherRole, podsOn, type Role } from '../model/topology.ts';
import { BRIDGE, nodeNetns, podNetns, uplinkName } from './paths.ts';
import { runAsync } from './run.ts';

/**
 * Builds the LAN and the flannel-style pod network of /work/shared/TESTBED.md with real kernel
 * devices: br-lab in the root namespace, one namespace per node (ens33 = a veth into br-lab,
 * docker0, cni0, flannel.1 as a vxlan device wired to the other node the way flanneld wires it)
 * and one namespace per pod (eth0 = a veth whose peer is enslaved to cni0).
 * Commands go through `ip -batch` per namespace (a few processes instead of ~150), and the
 * nodes and pods are built concurrently.
 */

const POD_MTU = '1450'; // flannel's vxlan MTU (1500 - 50 bytes of encapsulation), also on cni0/veths/eth0

async function ipBatch(ns: string | null, lines: string[]): Promise<void> {
  const argv = ns ? ['ip', '-n', ns, '-batch', '-'] : ['ip', '-batch', '-'];
  await runAsync(argv, { input: `${lines.join('\n')}\n` });
}

async function bridgeBatch(ns: string, lines: string[]): Promise<void> {
  await runAsync(['bridge', '-n', ns, '-batch', '-'], { input: `${lines.join('\n')}\n` });
}

function prefixLen(cidr: string): string {
  return cidr.split('/')[1] ?? '24';
}

/** Root namespace: the node and pod namespaces, br-lab and the uplinks into it. */
function buildRoot(): Promise<void> {
  const lines = [
    // nf_call_iptables 0: frames between the nodes must not pass the machine's own FORWARD chain.
    `link add ${BRIDGE} type bridge nf_call_iptables 0`,
    `addr add ${CLUSTER.bridge.address} dev ${BRIDGE}`,
    `link set ${BRIDGE} up`,
  ];
  for (const role of ['master', 'worker'] as const) {
    lines.push(`netns add ${nodeNetns(role)}`);
    for (const pod of podsOn(role)) if (pod.ip) lines.push(`netns add ${podNetns(pod.name)}`);
    // The peer is created inside the node namespace, so ens33 is ifindex 2 there as on the VM.
    lines.push(`link add ${uplinkName(role)} type veth peer name ens33 netns ${nodeNetns(role)}`);
    lines.push(`link set ${uplinkName(role)} master ${BRIDGE} up`);
  }
  return ipBatch(null, lines);
}

/** One node: devices in the order a fresh Ubuntu VM with docker and flannel has them (lo, ens33, docker0, flannel.1, cni0, then pod veths). */
async function buildNode(role: Role): Promise<void> {
  const n = NODES[role];
  const ns = nodeNetns(role);
  const lines = [
    'link set lo up',
    `link set ens33 address ${n.ens33Mac}`,
    `addr add ${n.ip}/24 brd + dev ens33`,
    'link set ens33 up',
    `link add docker0 address ${n.docker0Mac} type bridge`,
    'addr add 172.17.0.1/16 brd + dev docker0',
    'link set docker0 up',
    `link add flannel.1 address ${n.flannelMac} mtu ${POD_MTU} type vxlan id 1 local ${n.ip} dev ens33 dstport 8472 nolearning`,
    `addr add ${n.flannelAddr}/32 dev flannel.1`,
    'link set flannel.1 up',
    `link add cni0 mtu ${POD_MTU} type bridge`,
    `addr add ${n.cniGateway}/${prefixLen(n.podCidr)} brd + dev cni0`,
    'link set cni0 up',
    `route add default via ${CLUSTER.gateway} dev ens33`,
  ];
  for (const pod of podsOn(role)) {
    if (!pod.ip || !pod.veth) continue;
    lines.push(`link add ${pod.veth} mtu ${POD_MTU} type veth peer name eth0 mtu ${POD_MTU} netns ${podNetns(pod.name)}`);
    lines.push(`link set ${pod.veth} master cni0 up`);
  }
  // An empty bridge reports carrier until its first port leaves; a real docker0 without
  // containers shows NO-CARRIER / state DOWN, so attach and remove a throwaway port.
  lines.push('link add klab-tmp0 type veth peer name klab-tmp1', 'link set klab-tmp0 master docker0', 'link del klab-tmp0');
  await ipBatch(ns, lines);
  await runAsync(['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
}

function buildPods(role: Role): Promise<void>[] {
  const n = NODES[role];
  return podsOn(role).flatMap((pod) => {
    if (!pod.ip) return [];
    return [
      ipBatch(podNetns(pod.name), [
        'link set lo up',
        'link set eth0 up',
        `addr add ${pod.ip}/${prefixLen(n.podCidr)} brd + dev eth0`,
        `route add default via ${n.cniGateway} dev eth0`,
        // flannel's CNI config adds a route to the whole pod network besides the default route.
        `route add ${CLUSTER.podNetwork} via ${n.cniGateway} dev eth0`,
      ]),
    ];
  });
}

/** flanneld's vxlan wiring towards the other node: neighbour, FDB entry and route (TESTBED.md). */
async function wireFlannel(role: Role): Promise<void> {
  const peer = NODES[otherRole(role)];
  const ns = nodeNetns(role);
  await ipBatch(ns, [
    `neigh add ${peer.flannelAddr} lladdr ${peer.flannelMac} dev flannel.1 nud permanent`,
    `route add ${peer.podCidr} via ${peer.flannelAddr} dev flannel.1 onlink`,
  ]);
  await bridgeBatch(ns, [`fdb append ${peer.flannelMac} dev flannel.1 dst ${peer.ip}`]);
}

export async function buildNetwork(): Promise<void> {
  await buildRoot();
  const roles = ['master', 'worker'] as const;
  await Promise.all(roles.map((role) => buildNode(role)));
  await Promise.all(roles.flatMap((role) => [...buildPods(role), wireFlannel(role)]));
}
