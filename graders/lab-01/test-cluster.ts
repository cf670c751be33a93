import { realFixture } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot } from '../../tests/snapshot-builder.ts';
import type { Snapshot } from '../../src/shared/snapshot.ts';

/**
 * Test support (lab-01, lab-02, lab-03, lab-05): the answer sheet's cluster as probes would see it.
 * Facts from the answer sheet: two Ubuntu VMs both named `ubuntu`, master 192.168.157.133 (node
 * `ubuntu`), worker 192.168.157.132 joined with `--node-name worker1`, v1.29.4, docker + cri-dockerd,
 * `--pod-network-cidr 10.244.0.0/16`, flannel from the current manifest (namespace kube-flannel).
 * Objects are real ones from ../shared/fixtures/real, renamed to those facts:
 * the kubeadm v1.29 flannel control-plane Node of the troubleshoot NodeList, and the kubeadm v1.28
 * kube-system PodList of the ifrog cluster (static pods, kube-proxy, coredns).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped real-fixture JSON, edited in place
type Obj = Record<string, any>;

export const MASTER = { node: 'ubuntu', ip: '192.168.157.133', podCIDR: '10.244.0.0/24', hostname: 'ubuntu' } as const;
export const WORKER = { node: 'worker1', ip: '192.168.157.132', podCIDR: '10.244.1.0/24', hostname: 'ubuntu' } as const;
export const VERSION = 'v1.29.4';
const RUNTIME = 'docker://26.1.1';
const NODE_FIXTURE = 'nodes/troubleshoot-nodelist-7-nodes-mixed-incl-kubeadm-v1.29-flannel.json';
const PODS_FIXTURE = 'pods/ifrog-kubeadm-v1.28-kube-system-podlist-static-pods-coredns-pending.json';
const CRASHLOOP_FIXTURE = 'pods/troubleshoot-pod-crashloopbackoff.json';

type Host = typeof MASTER | typeof WORKER;

export function answerSheetNodes(): Obj[] {
  const real = JSON.parse(realFixture(NODE_FIXTURE)).items.find((n: Obj) => n.metadata.name === 'ip-172-31-21-92');
  return [MASTER, WORKER].map((h) => {
    const n = structuredClone(real);
    n.metadata.name = h.node;
    n.metadata.labels['kubernetes.io/hostname'] = h.node;
    n.metadata.annotations['kubeadm.alpha.kubernetes.io/cri-socket'] = 'unix:///var/run/cri-dockerd.sock';
    n.metadata.annotations['flannel.alpha.coreos.com/public-ip'] = h.ip;
    if (h === WORKER) {
      delete n.metadata.labels['node-role.kubernetes.io/control-plane'];
      delete n.metadata.labels['node-role.kubernetes.io/master'];
      delete n.metadata.labels['node.kubernetes.io/exclude-from-external-load-balancers'];
    }
    n.spec = { podCIDR: h.podCIDR, podCIDRs: [h.podCIDR] };
    n.status.addresses = [
      { address: h.ip, type: 'InternalIP' },
      { address: h.node, type: 'Hostname' },
    ];
    Object.assign(n.status.nodeInfo, {
      kubeletVersion: VERSION,
      kubeProxyVersion: VERSION,
      containerRuntimeVersion: RUNTIME,
      osImage: 'Ubuntu 20.04.6 LTS',
    });
    return n;
  });
}

/** `ip -j addr show` of a node of this cluster (field names of iproute2's JSON output). */
export function netAddr(h: Host): string {
  const gw = h.podCIDR.replace(/\.0\/24$/, '.1');
  const net = h.podCIDR.replace(/\/24$/, '');
  const iface = (ifindex: number, ifname: string, local: string, prefixlen: number, extra: Obj = {}) => ({
    ifindex,
    ifname,
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: 1500,
    qdisc: 'fq_codel',
    operstate: 'UP',
    group: 'default',
    txqlen: 1000,
    link_type: 'ether',
    address: '00:0c:29:3e:5a:7b',
    broadcast: 'ff:ff:ff:ff:ff:ff',
    ...extra,
    addr_info: [
      { family: 'inet', local, prefixlen, scope: 'global', label: ifname, valid_life_time: 4294967295, preferred_life_time: 4294967295 },
    ],
  });
  return JSON.stringify([
    iface(1, 'lo', '127.0.0.1', 8, { flags: ['LOOPBACK', 'UP', 'LOWER_UP'], link_type: 'loopback', mtu: 65536 }),
    iface(2, 'ens33', h.ip, 24),
    iface(3, 'docker0', '172.17.0.1', 16, { operstate: 'DOWN' }),
    iface(4, 'flannel.1', net, 32, { mtu: 1450 }),
    iface(5, 'cni0', gw, 24, { mtu: 1450 }),
  ]);
}

