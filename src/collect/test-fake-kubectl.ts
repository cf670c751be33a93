/**
 * Test-only: a stand-in `kubectl` for LocalShell (`installFakeKubectl`), answering the exact
 * queries of the `pvc.share-test` and `http.service1` probes from a cluster described in JSON.
 * It answers only the probes' own query strings (imported from them) and fails like kubectl
 * (exit 1) on anything else.
 * `kubectl exec` really runs the command, with every absolute path argument moved under the
 * pod's `root` folder: pods sharing a root share files, like replicas on one PVC.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_QUERY } from './service-http-probe.ts';
import { SHARE_TEST_QUERIES } from './share-test-probe.ts';

export interface FakeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}
export interface FakePod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  phase?: string;
  node: string;
  deleting?: boolean;
  volumes: { name: string; claim?: string }[];
  containers: { name: string; mounts: FakeMount[] }[];
  /** Folder under HOME that is this pod's filesystem root. */
  root: string;
  /** `no-sh`: the image has no shell, exec fails like the runtime says. */
  exec?: 'ok' | 'no-sh';
}
export interface FakeCluster {
  deployments?: { namespace: string; name: string; matchLabels?: Record<string, string> }[];
  pods?: FakePod[];
  services?: { namespace: string; name: string; clusterIP?: string }[];
}

const QUERIES = { ...SHARE_TEST_QUERIES, services: SERVICE_QUERY };

/** Writes the cluster into the LocalShell's bin folder (its HOME) and installs the fake as `kubectl`. */
export function installFakeKubectl(sh: { bin: string; tool(name: string, script: string): void }, cluster: FakeCluster): void {
  writeFileSync(join(sh.bin, 'cluster.json'), JSON.stringify(cluster));
  sh.tool('kubectl', `exec '${process.execPath}' '${fileURLToPath(import.meta.url)}' "$@"`);
}

/** Every argv the fake received, in order. */
export function kubectlLog(bin: string): string[][] {
  try {
    return readFileSync(join(bin, 'kubectl.log'), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string[]);
  } catch {
    return [];
  }
}

function fail(text: string, code = 1): never {
  process.stderr.write(`${text}\n`);
  process.exit(code);
}

const matches = (labels: Record<string, string>, sel: string) =>
  sel.split(',').every((kv) => labels[kv.split('=')[0] ?? ''] === kv.split('=')[1]);

function get(
  c: FakeCluster,
  res: string,
  name: string | undefined,
  ns: string,
  out: string,
  sel: string | undefined,
  field: string | undefined,
): string {
  if (res === 'deployments' && out === QUERIES.deployments) return (c.deployments ?? []).map((d) => `${d.namespace} ${d.name}\n`).join('');
  if (res === 'services' && out === QUERIES.services)
    return (c.services ?? []).map((s) => `${s.namespace} ${s.name} ${s.clusterIP ?? ''}\n`).join('');
  if (res === 'deployment' && out === QUERIES.matchLabels) {
    const d =
      (c.deployments ?? []).find((x) => x.name === name && x.namespace === ns) ??
      fail(`Error from server (NotFound): deployments.apps "${name}" not found`);
    return Object.entries(d.matchLabels ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}\n`)
      .join('');
  }
  if (res === 'pods' && out === QUERIES.runningPods && sel !== undefined && field === 'status.phase=Running') {
    const pods = (c.pods ?? []).filter((p) => p.namespace === ns && (p.phase ?? 'Running') === 'Running' && matches(p.labels, sel));
    return pods.map((p) => `${p.name} ${p.node} ${p.deleting ? '2024-05-09T10:00:00Z' : ''}\n`).join('');
  }
  if (res === 'pod' && out === QUERIES.podVolumes) {
    const p =
      (c.pods ?? []).find((x) => x.name === name && x.namespace === ns) ?? fail(`Error from server (NotFound): pods "${name}" not found`);
    const vols = p.volumes
      .filter((v) => v.claim)
      .map((v) => `V\t${v.name}\t${v.claim}\n`)
      .join('');
    const mounts = p.containers
      .map((ct) => `C\t${ct.name}\n${ct.mounts.map((m) => `M\t${m.name}\t${m.readOnly ? 'ro' : 'rw'}\t${m.mountPath}\n`).join('')}`)
      .join('');
    return vols + mounts;
  }
  return fail(`error: the fake kubectl has no answer for get ${res} -o ${out}`);
}

function exec(c: FakeCluster, home: string, ns: string, rest: string[]): never {
  const pod = rest[0];
  const dash = rest.indexOf('--');
  const cIdx = rest.indexOf('-c');
  const container = cIdx >= 0 ? rest[cIdx + 1] : undefined;
  const p =
    (c.pods ?? []).find((x) => x.name === pod && x.namespace === ns) ?? fail(`Error from server (NotFound): pods "${pod}" not found`);
  if (!p.containers.some((ct) => ct.name === container))
    fail(`error: unable to upgrade connection: container ${container} not found in pod ${pod}`);
  if (dash < 0) fail('error: you must specify at least one command for the container');
  if (p.exec === 'no-sh')
    fail(
      'error: Internal error occurred: OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown',
      1,
    );
  const argv = rest.slice(dash + 1).map((a) => (a.startsWith('/') ? join(home, p.root, a) : a));
  const r = spawnSync(argv[0] ?? 'false', argv.slice(1), { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

function main(argv: string[]): void {
  const home = process.env.HOME ?? '.';
  appendFileSync(join(home, 'kubectl.log'), `${JSON.stringify(argv)}\n`);
  const c = JSON.parse(readFileSync(join(home, 'cluster.json'), 'utf8')) as FakeCluster;
  const args = argv.filter((a) => !a.startsWith('--request-timeout='));
  const verb = args[0];
  let ns = 'default';
  let out = '';
  let sel: string | undefined;
  let field: string | undefined;
  const pos: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as string;
    if (verb === 'exec' && a === '--') {
      pos.push(...args.slice(i));
      break;
    }
    if (a === '-n') ns = args[++i] ?? '';
    else if (a === '-A') ns = '*';
    else if (a === '-o') out = args[++i] ?? '';
    else if (a === '-l') sel = args[++i];
    else if (a.startsWith('--field-selector=')) field = a.slice('--field-selector='.length);
    else if (a === '-c' && verb === 'exec') pos.push(a, args[++i] ?? '');
    else if (a.startsWith('-')) fail(`error: unknown flag: ${a}`);
    else pos.push(a);
  }
  if (verb === 'exec') exec(c, home, ns, pos);
  if (verb !== 'get') fail(`error: unknown command "${verb}" for "kubectl"`);
  process.stdout.write(get(c, pos[0] ?? '', pos[1], ns, out, sel, field));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
