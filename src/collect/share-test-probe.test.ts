import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runBatch } from './host-run.ts';
import { SERVICE_QUERY } from './service-http-probe.ts';
import { PVC_SHARE_TEST_BODY, SHARE_TEST_QUERIES } from './share-test-probe.ts';
import { installFakeKubectl, kubectlLog, type FakeCluster, type FakePod } from './test-fake-kubectl.ts';
import { LocalShell } from './test-local-shell.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-share-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const SENTINEL = join(dir, 'pwned');

/** A replica of the answer sheet's deployment1 with its shared directory on PVC `pvc1`. */
function replica(name: string, node: string, over: Partial<FakePod> = {}): FakePod {
  return {
    namespace: 'default',
    name,
    labels: { app: 'app2', 'pod-template-hash': '5d8f7c9b4' },
    node,
    volumes: [{ name: 'share-volume', claim: 'pvc1' }, { name: 'kube-api-access-7xk2p' }],
    containers: [
      {
        name: 'fileserver',
        mounts: [
          { name: 'share-volume', mountPath: '/usr/share/files' },
          { name: 'kube-api-access-7xk2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
        ],
      },
      {
        name: 'downloader',
        mounts: [
          { name: 'share-volume', mountPath: '/data' },
          { name: 'kube-api-access-7xk2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
        ],
      },
    ],
    root: 'pvc',
    ...over,
  };
}
const DEPLOY = { namespace: 'default', name: 'deployment1', matchLabels: { app: 'app2' } };
const PODS = [
  replica('deployment1-5d8f7c9b4-aaaaa', 'worker1'),
  replica('deployment1-5d8f7c9b4-bbbbb', 'worker1'),
  replica('deployment1-5d8f7c9b4-ccccc', 'ubuntu'),
];

/** Runs pvc.share-test; `dirs` are created under the fake's HOME (the pods' filesystems). */
async function probe(cluster: FakeCluster, dirs: string[] = ['pvc/data', 'pvc/usr/share/files'], kubectl?: string) {
  const sh = new LocalShell();
  installFakeKubectl(sh, cluster);
  if (kubectl) sh.tool('kubectl', kubectl);
  for (const d of dirs) mkdirSync(join(sh.bin, d), { recursive: true });
  const run = await runBatch(sh, 'master', ['pvc.share-test'], { probeTimeoutMs: 30_000, hostTimeoutMs: 60_000 });
  const r = run.probes['pvc.share-test'] ?? assert.fail('no result');
  const log = kubectlLog(sh.bin);
  const execs = log.filter((a) => a[1] === 'exec');
  const left = (d: string) => readdirSync(join(sh.bin, d));
  return { ...r, log, execs, left, json: r.exitCode === 0 ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined };
}

test('shared PVC: written in one replica, seen in one on another node, removed; one JSON line', async () => {
  const r = await probe({ deployments: [DEPLOY], pods: PODS });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout.split('\n').length, 2, 'one line');
  const j = r.json ?? assert.fail();
  assert.match(String(j.path), /^\/data\/\.k8s-labs-share-test-[0-9a-f]{16}$/);
  assert.deepEqual(j, {
    writer: 'deployment1-5d8f7c9b4-aaaaa',
    reader: 'deployment1-5d8f7c9b4-ccccc',
    path: j.path,
    written: true,
    seen: true,
    cleaned: true,
    namespace: 'default',
    claim: 'pvc1',
    container: 'downloader',
    writerNode: 'worker1',
    readerNode: 'ubuntu',
  });
  assert.deepEqual(r.left('pvc/data'), [], 'the marker file is gone');
  // Marker and path reach the container as argv of a constant `sh -c`, never spliced into it.
  const marker = String(j.path).split('-').pop();
  const [write, read, clean] = r.execs;
  assert.deepEqual(write?.slice(1), [
    'exec',
    '-n',
    'default',
    'deployment1-5d8f7c9b4-aaaaa',
    '-c',
    'downloader',
    '--',
    'sh',
    '-c',
    'if printf %s "$1" > "$2"; then echo k8s-labs:wrote; else echo k8s-labs:write-failed; fi',
    'sh',
    marker,
    j.path,
  ]);
  assert.deepEqual(read?.slice(3, 6), ['default', 'deployment1-5d8f7c9b4-ccccc', '-c']);
  assert.deepEqual(clean?.slice(-2), ['sh', j.path]);
  assert.equal(r.execs.length, 3);
  for (const argv of r.log) assert.match(argv[0] ?? '', /^--request-timeout=\d+s$/);
});

test('not shared (each replica its own directory): written, not seen, cleaned; exit 0', async () => {
  const pods = PODS.map((p, i) => ({ ...p, root: `own${i}` }));
  const r = await probe({ deployments: [DEPLOY], pods }, ['own0/data', 'own1/data', 'own2/data']);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.deepEqual([r.json?.written, r.json?.seen, r.json?.cleaned], [true, false, true]);
  assert.deepEqual(r.left('own0/data'), []);
});

test('replicas all on one node: the second one is the reader', async () => {
  const r = await probe({ deployments: [DEPLOY], pods: PODS.slice(0, 2) });
  assert.deepEqual(
    [r.json?.writer, r.json?.reader, r.json?.readerNode],
    ['deployment1-5d8f7c9b4-aaaaa', 'deployment1-5d8f7c9b4-bbbbb', 'worker1'],
  );
});

test('the write fails inside the container (no such directory, read-only filesystem): written false, exit 0', async () => {
  const r = await probe({ deployments: [DEPLOY], pods: PODS }, []);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.deepEqual([r.json?.written, r.json?.seen], [false, false]);
});

test('deployment1 in another namespace, and its full matchLabels selector', async () => {
  const deploy = { namespace: 'web', name: 'deployment1', matchLabels: { app: 'app2', tier: 'files' } };
  const pods = PODS.map((p) => ({ ...p, namespace: 'web', labels: { ...p.labels, tier: 'files' } }));
  const decoy = replica('other-1', 'ubuntu', { namespace: 'web' });
  const r = await probe({
    deployments: [{ ...DEPLOY, namespace: 'zeta' }, deploy, { namespace: 'web', name: 'deployment10' }],
    pods: [decoy, ...pods],
  });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.json?.namespace, 'web');
  assert.equal(r.json?.writer, 'deployment1-5d8f7c9b4-aaaaa', 'the pod without tier=files is not picked');
  assert.ok(r.log.some((a) => a.includes('-l') && a.includes('app=app2,tier=files')));
});

