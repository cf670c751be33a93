/**
 * The testbed kubectl's answers beyond `-o json`, cut from the recorded lists the way kubectl
 * would print them: every format of kubectl-formats.ts for every list and object, and the Pods a
 * label/field selector picks. All of it is computed from tests/labhosts/cluster/*.json when the
 * testbed comes up, so nothing here is a hand-written answer.
 *
 * Selectors: every equality selector that matches at least one Pod is a subset of that Pod's
 * labels (and of its `status.phase`/`spec.nodeName`), so enumerating those subsets covers them
 * all; a selector missing from the table matches nothing (kubectl prints an empty List).
 */
import { kubectlList } from './kube-json.ts';
import { KUBECTL_FORMATS, render } from './kubectl-formats.ts';

export interface KubeObject {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { nodeName?: string };
  status?: { phase?: string };
}

/** formats.tsv: `f<N>\t<-o value>` lines for the script's exact lookup (formats hold no tabs or newlines). */
export function formatsTsv(): string {
  for (const f of KUBECTL_FORMATS) if (/[\t\n]/.test(f)) throw new Error(`format with a tab or newline: ${f}`);
  return KUBECTL_FORMATS.map((f, i) => `f${i + 1}\t${f}\n`).join('');
}

/** `<base>.json` plus `<base>.f<N>` (stdout) or `<base>.f<N>.err` (kubectl's error) for each format. */
export function addAnswers(files: Map<string, string>, base: string, obj: unknown, json: string): void {
  files.set(`${base}.json`, json);
  KUBECTL_FORMATS.forEach((format, i) => {
    const r = render(format, obj);
    if ('stdout' in r) files.set(`${base}.f${i + 1}`, r.stdout);
    else files.set(`${base}.f${i + 1}.err`, r.error);
  });
}

/** All non-empty subsets of terms, each sorted and joined with commas (the script's canonical form). */
function subsets(terms: string[]): string[] {
  const sorted = [...terms].sort();
  const out: string[] = [];
  for (let mask = 1; mask < 1 << sorted.length; mask++) out.push(sorted.filter((_, i) => mask & (1 << i)).join(','));
  return out;
}

const labelTerms = (p: KubeObject) => Object.entries(p.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`);
const fieldTerms = (p: KubeObject) => [
  ...(p.status?.phase ? [`status.phase=${p.status.phase}`] : []),
  ...(p.spec?.nodeName ? [`spec.nodeName=${p.spec.nodeName}`] : []),
];
const has = (set: string[], sel: string) => sel === '' || sel.split(',').every((t) => set.includes(t));

/**
 * get/pods/selectors.tsv (`<namespace or *>\t<labels>\t<fields>\t<set id>`) and, per distinct
 * set of Pods, get/pods/sel/<id>.json and its formats, in kubectl's order (namespace, name).
 */
export function podSelectionFiles(files: Map<string, string>, pods: KubeObject[]): void {
  const keys = new Set<string>();
  for (const p of pods) {
    for (const scope of [p.metadata.namespace ?? 'default', '*']) {
      for (const l of ['', ...subsets(labelTerms(p))]) {
        for (const f of ['', ...subsets(fieldTerms(p))]) if (l || f) keys.add(`${scope}\t${l}\t${f}`);
      }
    }
  }
  const setIds = new Map<string, string>();
  const rows: string[] = [];
  for (const key of [...keys].sort()) {
    const [scope, l = '', f = ''] = key.split('\t');
    const picked = pods.filter((p) => (scope === '*' || p.metadata.namespace === scope) && has(labelTerms(p), l) && has(fieldTerms(p), f));
    const setKey = picked.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(' ');
    let id = setIds.get(setKey);
    if (id === undefined) {
      id = `s${setIds.size + 1}`;
      setIds.set(setKey, id);
      const list = JSON.parse(kubectlList(picked)) as unknown;
      addAnswers(files, `get/pods/sel/${id}`, list, kubectlList(picked));
    }
    rows.push(`${key}\t${id}\n`);
  }
  files.set('get/pods/selectors.tsv', rows.join(''));
}