const rename = (s: string) => s.replaceAll('k8s-controller-01', MASTER.node).replace(/containerd:\/\//g, 'docker://');

/** kube-system pods of the answer sheet's cluster: static pods, kube-proxy and CoreDNS, all Ready. */
export function systemPods(): Obj[] {
  const real: Obj[] = JSON.parse(realFixture(PODS_FIXTURE)).items;
  const out: Obj[] = [];
  const proxy = real.find((p) => p.metadata.name.startsWith('kube-proxy-')) as Obj;
  for (const p of real) {
    if (p.metadata.name.startsWith('coredns-') || p === proxy) continue;
    const s = JSON.parse(rename(JSON.stringify(p)));
    s.spec.nodeName = MASTER.node;
    s.status.hostIP = MASTER.ip;
    s.status.podIP = MASTER.ip;
    s.status.podIPs = [{ ip: MASTER.ip }];
    out.push(s);
  }
  [MASTER, WORKER].forEach((h, i) => out.push(daemonPod(proxy, h, `kube-proxy-${['p4jmn', 'x7k2q'][i]}`, 'kube-system', h.ip)));
  real
    .filter((p) => p.metadata.name.startsWith('coredns-'))
    .forEach((d, i) => {
      const c = structuredClone(d);
      const h = i === 0 ? WORKER : MASTER;
      c.spec.nodeName = h.node;
      c.status = readyStatus(
        proxy,
        h,
        h.podCIDR.replace(/0\/24$/, `${2 + i}`),
        'coredns',
        'registry.aliyuncs.com/google_containers/coredns:v1.11.1',
      );
      out.push(c);
    });
  return out;
}

/** flannel's DaemonSet pods (current manifest: namespace kube-flannel, app=flannel), one per node. */
export function flannelPods(namespace = 'kube-flannel'): Obj[] {
  const proxy = JSON.parse(realFixture(PODS_FIXTURE)).items.find((p: Obj) => p.metadata.name.startsWith('kube-proxy-'));
  return [MASTER, WORKER].map((h, i) => {
    const p = daemonPod(proxy, h, `kube-flannel-ds-${['9kq4d', 'x2v7k'][i]}`, namespace, h.ip);
    p.metadata.labels = { app: 'flannel', 'controller-revision-hash': '6b7c9d5f4', 'pod-template-generation': '1', tier: 'node' };
    p.metadata.ownerReferences[0].name = 'kube-flannel-ds';
    p.spec.containers[0].name = 'kube-flannel';
    p.spec.containers[0].image = 'docker.io/flannel/flannel:v0.25.1';
    p.status.containerStatuses[0].name = 'kube-flannel';
    p.status.containerStatuses[0].image = 'flannel/flannel:v0.25.1';
    return p;
  });
}

/** A real CrashLoopBackOff status (troubleshoot fixture) grafted onto a pod's first container. */
export function crashLooping(pod: Obj): Obj {
  const real = JSON.parse(realFixture(CRASHLOOP_FIXTURE));
  const status = structuredClone((real.items ? real.items[0] : real).status);
  status.containerStatuses[0].name = pod.spec.containers[0].name;
  return { ...pod, status: { ...status, hostIP: pod.status.hostIP, podIP: pod.status.podIP } };
}

function daemonPod(template: Obj, h: Host, name: string, namespace: string, ip: string): Obj {
  const p = JSON.parse(rename(JSON.stringify(template)));
  p.metadata.name = name;
  p.metadata.namespace = namespace;
  p.spec.nodeName = h.node;
  p.status.hostIP = ip;
  p.status.podIP = ip;
  p.status.podIPs = [{ ip }];
  return p;
}

function readyStatus(template: Obj, h: Host, podIP: string, container: string, image: string): Obj {
  const s = structuredClone(template.status);
  Object.assign(s, { hostIP: h.ip, podIP, podIPs: [{ ip: podIP }] });
  s.containerStatuses = [{ ...s.containerStatuses[0], name: container, image, restartCount: 0, lastState: {} }];
  return s;
}

/** The flannel ConfigMap as `kubectl get configmap -n kube-flannel kube-flannel-cfg -o json` prints it. */
export function flannelConfigMap(network = '10.244.0.0/16', namespace = 'kube-flannel'): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'kube-flannel-cfg',
      namespace,
      labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
      uid: 'b1f0c3d2-8e4a-4f7b-9c6d-2a1e3f4b5c6d',
    },
    data: {
      'cni-conf.json':
        '{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n',
      'net-conf.json': `{\n  "Network": "${network}",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n`,
    },
  };
}

export const SWAPS_OFF = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';

/** Every probe lab-01 reads, for the answer sheet's (passing) cluster. Tests override entries. */
export function lab01Probes(): { master: Record<string, unknown>; worker: Record<string, unknown> } {
  const host = (h: Host, holds: string) => ({
    'net.addr': netAddr(h),
    'host.hostname': `${h.hostname}\n`,
    'host.swaps': SWAPS_OFF,
    'host.holds': holds,
    'host.os': 'NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="20.04"\n',
    'host.kubelet-version': `Kubernetes ${VERSION}\n`,
  });
  return {
    master: {
      'kube.nodes': kubeList(answerSheetNodes()),
      'kube.pods': kubeList([...flannelPods(), ...systemPods()]),
      'kube.flannel-cm': flannelConfigMap(),
      'kube.configmaps.kube-system': kubeList([]),
      ...host(MASTER, 'kubeadm\nkubectl\nkubelet\n'),
    },
    worker: host(WORKER, 'kubeadm\nkubectl\nkubelet\n'),
  };
}

export function snapshotOf(probes: { master: Record<string, unknown>; worker: Record<string, unknown> }): Snapshot {
  return makeSnapshot(probes as Parameters<typeof makeSnapshot>[0]);
}