test('default wins when deployment1 exists in several namespaces', async () => {
  const r = await probe({ deployments: [{ ...DEPLOY, namespace: 'apps' }, DEPLOY], pods: PODS });
  assert.equal(r.json?.namespace, 'default');
});

test('PVC mounted read-only by downloader: the container that mounts it read-write writes', async () => {
  const pods = PODS.map((p) => ({
    ...p,
    containers: p.containers.map((c) =>
      c.name === 'downloader' ? { ...c, mounts: [{ name: 'share-volume', mountPath: '/data', readOnly: true }] } : c,
    ),
  }));
  const r = await probe({ deployments: [DEPLOY], pods });
  assert.equal(r.json?.container, 'fileserver');
  assert.match(String(r.json?.path), /^\/usr\/share\/files\/\.k8s-labs-share-test-/);
  assert.equal(r.json?.seen, true);
});

test('could not run: exit codes and stderr, and no exec at all', async () => {
  const cases: [string, FakeCluster, number, RegExp][] = [
    [
      'no deployment1',
      { deployments: [{ ...DEPLOY, name: 'deployment2' }], pods: PODS },
      3,
      /Deployment deployment1 was not found in any namespace/,
    ],
    [
      'no matchLabels',
      { deployments: [{ namespace: 'default', name: 'deployment1' }], pods: PODS },
      3,
      /no usable spec\.selector\.matchLabels/,
    ],
    [
      'one Running pod',
      {
        deployments: [DEPLOY],
        pods: [PODS[0] as FakePod, { ...(PODS[1] as FakePod), phase: 'Pending' }, { ...(PODS[2] as FakePod), deleting: true }],
      },
      4,
      /fewer than two Running pods of deployment1 \(namespace default, selector app=app2\)/,
    ],
    [
      'emptyDir only',
      { deployments: [DEPLOY], pods: PODS.map((p) => ({ ...p, volumes: [{ name: 'share-volume' }] })) },
      5,
      /has no persistentVolumeClaim volume/,
    ],
    [
      'PVC never mounted read-write',
      {
        deployments: [DEPLOY],
        pods: PODS.map((p) => ({
          ...p,
          containers: [{ name: 'downloader', mounts: [{ name: 'share-volume', mountPath: '/data', readOnly: true }] }],
        })),
      },
      5,
      /mounts its PVC volume share-volume read-write/,
    ],
  ];
  const results = await Promise.all(cases.map(([, cluster]) => probe(cluster)));
  for (const [i, [what, , code, message]] of cases.entries()) {
    const r = results[i] ?? assert.fail();
    assert.equal(r.exitCode, code, `${what}: ${r.stderr}`);
    assert.match(r.stderr, message, what);
    assert.match(r.stderr, /^k8s-labs: pvc\.share-test: /, what);
    assert.equal(r.stdout, '', what);
    assert.deepEqual(r.execs, [], what);
  }
});

