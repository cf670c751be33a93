import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The bundled schemas (schemas/k8s/, see SOURCES.md there): derived, not hand-edited, and right
 * about the facts the editor teaches with.
 */
const DIR = fileURLToPath(new URL('../../../schemas/k8s/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
type Schema = {
  definitions: Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[]; additionalProperties?: unknown }>;
};
const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as Schema;
const def = (name: string) => {
  const d = manifest.definitions[name];
  assert.ok(d, name);
  return d;
};

test('the committed schemas are exactly what schemas/k8s/generate.ts derives from kubernetes-models', { timeout: 120_000 }, (t) => {
  if (!existsSync(`${ROOT}node_modules/kubernetes-models/package.json`))
    return t.skip('kubernetes-models (devDependency) is not installed');
  const r = spawnSync(process.execPath, [`${DIR}generate.ts`, '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr || r.stdout);
});

test('facts: metadata.name has no length limit in OpenAPI; ports and replicas are int32; targetPort is int-or-string; objects are strict', () => {
  const meta = def('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta').properties['name'];
  assert.deepEqual([meta?.['type'], meta?.['maxLength']], [['string', 'null'], undefined]);
  assert.deepEqual(
    [def('io.k8s.api.core.v1.ContainerPort').properties['containerPort']?.['type'], def('io.k8s.api.core.v1.ContainerPort').required],
    ['integer', ['containerPort']],
  );
  assert.equal(def('io.k8s.api.core.v1.ContainerPort').properties['containerPort']?.['format'], 'int32');
  assert.deepEqual(def('io.k8s.api.apps.v1.DeploymentSpec').properties['replicas']?.['type'], ['integer', 'null']);
  assert.deepEqual(def('io.k8s.api.autoscaling.v2.HPAScalingPolicy').required, ['periodSeconds', 'type', 'value']);
  assert.match(
    JSON.stringify(def('io.k8s.api.core.v1.ServicePort').properties['targetPort']),
    /"anyOf":\[\{"type":"integer"\},\{"type":"string"\}/,
  );
  for (const [name, d] of Object.entries(manifest.definitions)) {
    if (d.properties) assert.equal(d.additionalProperties, false, `${name} refuses unknown fields`);
  }
  for (const file of ['pod-v1', 'deployment-apps-v1', 'service-v1', 'horizontalpodautoscaler-autoscaling-v2', 'persistentvolumeclaim-v1']) {
    const s = JSON.parse(readFileSync(`${DIR}${file}.json`, 'utf8')) as { $schema: string; $ref: string; definitions: object };
    assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.ok(s.$ref.slice('#/definitions/'.length) in s.definitions, `${file} is standalone`);
    assert.ok(!JSON.stringify(s).includes('"$ref":"http'), `${file} has no remote reference`);
  }
});
