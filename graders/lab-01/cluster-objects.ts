import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { internalIps } from '../../src/grading/node-hosts.ts';
import { nodeReady } from '../../src/grading/pod-status.ts';
import { conditionStatus, NodeList, PodList, type Node, type Pod } from '../../src/parse/kube.ts';
import type { Evidence } from '../../src/shared/report.ts';

/** The cluster objects lab-01 reads, and their evidence as `kubectl get … -o wide`-like tables. */

export function nodesOf(view: SnapshotView): Node[] {
  return view.json('master', 'kube.nodes', NodeList).items;
}

export function podsOf(view: SnapshotView): Pod[] {
  return view.json('master', 'kube.pods', PodList).items;
}

export function nodeStatus(node: Node): string {
  const ready = conditionStatus(node.status?.conditions, 'Ready');
  const base = nodeReady(node) ? 'Ready' : ready === 'Unknown' ? 'NotReady (Unknown)' : 'NotReady';
  return node.spec?.unschedulable ? `${base},SchedulingDisabled` : base;
}

export function nodeRoles(node: Node): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return roles.join(',') || '<none>';
}

/** `kubectl get nodes -o wide` columns that matter here, one line per node. */
export function nodesEvidence(nodes: readonly Node[]): Evidence {
  const rows = [['NAME', 'STATUS', 'ROLES', 'VERSION', 'INTERNAL-IP', 'POD-CIDR', 'CONTAINER-RUNTIME']];
  for (const n of nodes) {
    rows.push([
      n.metadata.name,
      nodeStatus(n),
      nodeRoles(n),
      n.status?.nodeInfo?.kubeletVersion ?? '?',
      internalIps(n).join(',') || '<none>',
      n.spec?.podCIDR ?? '<none>',
      n.status?.nodeInfo?.containerRuntimeVersion ?? '?',
    ]);
  }
  return { probe: 'kube.nodes', host: 'master', excerpt: table(rows) };
}

/** `kubectl get pods -o wide` columns that matter here. */
export function podsEvidence(pods: readonly Pod[], state: (p: Pod) => string): Evidence {
  const rows = [['NAMESPACE', 'NAME', 'STATUS', 'READY', 'NODE']];
  for (const p of pods) {
    const cs = p.status?.containerStatuses ?? [];
    rows.push([
      p.metadata.namespace ?? '',
      p.metadata.name,
      state(p),
      `${cs.filter((c) => c.ready).length}/${p.spec.containers.length}`,
      p.spec.nodeName ?? '<none>',
    ]);
  }
  return { probe: 'kube.pods', host: 'master', excerpt: table(rows) };
}

export function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd((widths[i] ?? 0) + 3))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The cluster's pod CIDR as kube-controller-manager allocates from it (`--cluster-cidr`, which
 * kubeadm sets from `kubeadm init --pod-network-cidr`), read from its static pod; the IPv4 part
 * of a dual-stack value. Undefined when the pod or the flag is not visible.
 */
export function clusterCidrOf(pods: readonly Pod[]): string | undefined {
  const cm = pods.find((p) => p.metadata.namespace === 'kube-system' && p.metadata.name.startsWith('kube-controller-manager'));
  for (const c of cm?.spec.containers ?? []) {
    const words = [c['command'], c['args']].flatMap((v) => (Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : []));
    const flag = words.find((w) => w.startsWith('--cluster-cidr='));
    if (flag !== undefined)
      return flag
        .slice('--cluster-cidr='.length)
        .split(',')
        .find((c4) => c4.includes('.'));
  }
  return undefined;
}