test('no sh in the image: exit 6 with the reason', async () => {
  const r = await probe({ deployments: [DEPLOY], pods: PODS.map((p) => ({ ...p, exec: 'no-sh' as const })) });
  assert.equal(r.exitCode, 6);
  assert.match(r.stderr, /cannot run sh in container downloader of Pod deployment1-5d8f7c9b4-aaaaa/);
});

test('the reader cannot exec: the marker is still removed, then exit 6', async () => {
  const pods = PODS.map((p) => (p.node === 'ubuntu' ? { ...p, exec: 'no-sh' as const } : p));
  const r = await probe({ deployments: [DEPLOY], pods });
  assert.equal(r.exitCode, 6);
  assert.match(r.stderr, /Pod deployment1-5d8f7c9b4-ccccc/);
  assert.equal(r.execs.length, 3, 'write, read, clean');
  assert.deepEqual(r.left('pvc/data'), []);
});

test('kubectl failing keeps kubectl’s exit code and stderr', async () => {
  const r = await probe({}, [], 'echo "The connection to the server 192.168.157.133:6443 was refused" >&2; exit 1');
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /was refused/);
});

test('hostile names from the cluster are refused before any exec, and nothing runs', async () => {
  const evil = `$(touch\${IFS}${SENTINEL})`;
  const cases: FakeCluster[] = [
    { deployments: [{ ...DEPLOY, matchLabels: { app: evil } }], pods: PODS },
    { deployments: [{ ...DEPLOY, matchLabels: { 'a;touch': 'x' } }], pods: PODS },
    { deployments: [DEPLOY], pods: PODS.map((p, i) => ({ ...p, name: i === 0 ? `a;touch${SENTINEL}` : p.name })) },
    { deployments: [DEPLOY], pods: PODS.map((p) => ({ ...p, node: '-n' })) },
    { deployments: [DEPLOY], pods: PODS.map((p) => ({ ...p, volumes: [{ name: 'share-volume', claim: 'a"b' }] })) },
    {
      deployments: [DEPLOY],
      pods: PODS.map((p) => ({
        ...p,
        containers: [{ name: 'downloader', mounts: [{ name: 'share-volume', mountPath: `/data/${evil}` }] }],
      })),
    },
    {
      deployments: [DEPLOY],
      pods: PODS.map((p) => ({
        ...p,
        containers: [{ name: 'downloader', mounts: [{ name: 'share-volume', mountPath: '/data/../../etc' }] }],
      })),
    },
    {
      deployments: [DEPLOY],
      pods: PODS.map((p) => ({ ...p, containers: [{ name: 'downloader', mounts: [{ name: 'share-volume', mountPath: 'data' }] }] })),
    },
  ];
  const results = await Promise.all(cases.map((c) => probe(c)));
  results.forEach((r, i) => {
    assert.equal(r.exitCode, 3, `${JSON.stringify(cases[i]).slice(0, 120)}: ${r.stderr}`);
    assert.deepEqual(r.execs, []);
  });
  assert.equal(existsSync(SENTINEL), false);
});

test('docs/probes.md quotes every kubectl query and exec script of the active checks verbatim', () => {
  const doc = readFileSync(new URL('../../docs/probes.md', import.meta.url), 'utf8');
  for (const q of [...Object.values(SHARE_TEST_QUERIES), SERVICE_QUERY]) assert.ok(doc.includes(`-o '${q}'`), q);
  for (const script of PVC_SHARE_TEST_BODY.matchAll(/ -- sh -c ('[^']*')/g)) assert.ok(doc.includes(` -- sh -c ${script[1]}`), script[1]);
  assert.equal([...PVC_SHARE_TEST_BODY.matchAll(/ -- sh -c '/g)].length, 3);
});
