import { readFileSync } from 'node:fs';
import { PODS, type Role } from '../model/topology.ts';
import { crictlJson, kubectlJson, kubectlList } from './kube-json.ts';
import { addAnswers, formatsTsv, podSelectionFiles, type KubeObject } from './kubectl-answers.ts';
import { CLUSTER_DIR } from './paths.ts';

/**
 * Turns the committed recordings in tests/labhosts/cluster/ into the answer tree the nodes' fake
 * `kubectl` and `crictl` read (see node/kubectl.sh, node/crictl.sh). Only the outputs of the
 * collector's probes are committed (`kubectl get <kind> -A -o json`, `crictl ps|pods -o json`);
 * per-namespace lists, single objects and `crictl inspectp` answers are cut from them here the
 * way the real tools would print them, and so are the `-o jsonpath=…`/`go-template=…` answers
 * and label/field selections (kubectl-answers.ts).
 */

export const KUBE_RESOURCES = [
  'nodes',
  'pods',
  'deployments',
  'replicasets',
  'services',
  'endpoints',
  'endpointslices',
  'horizontalpodautoscalers',
  'daemonsets',
  'configmaps',
  'persistentvolumeclaims',
  'persistentvolumes',
] as const;

function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(`${CLUSTER_DIR}${rel}`, 'utf8')) as T;
}

export function readRecorded(rel: string): string {
  return readFileSync(`${CLUSTER_DIR}${rel}`, 'utf8');
}

export function kubectlFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('version.json', readRecorded('version.json'));
  const version = readJson<{ clientVersion: unknown; kustomizeVersion: unknown }>('version.json');
  files.set(
    'version-client.json',
    `${JSON.stringify({ clientVersion: version.clientVersion, kustomizeVersion: version.kustomizeVersion }, null, 2)}\n`,
  );
  files.set('raw/metrics-pods.json', readRecorded('metrics-pods.json'));
  files.set('raw/metrics-nodes.json', readRecorded('metrics-nodes.json'));
  files.set('formats.tsv', formatsTsv());
  addAnswers(files, 'empty-list', JSON.parse(kubectlList([])), kubectlList([]));
  for (const res of KUBE_RESOURCES) {
    const all = readJson<{ items: KubeObject[] }>(`${res}.json`);
    addAnswers(files, `get/${res}/all`, all, readRecorded(`${res}.json`));
    const byNs = new Map<string, KubeObject[]>();
    for (const item of all.items) {
      const ns = item.metadata.namespace ?? '-';
      byNs.set(ns, [...(byNs.get(ns) ?? []), item]);
      addAnswers(files, `get/${res}/${ns}/${item.metadata.name}`, item, kubectlJson(item));
    }
    for (const [ns, list] of byNs) addAnswers(files, `get/${res}/${ns}/list`, JSON.parse(kubectlList(list)), kubectlList(list));
    if (res === 'pods') podSelectionFiles(files, all.items);
  }
  return files;
}

interface Sandbox {
  id: string;
  metadata: { name: string; uid: string; namespace: string; attempt: number };
  state: string;
  createdAt: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runtimeHandler: string;
}

/** What cri-dockerd's PodSandboxStatus holds: no `info` (no PID, no netns path) at all. */
function inspectp(sb: Sandbox): string {
  const pod = PODS.find((p) => p.name === sb.metadata.name && p.namespace === sb.metadata.namespace);
  const ns = BigInt(sb.createdAt);
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const created = `${new Date(Number(ns / 1_000_000_000n) * 1000).toISOString().slice(0, 19)}${frac ? `.${frac}` : ''}Z`; // RFC3339Nano
  const hostNet = !pod?.ip;
  return crictlJson({
    status: {
      id: sb.id,
      // Nested objects went through a Go map in crictl, so their keys come out sorted.
      metadata: { attempt: sb.metadata.attempt, name: sb.metadata.name, namespace: sb.metadata.namespace, uid: sb.metadata.uid },
      state: sb.state,
      createdAt: created,
      network: { additionalIps: [], ip: pod?.ip ?? '' },
      linux: {
        namespaces: {
          options: {
            ipc: hostNet ? 'NODE' : 'POD',
            network: hostNet ? 'NODE' : 'POD',
            pid: 'CONTAINER',
            targetId: '',
            usernsOptions: null,
          },
        },
      },
      labels: sb.labels,
      annotations: sb.annotations,
      runtimeHandler: sb.runtimeHandler,
    },
  });
}

export function crictlFiles(role: Role): Map<string, string> {
  const files = new Map<string, string>();
  files.set('ps.json', readRecorded(`crictl/${role}-ps.json`));
  files.set('ps-a.json', readRecorded(`crictl/${role}-ps.json`));
  files.set('pods.json', readRecorded(`crictl/${role}-pods.json`));
  for (const sb of readJson<{ items: Sandbox[] }>(`crictl/${role}-pods.json`).items) {
    const one = crictlJson({ items: [sb] });
    files.set(`pods/${sb.metadata.namespace}/${sb.metadata.name}.json`, one);
    files.set(`pods/_any/${sb.metadata.name}.json`, one);
    files.set(`inspectp/${sb.id}.json`, inspectp(sb));
  }
  return files;
}

/** `docker inspect --format '{{.State.Pid}}'` answers: sandbox/container ID → PID inside the node. */
export function dockerPids(role: Role, pidsTsv: string): string {
  const pidOf = new Map(
    pidsTsv
      .trim()
      .split('\n')
      .map((l) => l.split('\t') as [string, string]),
  );
  const lines: string[] = [];
  for (const sb of readJson<{ items: Sandbox[] }>(`crictl/${role}-pods.json`).items) {
    const pid = pidOf.get(`${sb.metadata.namespace}/${sb.metadata.name}/pause`);
    if (pid) lines.push(`${sb.id}\t${pid}`);
  }
  const ps = readJson<{ containers: { id: string; labels: Record<string, string> }[] }>(`crictl/${role}-ps.json`);
  for (const c of ps.containers) {
    const l = c.labels;
    const pid = pidOf.get(`${l['io.kubernetes.pod.namespace']}/${l['io.kubernetes.pod.name']}/${l['io.kubernetes.container.name']}`);
    if (pid) lines.push(`${c.id}\t${pid}`);
  }
  return `${lines.join('\n')}\n`;
}
