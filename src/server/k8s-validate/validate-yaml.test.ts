import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerSheetBlocks, sharedSkip } from '../../../tests/shared-fixtures.ts';
import { validateManifests } from './validate-yaml.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: deployment1
  creationTimestamp: null
spec:
  replicas: 3
  selector:
    matchLabels:
      app: app2
  strategy: {}
  template:
    metadata:
      labels:
        app: app2
    spec:
      containers:
      - name: fileserver
        image: nginx
        ports:
        - containerPort: 8080
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
status: {}
`;

test('the answer sheet’s manifests and every lab solution are valid', { skip: sharedSkip }, () => {
  const blocks = answerSheetBlocks('yaml');
  assert.ok(blocks.length >= 4);
  for (const block of blocks) assert.deepEqual(validateManifests(block, 'en').problems, [], block.slice(0, 80));
  for (const lab of readdirSync(join(ROOT, 'labs'))) {
    let files: string[] = [];
    try {
      files = readdirSync(join(ROOT, 'labs', lab, 'solution'));
    } catch {}
    for (const f of files)
      assert.deepEqual(validateManifests(readFileSync(join(ROOT, 'labs', lab, 'solution', f), 'utf8'), 'en').problems, [], `${lab}/${f}`);
  }
});

test('kubectl’s own dry-run output (null timestamps, empty maps) is valid; a 100-character Deployment name too', () => {
  assert.deepEqual(validateManifests(DEPLOYMENT, 'en'), { problems: [], documents: 1, unchecked: [] });
  const long = DEPLOYMENT.replace('name: deployment1', `name: ${'d'.repeat(100)}`);
  assert.deepEqual(validateManifests(long, 'en').problems, [], 'metadata.name has no 63-character limit for a Deployment');
});

test('containerPort "8080x" is reported at its line with the reason', () => {
  const r = validateManifests(DEPLOYMENT.replace('containerPort: 8080', 'containerPort: "8080x"'), 'en');
  assert.deepEqual(r.problems, [
    {
      line: 21,
      column: 26,
      path: 'spec.template.spec.containers[0].ports[0].containerPort',
      message: 'spec.template.spec.containers[0].ports[0].containerPort must be a whole number; "8080x" is a string',
    },
  ]);
  const quoted = validateManifests(DEPLOYMENT.replace('containerPort: 8080', 'containerPort: "8080"'), 'zh');
  assert.match(quoted.problems[0]?.message ?? '', /应为整数.*去掉引号/);
});

test('replica: 3 is an unknown field with the right spelling suggested', () => {
  const r = validateManifests(DEPLOYMENT.replace('replicas: 3', 'replica: 3'), 'en');
  assert.deepEqual(r.problems, [
    { line: 7, column: 3, path: 'spec.replica', message: 'spec has no field "replica". Did you mean "replicas"?' },
  ]);
});

test('enums, quantities, int-or-string, required fields and names', () => {
  const manifest = `apiVersion: v1
kind: Service
metadata: {name: 9svc}
spec:
  ports: [{port: 80, targetPort: 1.5, protocol: HTTP}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: hpa1}
spec:
  maxReplicas: 6
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c}
spec:
  resources: {requests: {storage: 1 Gi}}
`;
  const r = validateManifests(manifest, 'en');
  assert.deepEqual(
    r.problems.map((p) => [p.line, p.path]),
    [
      [3, 'metadata.name'],
      [5, 'spec.ports[0].targetPort'],
      [5, 'spec.ports[0].protocol'],
      [10, 'spec'],
      [17, 'spec.resources.requests.storage'],
    ],
  );
  assert.match(r.problems[0]?.message ?? '', /Service name "9svc" is not valid/);
  assert.match(r.problems[1]?.message ?? '', /must be a whole number or a string; 1.5 is a decimal number/);
  assert.match(r.problems[2]?.message ?? '', /one of SCTP, TCP, UDP, not "HTTP"/);
  assert.match(r.problems[3]?.message ?? '', /spec.scaleTargetRef is required/);
  assert.match(r.problems[4]?.message ?? '', /"1 Gi" is not a valid quantity/);
});

test('YAML syntax errors, non-objects and other kinds', () => {
  assert.deepEqual(
    validateManifests('a: [1\nb: 2', 'en').problems.map((p) => [p.line, p.path]),
    [[2, '(yaml)']],
  );
  assert.equal(validateManifests('- just\n- a list\n', 'en').problems[0]?.path, '(document)');
  const cm = validateManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n', 'en');
  assert.deepEqual([cm.problems, cm.unchecked], [[], ['v1/ConfigMap']]);
  assert.match(
    validateManifests('apiVersion: v1\nkind: Pod\nspec: {containers: []}\n', 'en').problems[0]?.message ?? '',
    /metadata.name is required/,
  );
  assert.deepEqual(validateManifests('', 'en'), { problems: [], documents: 0, unchecked: [] });
});

test('hostile YAML: alias bombs and deep nesting are refused, not expanded', () => {
  const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`;
  const r = validateManifests(bomb, 'en');
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]?.message ?? '', /cannot be expanded.*alias/i);
});
