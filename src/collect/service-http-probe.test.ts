import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runBatch } from './host-run.ts';
import { installFakeKubectl, kubectlLog, type FakeCluster } from './test-fake-kubectl.ts';
import { LocalShell } from './test-local-shell.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-http-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const SENTINEL = join(dir, 'pwned');

/** Runs http.service1 against a fake cluster; the fake curl answers 200 for 10.108.64.11 and [fd00::a]. */
async function probe(cluster: FakeCluster, kubectl?: string) {
  const sh = new LocalShell();
  installFakeKubectl(sh, cluster);
  if (kubectl) sh.tool('kubectl', kubectl);
  sh.tool(
    'curl',
    'for a in "$@"; do last=$a; done; echo "$*" >>"$HOME/curl.log"; case $last in http://10.108.64.11:3000/|http://\\[fd00::a\\]:3000/) printf 200 ;; *) printf 000; exit 7 ;; esac',
  );
  const run = await runBatch(sh, 'master', ['http.service1'], { probeTimeoutMs: 20_000, hostTimeoutMs: 40_000 });
  const r = run.probes['http.service1'] ?? assert.fail('no result');
  const curl = existsSync(join(sh.bin, 'curl.log')) ? readFileSync(join(sh.bin, 'curl.log'), 'utf8').trim().split('\n') : [];
  return { ...r, curl, kubectl: kubectlLog(sh.bin) };
}

/** What the lab-09 grader reads: the LAST line is `<clusterIP> <status>` (graders/lab-09/http-check.ts). */
const lastLine = (stdout: string) => /^\s*(\S+)\s+(\d{3})\s*$/.exec(stdout.trim().split('\n').pop() ?? '')?.slice(1);

const svc = (namespace: string, clusterIP = '10.108.64.11', name = 'service1') => ({ namespace, name, clusterIP });

test('service1 in default: one GET to ClusterIP:3000; the namespace line, then "<clusterIP> <status>"', async () => {
  const r = await probe({
    services: [svc('default', '10.96.0.1', 'kubernetes'), svc('default'), svc('kube-system', '10.96.0.10', 'kube-dns')],
  });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'namespace default\n10.108.64.11 200\n');
  assert.deepEqual(lastLine(r.stdout), ['10.108.64.11', '200']);
  assert.deepEqual(r.curl, ['-s -o /dev/null -m 18 -w %{http_code} http://10.108.64.11:3000/']);
  assert.equal(r.kubectl.length, 1);
  assert.deepEqual(r.kubectl[0]?.slice(1, 5), ['get', 'services', '-A', '-o']);
});

test('service1 in any namespace: default first, else the first namespace by name', async () => {
  const elsewhere = await probe({ services: [svc('web', '10.1.1.1'), svc('apps'), svc('zeta', '10.2.2.2')] });
  assert.equal(elsewhere.stdout, 'namespace apps\n10.108.64.11 200\n');
  const both = await probe({ services: [svc('apps', '10.1.1.1'), svc('default')] });
  assert.equal(both.stdout, 'namespace default\n10.108.64.11 200\n');
});

test('service1 nowhere: exit 3 and "not found" on stderr (lab-09 turns that into failed), curl not called', async () => {
  const r = await probe({ services: [svc('default', '10.96.0.1', 'kubernetes'), svc('default', '10.1.1.1', 'service10')] });
  assert.equal(r.exitCode, 3);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /Service service1 not found in any namespace/);
  assert.deepEqual(r.curl, []);
});

test('headless or ExternalName service1: exit 3, no ClusterIP', async () => {
  for (const ip of ['None', '']) {
    const r = await probe({ services: [svc('default', ip)] });
    assert.equal(r.exitCode, 3);
    assert.match(r.stderr, /Service service1 \(namespace default\) has no ClusterIP/);
    assert.deepEqual(r.curl, []);
  }
});

test('an IPv6 ClusterIP is bracketed in the URL', async () => {
  const r = await probe({ services: [svc('default', 'fd00::a')] });
  assert.equal(r.stdout, 'namespace default\nfd00::a 200\n');
  assert.match(r.curl[0] ?? '', /http:\/\/\[fd00::a\]:3000\/$/);
});

test('no HTTP answer: curl’s exit code, status 000 on the last line', async () => {
  const r = await probe({ services: [svc('default', '10.99.99.99')] });
  assert.equal(r.exitCode, 7);
  assert.deepEqual(lastLine(r.stdout), ['10.99.99.99', '000']);
});

test('kubectl failing (API server down) keeps kubectl’s exit code and stderr', async () => {
  const r = await probe(
    {},
    'echo "The connection to the server 192.168.157.133:6443 was refused - did you specify the right host or port?" >&2; exit 1',
  );
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /connection to the server .* was refused/);
  assert.equal(r.stdout, '');
});

test('hostile namespace or ClusterIP from the cluster is refused and never runs', async () => {
  const cases = [
    svc('default', `10.0.0.1;touch\${IFS}${SENTINEL}`),
    svc('default', `$(touch\${IFS}${SENTINEL})`),
    svc('default', '`id`'),
    svc('-n', '10.108.64.11'),
    svc('a;touch', '10.108.64.11'),
  ];
  for (const s of cases) {
    const r = await probe({ services: [s] });
    assert.equal(r.exitCode, 3, JSON.stringify(s));
    assert.match(r.stderr, /unexpected (namespace|ClusterIP) of Service service1/);
    assert.deepEqual(r.curl, []);
  }
  assert.equal(existsSync(SENTINEL), false);
});
