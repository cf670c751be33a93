/**
 * Regenerates the recorded cluster in this folder from the model (tests/labhosts/model/):
 *
 *   ./node_modules/.bin/node tests/labhosts/cluster/generate.ts          # write the files
 *   ./node_modules/.bin/node tests/labhosts/cluster/generate.ts --check  # exit 1 if they differ
 *
 * The output is deterministic (IDs are derived from names), so the committed files must equal
 * a fresh generation; cluster.test.ts checks that.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crictlJson, kubectlList, rawJson } from '../lib/kube-json.ts';
import { configMaps } from '../model/gen-configmaps.ts';
import { crictlPods, crictlPs } from '../model/gen-crictl.ts';
import { hpas, nodeMetrics, podMetrics, version } from '../model/gen-misc.ts';
import { nodes } from '../model/gen-nodes.ts';
import { podObject } from '../model/gen-pods.ts';
import { endpointSlices, endpoints, services } from '../model/gen-services.ts';
import { daemonSets, deployments, replicaSets } from '../model/gen-workloads.ts';
import { resetResourceVersions, type Obj } from '../model/k8s-meta.ts';
import { PODS } from '../model/topology.ts';

const DIR = fileURLToPath(new URL('./', import.meta.url));

/** `kubectl get -A` orders items by namespace, then name. */
function byNamespaceName(items: Obj[]): Obj[] {
  const key = (o: Obj) => {
    const m = o.metadata as { namespace?: string; name: string };
    return `${m.namespace ?? ''}/${m.name}`;
  };
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function generate(): Map<string, string> {
  resetResourceVersions();
  const files = new Map<string, string>();
  // Creation order decides resourceVersions: nodes, kubeadm objects, then the learner's.
  const lists: [string, Obj[]][] = [
    ['nodes', nodes()],
    ['configmaps', configMaps()],
    ['services', services()],
    ['endpoints', endpoints()],
    ['endpointslices', endpointSlices()],
    ['deployments', deployments()],
    ['replicasets', replicaSets()],
    ['daemonsets', daemonSets()],
    ['pods', PODS.map(podObject)],
    ['horizontalpodautoscalers', hpas()],
    // Q8 keeps the files in an emptyDir: no claims, no volumes (pvc.share-test then ends with exit 5).
    ['persistentvolumeclaims', []],
    ['persistentvolumes', []],
  ];
  for (const [name, items] of lists) files.set(`${name}.json`, kubectlList(byNamespaceName(items)));
  files.set('version.json', `${JSON.stringify(version(), null, 2)}\n`);
  files.set('metrics-pods.json', rawJson(podMetrics()));
  files.set('metrics-nodes.json', rawJson(nodeMetrics()));
  for (const role of ['master', 'worker'] as const) {
    files.set(`crictl/${role}-ps.json`, crictlJson(crictlPs(role)));
    files.set(`crictl/${role}-pods.json`, crictlJson(crictlPods(role)));
  }
  return files;
}

function main(check: boolean): number {
  let differ = 0;
  for (const [rel, content] of generate()) {
    const path = `${DIR}${rel}`;
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* new file */
    }
    if (current === content) continue;
    differ++;
    if (check) console.error(`differs: tests/labhosts/cluster/${rel}`);
    else {
      mkdirSync(`${DIR}crictl`, { recursive: true });
      writeFileSync(path, content);
      console.log(`wrote tests/labhosts/cluster/${rel}`);
    }
  }
  return check && differ > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.includes('--check'));
