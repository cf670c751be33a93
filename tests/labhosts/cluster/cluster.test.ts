/**
 * The recorded cluster (this folder) is what the generator makes, parses with the project's
 * kube schemas, and is coherent: with itself (pods ↔ endpoints ↔ crictl IDs ↔ node facts),
 * with the testbed's network model, and with the answer sheet's real iptables dump.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { z } from 'zod';
import * as kube from '../../../src/parse/kube.ts';
import { answerSheetIptablesDump, sharedSkip } from '../../shared-fixtures.ts';
import { NODES, PODS } from '../model/topology.ts';
import { generate } from './generate.ts';

const DIR = new URL('./', import.meta.url);
const read = (rel: string) => readFileSync(new URL(rel, DIR), 'utf8');
const json = <T>(rel: string) => JSON.parse(read(rel)) as T;

function parsed<S extends z.ZodType>(schema: S, rel: string): z.infer<S> {
  const r = schema.safeParse(JSON.parse(read(rel)));
  assert.ok(r.success, `${rel}: ${r.success ? '' : r.error.message}`);
  return r.data as z.infer<S>;
}

describe('recorded cluster', () => {
  test('the committed files are exactly what generate.ts makes (regenerate after model changes)', () => {
    for (const [rel, content] of generate()) assert.equal(read(rel), content, `${rel} is stale: run ./node_modules/.bin/node tests/labhosts/cluster/generate.ts`);
  });

  test('every kubectl recording parses with src/parse/kube.ts and looks like kubectl -A -o json', () => {
    const lists: [z.ZodType, string][] = [
      [kube.NodeList, 'nodes.json'], [kube.PodList, 'pods.json'], [kube.DeploymentList, 'deployments.json'], [kube.ReplicaSetList, 'replicasets.json'],
      [kube.ServiceList, 'services.json'], [kube.EndpointsList, 'endpoints.json'], [kube.EndpointSliceList, 'endpointslices.json'],
      [kube.HorizontalPodAutoscalerList, 'horizontalpodautoscalers.json'], [kube.DaemonSetList, 'daemonsets.json'], [kube.ConfigMapList, 'configmaps.json'],
    ];
    for (const [schema, rel] of lists) {
      parsed(schema, rel);
      assert.match(read(rel), /^\{\n {4}"apiVersion": "v1",\n {4}"items": \[/, `${rel}: kubectl's sorted keys and 4-space indent`);
    }
    parsed(kube.PodMetricsList, 'metrics-pods.json');
    parsed(kube.KubectlVersion, 'version.json');
  });

  test('nodes: ubuntu (control plane, untainted) and worker1, v1.29.4 on docker 26.1.1, flannel VTEP MACs of the testbed', () => {
    const nodes = parsed(kube.NodeList, 'nodes.json').items;
    assert.deepEqual(nodes.map((n) => n.metadata.name), ['ubuntu', 'worker1']);
    for (const [n, model] of [[nodes[0], NODES.master], [nodes[1], NODES.worker]] as const) {
      assert.equal(n?.status?.nodeInfo?.kubeletVersion, 'v1.29.4');
      assert.equal(n?.status?.nodeInfo?.containerRuntimeVersion, 'docker://26.1.1');
      assert.deepEqual(n?.spec?.podCIDRs, [model.podCidr]);
      const backend = JSON.parse(String(n?.metadata.annotations?.['flannel.alpha.coreos.com/backend-data'])) as { VtepMAC: string };
      assert.equal(backend.VtepMAC, model.flannelMac);
    }
    assert.equal(nodes[0]?.spec?.taints, undefined);
  });

  test('service1 endpoints = the Running pods of deployment1 = the model’s pod IPs', () => {
    const pods = parsed(kube.PodList, 'pods.json').items.filter((p) => p.metadata.labels?.['app'] === 'app2');
    const podIps = pods.map((p) => p.status?.podIP).sort();
    assert.deepEqual(podIps, ['10.244.1.4', '10.244.1.5', '10.244.1.6']);
    const ep = parsed(kube.EndpointsList, 'endpoints.json').items.find((e) => e.metadata.name === 'service1');
    assert.deepEqual(ep?.subsets?.[0]?.addresses?.map((a) => a.ip).sort(), podIps);
    const slice = parsed(kube.EndpointSliceList, 'endpointslices.json').items.find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'service1');
    assert.deepEqual(slice?.endpoints?.flatMap((e) => e.addresses).sort(), podIps);
    assert.deepEqual(PODS.filter((p) => p.labels['app'] === 'app2').map((p) => p.ip).sort(), podIps);
  });

  test('every Service endpoint is DNATed by the answer sheet’s dump and every DNAT target is an endpoint', { skip: sharedSkip }, () => {
    const dnat = new Set([...answerSheetIptablesDump().matchAll(/--comment "([^"]+)" -m (?:tcp|udp) -j DNAT --to-destination (\S+)/g)].map((m) => `${m[1]} ${m[2]}`));
    const fromCluster = new Set<string>();
    const services = parsed(kube.ServiceList, 'services.json').items;
    for (const ep of parsed(kube.EndpointsList, 'endpoints.json').items) {
      const svc = services.find((s) => s.metadata.name === ep.metadata.name && s.metadata.namespace === ep.metadata.namespace);
      for (const subset of ep.subsets ?? []) {
        for (const port of subset.ports ?? []) {
          for (const a of subset.addresses ?? []) fromCluster.add(`${ep.metadata.namespace}/${ep.metadata.name}:${port.name} ${a.ip}:${port.port}`);
        }
      }
      assert.ok(svc, `Endpoints ${ep.metadata.name} without a Service`);
    }
    assert.deepEqual([...fromCluster].sort(), [...dnat].sort());
  });

  test('crictl IDs on each node are the docker:// container IDs of that node’s pods', () => {
    const pods = parsed(kube.PodList, 'pods.json').items;
    for (const role of ['master', 'worker'] as const) {
      const ps = json<{ containers: { id: string; labels: Record<string, string> }[] }>(`crictl/${role}-ps.json`).containers;
      const expected = pods.filter((p) => p.spec?.nodeName === NODES[role].name).flatMap((p) => (p.status?.containerStatuses ?? []).map((c) => c.containerID?.replace('docker://', '')));
      assert.deepEqual(ps.map((c) => c.id).sort(), expected.sort());
      const sandboxes = json<{ items: { metadata: { name: string } }[] }>(`crictl/${role}-pods.json`).items.map((s) => s.metadata.name);
      assert.deepEqual(sandboxes.sort(), pods.filter((p) => p.spec?.nodeName === NODES[role].name).map((p) => p.metadata.name).sort());
    }
  });

  test('hpa1 as applied in Q12/Q13: deployment1, 3–6 replicas, 40% CPU, scale-down 10% per 60 s', () => {
    const hpa = parsed(kube.HorizontalPodAutoscalerList, 'horizontalpodautoscalers.json').items[0];
    assert.equal(hpa?.spec?.scaleTargetRef?.name, 'deployment1');
    assert.equal(hpa?.spec?.minReplicas, 3);
    assert.equal(hpa?.spec?.maxReplicas, 6);
    assert.deepEqual(hpa?.spec?.behavior?.scaleDown?.policies, [{ periodSeconds: 60, type: 'Percent', value: 10 }]);
    assert.equal(kube.conditionStatus(hpa?.status?.conditions, 'ScalingActive'), 'True');
  });
});
