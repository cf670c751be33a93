/**
 * The testbed kubectl's answers beyond `-o json` (lib/kubectl-answers.ts and its evaluators) and
 * the fake kubectl/kubectl-apply scripts themselves, run here with plain `sh` against an answer
 * tree in a temporary folder: no testbed, no root needed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SERVICE_QUERY } from '../../../src/collect/service-http-probe.ts';
import { SHARE_TEST_QUERIES as Q } from '../../../src/collect/share-test-probe.ts';
import { answerSheetBlocks, sharedSkip } from '../../shared-fixtures.ts';
import { goTemplate } from '../lib/go-template.ts';
import { jsonpath } from '../lib/jsonpath.ts';
import { KUBECTL_FORMATS } from '../lib/kubectl-formats.ts';
import { NODE_SCRIPTS } from '../lib/paths.ts';
import { kubectlFiles } from '../lib/recorded.ts';
import { TemplateExecError, TemplateUnsupported } from '../lib/template-values.ts';

interface Item {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: { nodeName?: string; clusterIP?: string };
}
const read = (f: string) => JSON.parse(readFileSync(new URL(f, import.meta.url), 'utf8')) as { items: Item[] };
const pods = read('./pods.json').items;

/** The node's /usr/local/share/k8s-labs, in a temporary folder, with the scripts pointed at it. */
const share = mkdtempSync(join(tmpdir(), 'k8s-labs-kubectl-'));
after(() => rmSync(share, { recursive: true, force: true }));
for (const [rel, content] of kubectlFiles()) {
  mkdirSync(dirname(join(share, 'kubectl', rel)), { recursive: true });
  writeFileSync(join(share, 'kubectl', rel), content);
}
mkdirSync(join(share, 'apply'));
writeFileSync(join(share, 'fault'), 'none\n');
for (const s of ['kubectl', 'kubectl-apply']) {
  const text = readFileSync(`${NODE_SCRIPTS}${s}.sh`, 'utf8').replace(/^D=\/usr\/local\/share\/k8s-labs$/m, `D=${share}`);
  assert.notEqual(text, readFileSync(`${NODE_SCRIPTS}${s}.sh`, 'utf8'), `${s}.sh sets D`);
  writeFileSync(join(share, `${s}.sh`), text);
}
const kubectl = (args: string[], input = '') => {
  const r = spawnSync('sh', [join(share, 'kubectl.sh'), '--request-timeout=28s', ...args], { input, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
};

describe('jsonpath and go-template evaluators (kubectl semantics)', () => {
  const obj = { metadata: { name: 'a', labels: { z: '1', b: '2' } }, spec: { n: 3, big: 1000000, list: [{ x: 'p' }, { x: 'q' }] } };
  test('jsonpath: missing keys print nothing, results join with spaces, maps print as JSON', () => {
    assert.equal(jsonpath('{.metadata.name}/{.metadata.nope}/{.spec.list[*].x}', obj), 'a//p q');
    assert.equal(jsonpath('{.metadata.labels}', obj), '{"b":"2","z":"1"}');
    assert.equal(jsonpath('{range .spec.list[*]}[{.x}]{end}{"\\n"}', obj), '[p][q]\n');
    assert.equal(jsonpath('{.spec.big} {.spec.list[1].x}', obj), '1000000 q');
    assert.throws(() => jsonpath('{.metadata[*]}', obj), TemplateExecError);
    assert.throws(() => jsonpath('{.items[?(@.x=="p")]}', obj), TemplateUnsupported);
    assert.throws(() => jsonpath('{range .spec.list[*]}{.x}', obj), TemplateUnsupported);
  });
  test('go-template: <no value>, map ranges in key order, if/else, float64 numbers', () => {
    assert.equal(goTemplate('{{.metadata.name}} {{.metadata.nope}} {{.spec.n}} {{.spec.big}}', obj), 'a <no value> 3 1e+06');
    assert.equal(goTemplate('{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}', obj), 'b=2;z=1;');
    assert.equal(goTemplate('{{range .spec.list}}{{if .y}}Y{{else if .x}}{{.x}}{{else}}-{{end}}{{end}}', obj), 'pq');
    assert.equal(goTemplate('{{range .spec.none}}x{{else}}empty{{end}} {{- "!" -}}  .', obj), 'empty!.');
    assert.throws(() => goTemplate('{{.metadata.name.x}}', obj), TemplateExecError);
    assert.throws(() => goTemplate('{{index .metadata.labels "z"}}', obj), TemplateUnsupported);
    assert.throws(() => goTemplate('{{if .x}}open', obj), TemplateUnsupported);
  });
});

describe('answers to the collector’s queries, computed from the recorded cluster', () => {
  test('every query string of the collector is a format the testbed renders', () => {
    for (const q of [SERVICE_QUERY, ...Object.values(Q)]) assert.ok(KUBECTL_FORMATS.includes(q), q);
  });
  test('http.service1: namespace, name, ClusterIP of every Service', () => {
    const r = kubectl(['get', 'services', '-A', '-o', SERVICE_QUERY]);
    assert.equal(r.code, 0, r.stderr);
    const want = read('./services.json').items.map((s) => `${s.metadata.namespace} ${s.metadata.name} ${s.spec.clusterIP}\n`).join('');
    assert.equal(r.stdout, want);
    assert.match(r.stdout, /^default service1 10\.108\.64\.11$/m);
  });
  test('pvc.share-test: deployments, matchLabels, Running pods of the selector, pod volumes', () => {
    assert.match(kubectl(['get', 'deployments', '-A', '-o', Q.deployments]).stdout, /^default deployment1$/m);
    assert.equal(kubectl(['get', 'deployment', 'deployment1', '-n', 'default', '-o', Q.matchLabels]).stdout, 'app=app2\n');
    const running = kubectl(['get', 'pods', '-n', 'default', '-l', 'app=app2', '--field-selector=status.phase=Running', '-o', Q.runningPods]);
    const replicas = pods.filter((p) => p.metadata.labels?.app === 'app2');
    assert.equal(running.stdout, replicas.map((p) => `${p.metadata.name} ${p.spec.nodeName} \n`).join(''));
    const spec = kubectl(['get', 'pod', replicas[0]?.metadata.name ?? '', '-n', 'default', '-o', Q.podVolumes]);
    assert.equal(spec.code, 0, spec.stderr);
    assert.doesNotMatch(spec.stdout, /^V\t/m, 'emptyDir, no persistentVolumeClaim');
    assert.match(spec.stdout, /^C\tdownloader\nM\tshare-volume\trw\t\/data$/m);
  });
  test('selectors: equality terms in any order, field selectors, no match is an empty List, others fail', () => {
    const names = (args: string[]) => kubectl([...args, '-o', 'jsonpath={.items[*].metadata.name}']).stdout.split(' ').filter(Boolean);
    const onUbuntu = pods.filter((p) => p.spec.nodeName === 'ubuntu').map((p) => p.metadata.name);
    assert.deepEqual(names(['get', 'pods', '-A', '--field-selector', 'spec.nodeName=ubuntu']), onUbuntu);
    assert.equal(names(['get', 'po', '-l', 'pod-template-hash=6c7f9b8d54,app==app2']).length, 3);
    assert.deepEqual(names(['get', 'pods', '-n', 'kube-system', '-l', 'app=app2']), []);
    assert.equal(JSON.parse(kubectl(['get', 'pods', '-l', 'app=nope', '-o', 'json']).stdout).items.length, 0);
    for (const bad of [['-l', 'app!=x'], ['-l', 'app in (a)'], ['--field-selector', 'metadata.name=pod1'], ['--field-selector', 'foo=bar']]) {
      const r = kubectl(['get', 'pods', ...bad, '-o', 'json']);
      assert.equal(r.code, 1, bad.join(' '));
      assert.match(r.stderr, /^(error|Error from server)/);
    }
  });
  test('kube.pv and kube.pvc are empty Lists; unknown formats and resources fail like kubectl', () => {
    for (const args of [['get', 'persistentvolumes', '-o', 'json'], ['get', 'pv', '-o', 'json'], ['get', 'pvc', '-A', '-o', 'json']]) {
      const r = kubectl(args);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
    }
    assert.equal(kubectl(['get', 'horizontalpodautoscalers.v2.autoscaling', '-A', '-o', 'json']).code, 0);
    for (const args of [['get', 'pods', '-o', 'yaml'], ['get', 'svc', '-o', 'jsonpath={.spec.ports}'], ['get', 'pods'], ['get', 'widgets', '-o', 'json']]) {
      const r = kubectl(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /^error: /);
    }
    assert.match(kubectl(['get', 'deploy', 'nosuch', '-o', 'json']).stderr, /^Error from server \(NotFound\): deployments\.apps "nosuch" not found/);
  });
});

describe('kubectl apply (recorded, the cluster does not change)', () => {
  const last = () => ({ yaml: readFileSync(join(share, 'apply', 'last.yaml'), 'utf8'), meta: readFileSync(join(share, 'apply', 'last.meta'), 'utf8') });
  test('the answer sheet’s manifests: objects of the recorded cluster are configured', { skip: sharedSkip }, () => {
    const yaml = answerSheetBlocks('yaml').join('---\n');
    const dry = kubectl(['apply', '--dry-run=server', '-f', '-'], yaml);
    assert.equal(dry.code, 0, dry.stderr);
    const lines = dry.stdout.trim().split('\n');
    for (const l of lines) assert.match(l, /^[a-z.]+\/[a-z0-9-]+ configured \(server dry run\)$/);
    for (const ref of ['pod/pod1', 'deployment.apps/deployment1', 'service/service1', 'horizontalpodautoscaler.autoscaling/hpa1'])
      assert.ok(lines.includes(`${ref} configured (server dry run)`), `${ref} in ${dry.stdout}`);
    assert.equal(last().yaml, yaml);
    assert.match(last().meta, /dryRun=server\nexitCode=0/);
  });
  test('new objects are created; bad manifests fail with kubectl’s words and exit 1 (recorded too)', () => {
    const ok = kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "cm-new" # note\n  namespace: default\n');
    assert.deepEqual([ok.code, ok.stdout], [0, 'configmap/cm-new created\n']);
    assert.match(last().meta, /dryRun=none\nexitCode=0/);
    const cases: [string, RegExp][] = [
      ['kind: Pod\nmetadata:\n  name: x\n', /error validating "STDIN": error validating data: \[apiVersion not set\]/],
      ['apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n', /no matches for kind "Widget" in version "v1"/],
      ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\n', /^The Pod "Bad_Name" is invalid: metadata\.name/],
      ['# only a comment\n', /^error: no objects passed to apply/],
    ];
    for (const [yaml, err] of cases) {
      const r = kubectl(['apply', '-f', '-'], yaml);
      assert.equal(r.code, 1, yaml);
      assert.match(r.stderr, err);
      assert.equal(last().yaml, yaml);
      assert.match(last().meta, /exitCode=1/);
    }
    assert.match(kubectl(['apply', '-n', 'default', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: kube-system\n').stderr, /does not match the namespace "default"/);
    assert.match(kubectl(['apply']).stderr, /^error: must specify one of -f and -k/);
  });
});
