import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot, type ProbeInput } from '../../tests/snapshot-builder.ts';
import { canonical, clone } from '../common/testing/canonical.ts';
import { check, gradeById, text } from '../common/testing/grade.ts';
import { liveEndpointSlice, liveEndpoints, liveService } from '../common/testing/live-network.ts';
import { deploymentPods, liveDeployment, livePod } from '../common/testing/live-workloads.ts';
import { assertLabMetaMatches } from '../common/testing/lab-meta.ts';
import { liveHpa } from '../common/testing/live-hpa.ts';
import { containerCreating, withWarning } from '../common/testing/variants.ts';
import { grader } from './grader.ts';
import type { Obj } from '../common/testing/obj.ts';

const real = (f: string): Obj[] => JSON.parse(realFixture(f)).items;

interface Cluster {
  service?: Obj;
  deploy?: Obj;
  pods?: Obj[];
  ready?: Obj[];
  notReady?: Obj[];
  http?: ProbeInput;
  drop?: string[];
}

function cluster(c: Cluster = {}): Record<string, ProbeInput | object> {
  const manifests = canonical();
  const deploy = c.deploy ?? liveDeployment(clone(manifests.deployment1));
  const pods = c.pods ?? deploymentPods(deploy);
  const svc = c.service ?? liveService(clone(manifests.service1));
  const ready = c.ready ?? pods;
  const notReady = c.notReady ?? [];
  const probes: Record<string, ProbeInput | object> = {
    'kube.services': kubeList([...real('services/troubleshoot-k3d-servicelist-kube-system.json'), svc]),
    'kube.endpoints': kubeList([...real('services/victoriametrics-minikube-endpointslist.json'), liveEndpoints(svc, ready, notReady)]),
    'kube.endpointslices': kubeList([...real('services/victoriametrics-endpointslicelist.json'), liveEndpointSlice(svc, ready, notReady)]),
    'kube.pods': kubeList([...real('pods/hotsos-cdk-v1.23-kube-system-podlist.json'), ...pods]),
    'kube.deployments': kubeList([deploy]),
    'http.service1': c.http ?? 'namespace default\n10.108.64.11 200\n',
  };
  for (const d of c.drop ?? []) delete probes[d];
  return probes;
}

const grade = (c: Cluster = {}) => gradeById(grader, makeSnapshot({ master: cluster(c) }));
const service = (mutate: (s: Obj) => void): Obj => {
  const s = liveService(clone(canonical().service1));
  mutate(s);
  return s;
};
const ALL = ['service-type', 'service-selector', 'service-ports', 'service-endpoints', 'service-http'];

describe('lab-09 service1', { skip: sharedSkip }, () => {
  test('the answer sheet Service passes every check', () => {
    const r = grade();
    for (const id of ALL) assert.equal(check(r, id).status, 'passed', `${id}: ${text(check(r, id))}`);
    assert.match(check(r, 'service-ports').message.en, /fileserver:8080→8080, downloader:3000→3000/);
    const probes = cluster();
    probes['kube.hpa'] = kubeList([liveHpa(canonical().hpa1)]);
    assertLabMetaMatches(grader, makeSnapshot({ master: probes }));
  });

  test('EndpointSlices alone (no Endpoints, v1.33+) or Endpoints alone are enough; neither is an error', () => {
    assert.equal(check(grade({ drop: ['kube.endpoints'] }), 'service-endpoints').status, 'passed');
    const onlyEndpoints = check(grade({ drop: ['kube.endpointslices'] }), 'service-endpoints');
    assert.equal(onlyEndpoints.status, 'passed');
    assert.match(onlyEndpoints.message.en, /from endpoints/);
    assert.equal(check(grade({ drop: ['kube.endpoints', 'kube.endpointslices'] }), 'service-endpoints').status, 'error');
    assert.equal(check(grade({ drop: ['kube.services'] }), 'service-type').status, 'error');
  });

  test('the Service may live in another namespace together with its pods', () => {
    const manifests = canonical();
    const deploy = liveDeployment(clone(manifests.deployment1), { namespace: 'lab' });
    const r = grade({ deploy, service: liveService(clone(manifests.service1), { namespace: 'lab' }) });
    for (const id of ['service-type', 'service-selector', 'service-ports', 'service-endpoints'])
      assert.equal(check(r, id).status, 'passed', id);
    assert.match(check(r, 'service-type').message.en, /namespace lab/);
  });

  test('NodePort and headless Services fail the type check', () => {
    assert.equal(check(grade({ service: service((s) => (s['spec']['type'] = 'NodePort')) }), 'service-type').status, 'failed');
    const headless = check(grade({ service: service((s) => (s['spec']['clusterIP'] = 'None')) }), 'service-type');
    assert.match(headless.message.en, /headless/);
  });

  test('selector app=app3 fails, and its Service has no endpoints', () => {
    const s = service((x) => (x['spec']['selector'] = { app: 'app3' }));
    const r = grade({ service: s, ready: [] });
    assert.equal(check(r, 'service-selector').status, 'failed');
    assert.match(check(r, 'service-selector').message.en, /selector is app=app3; it should be app=app2/);
    assert.equal(check(r, 'service-endpoints').status, 'failed');
  });

  test('a selector that matches no pod fails with the command to compare labels', () => {
    const manifests = canonical();
    const d = liveDeployment(clone(manifests.deployment1));
    const pods = deploymentPods(d).map((p) => ({ ...p, metadata: { ...p['metadata'], labels: { app: 'app-2' } } }));
    const r = check(grade({ pods, ready: [] }), 'service-selector');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /matches no pod/);
    assert.match(r.hint?.en ?? '', /--show-labels/);
  });

  test('unnamed ports and a wrong targetPort fail the ports check', () => {
    const unnamed = check(grade({ service: service((s) => s['spec']['ports'].forEach((p: Obj) => delete p['name'])) }), 'service-ports');
    assert.equal(unnamed.status, 'failed');
    assert.match(unnamed.message.en, /Port 8080 has no name/);
    const wrong = check(grade({ service: service((s) => (s['spec']['ports'][1]['targetPort'] = 80)) }), 'service-ports');
    assert.equal(wrong.status, 'failed');
    assert.match(wrong.message.en, /Port 3000 has targetPort 80; it should forward to downloader's containerPort 3000/);
  });

  test('an omitted targetPort means the port; named targetPorts resolve through named containerPorts', () => {
    const omitted = liveService({
      metadata: { name: 'service1' },
      spec: {
        selector: { app: 'app2' },
        ports: [
          { name: 'files', port: 8080 },
          { name: 'dl', port: 3000 },
        ],
      },
    });
    assert.equal(check(grade({ service: omitted }), 'service-ports').status, 'passed');
    const manifests = canonical();
    const d = liveDeployment(clone(manifests.deployment1));
    d['spec']['template']['spec']['containers'][0]['ports'][0]['name'] = 'files';
    d['spec']['template']['spec']['containers'][1]['ports'][0]['name'] = 'dl';
    const named = service((s) => {
      s['spec']['ports'][0]['targetPort'] = 'files';
      s['spec']['ports'][1]['targetPort'] = 'dl';
    });
    assert.equal(check(grade({ deploy: d, service: named }), 'service-ports').status, 'passed');
    const typo = service((s) => (s['spec']['ports'][1]['targetPort'] = 'download'));
    const r = check(grade({ deploy: d, service: typo }), 'service-ports');
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /port name download, which no containerPort is named/);
  });

  test('2 ready endpoints fail; 2 ready and 1 starting is pending; a 4th pod labelled app=app2 fails by name', () => {
    const d = liveDeployment(clone(canonical().deployment1));
    const pods = deploymentPods(d);
    const two = check(grade({ deploy: d, pods, ready: pods.slice(0, 2) }), 'service-endpoints');
    assert.equal(two.status, 'failed');
    assert.match(two.message.en, /fileserver: 2, downloader: 2; 3 are expected/);
    assert.equal(
      check(grade({ deploy: d, pods, ready: pods.slice(0, 2), notReady: pods.slice(2) }), 'service-endpoints').status,
      'pending',
    );
    const stray = livePod(clone(canonical().pod1), { labels: { app: 'app2' }, ip: '10.244.1.99' });
    const four = check(grade({ deploy: d, pods: [...pods, stray], ready: [...pods, stray] }), 'service-endpoints');
    assert.equal(four.status, 'failed');
    assert.match(four.message.en, /pod1/);
  });

  test('the HTTP probe: 404 passes, 503 fails, curl refused/timeout fail with a meaning, odd outputs are errors', () => {
    assert.equal(check(grade({ http: '10.108.64.11 404' }), 'service-http').status, 'passed');
    const e503 = check(grade({ http: '10.108.64.11 503' }), 'service-http');
    assert.equal(e503.status, 'failed');
    assert.match(e503.message.en, /HTTP 503/);
    const refused = check(
      grade({ http: { stdout: '', stderr: 'curl: (7) Failed to connect to 10.108.64.11 port 3000: Connection refused', exitCode: 7 } }),
      'service-http',
    );
    assert.equal(refused.status, 'failed');
    assert.match(refused.message.en, /Connection refused/i);
    assert.match(
      check(grade({ http: { stdout: '', stderr: 'curl: (28) timed out', exitCode: 28 } }), 'service-http').message.en,
      /flannel/,
    );
    assert.equal(check(grade({ http: { stdout: '', stderr: 'sh: curl: not found', exitCode: 127 } }), 'service-http').status, 'error');
    assert.equal(check(grade({ http: 'garbage' }), 'service-http').status, 'error');
    assert.equal(check(grade({ drop: ['http.service1'] }), 'service-http').status, 'error');
  });
  test('the HTTP probe names the namespace it called; the older one-line output (default only) still reads', () => {
    const r = check(grade(), 'service-http');
    assert.equal(r.status, 'passed');
    assert.match(r.message.en, /http:\/\/10\.108\.64\.11:3000\/ of service1 \(namespace default\) answered HTTP 200/);
    assert.match(r.message.zh, /service1（命名空间 default）/);
    const manifests = canonical();
    const deploy = liveDeployment(clone(manifests.deployment1), { namespace: 'lab' });
    const lab = check(
      grade({ deploy, service: liveService(clone(manifests.service1), { namespace: 'lab' }), http: 'namespace lab\n10.108.64.11 200\n' }),
      'service-http',
    );
    assert.equal(lab.status, 'passed');
    assert.match(lab.message.en, /service1 \(namespace lab\) answered HTTP 200/);
    assert.deepEqual(lab.data, { namespace: 'lab', clusterIP: '10.108.64.11', status: 200 });
    const old = check(grade({ http: '10.108.64.11 200\n' }), 'service-http');
    assert.equal(old.status, 'passed');
    assert.match(old.message.en, /namespace default/);
    const crlf = check(grade({ http: 'namespace lab\r\n10.108.64.11 200\r\n' }), 'service-http');
    assert.match(crlf.message.en, /namespace lab/);
  });

  test('HTTP failures name the namespace and put it in the commands to run', () => {
    const refused = check(grade({ http: { stdout: 'namespace lab\n10.96.7.7 000\n', stderr: '', exitCode: 7 } }), 'service-http');
    assert.equal(refused.status, 'failed');
    assert.match(
      refused.message.en,
      /Calling http:\/\/10\.96\.7\.7:3000\/ of service1 \(namespace lab\), curl exited with 7: Connection refused/,
    );
    assert.match(refused.hint?.en ?? '', /kubectl get svc service1 -n lab .*kubectl get endpointslices -n lab/);
    const e503 = check(grade({ http: 'namespace lab\n10.96.7.7 503\n' }), 'service-http');
    assert.equal(e503.status, 'failed');
    assert.match(e503.hint?.en ?? '', /kubectl logs deploy\/deployment1 -n lab -c downloader/);
    const oldRefused = check(grade({ http: { stdout: '10.108.64.11 000\n', stderr: '', exitCode: 7 } }), 'service-http');
    assert.equal(oldRefused.status, 'failed');
    assert.match(oldRefused.message.en, /namespace default/);
  });

  test('service1 nowhere or headless fails; a hostile-name refusal is an error; a missing curl says so', () => {
    const nowhere = check(
      grade({ http: { stdout: '', stderr: 'k8s-labs: Service service1 not found in any namespace\n', exitCode: 3 } }),
      'service-http',
    );
    assert.equal(nowhere.status, 'failed');
    assert.match(nowhere.message.en, /No namespace holds service1/);
    const headless = check(
      grade({ http: { stdout: '', stderr: 'k8s-labs: Service service1 (namespace lab) has no ClusterIP\n', exitCode: 3 } }),
      'service-http',
    );
    assert.equal(headless.status, 'failed');
    assert.match(headless.message.en, /service1 \(namespace lab\) has no ClusterIP/);
    assert.match(headless.hint?.en ?? '', /kubectl delete svc service1 -n lab/);
    const odd = check(
      grade({ http: { stdout: '', stderr: 'k8s-labs: unexpected ClusterIP of Service service1\n', exitCode: 3 } }),
      'service-http',
    );
    assert.equal(odd.status, 'error');
    const noCurl = check(grade({ http: { stdout: '', stderr: 'sh: 1: curl: not found\n', exitCode: 127 } }), 'service-http');
    assert.equal(noCurl.status, 'error');
    assert.match(noCurl.hint?.en ?? '', /apt-get install -y curl/);
  });

  test('an older snapshot whose probe looked in default only: an error when service1 lives elsewhere (or the list is unreadable), failed when nowhere', () => {
    const notFound = { stdout: '', stderr: 'Error from server (NotFound): services "service1" not found\n', exitCode: 1 };
    const manifests = canonical();
    const deploy = liveDeployment(clone(manifests.deployment1), { namespace: 'lab' });
    const elsewhere = check(
      grade({ deploy, service: liveService(clone(manifests.service1), { namespace: 'lab' }), http: notFound }),
      'service-http',
    );
    assert.equal(elsewhere.status, 'error');
    assert.match(elsewhere.message.en, /older collector .* yours is in namespace lab/);
    const other = liveService(clone(manifests.service1));
    other['metadata']['name'] = 'service2';
    const nowhere = check(grade({ service: other, http: notFound }), 'service-http');
    assert.equal(nowhere.status, 'failed');
    assert.match(nowhere.message.en, /service1 was not found/);
    const noList = check(grade({ drop: ['kube.services'], http: notFound }), 'service-http');
    assert.equal(noList.status, 'error');
    assert.match(noList.message.en, /Service list could not be read/);
  });

  test('HPA scaling deployment1 up to 6 with 2 pods still ContainerCreating (no IP, in no endpoint list) is pending', () => {
    // Before: failed "4 … 6 are expected" although the two missing pods were just being created.
    const c = canonical();
    const d = liveDeployment(clone(c.deployment1Hpa), { replicas: 6 });
    const pods = deploymentPods(d).map((p, i) => (i >= 4 ? containerCreating(p) : p));
    const probes = cluster({ deploy: d, pods, ready: pods.slice(0, 4) });
    probes['kube.hpa'] = kubeList([liveHpa(c.hpa1, { current: 4, desired: 6 })]);
    const r = check(gradeById(grader, makeSnapshot({ master: probes })), 'service-endpoints');
    assert.equal(r.status, 'pending', text(r));
    assert.match(r.message.en, /fileserver: 4, downloader: 4; 6 are expected/);
  });

  test('v1.33: EndpointSlices with ready: null and no readable Endpoints; Endpoints with a deprecation warning', () => {
    // Before: `ready: null` failed the EndpointSlice schema, so without Endpoints the check was an error.
    const probes = cluster();
    const list = probes['kube.endpointslices'] as Obj;
    for (const slice of list['items'])
      for (const ep of slice['endpoints'] ?? []) ep['conditions'] = { ready: null, serving: null, terminating: null };
    probes['kube.endpoints'] = { stdout: '', stderr: 'error: the server doesn\'t have a resource type "endpoints"\n', exitCode: 1 };
    const r = check(gradeById(grader, makeSnapshot({ master: probes })), 'service-endpoints');
    assert.equal(r.status, 'passed', text(r));
    assert.match(r.message.en, /from endpointslices/);
    const warned = cluster();
    warned['kube.endpoints'] = withWarning(warned['kube.endpoints'] as object);
    assert.equal(check(gradeById(grader, makeSnapshot({ master: warned })), 'service-endpoints').status, 'passed');
  });

  test('look-alikes around the right objects (pod10, deployment1-old, service1-headless) change nothing', () => {
    const manifests = canonical();
    const d = liveDeployment(clone(manifests.deployment1));
    const pod10 = livePod(clone(manifests.pod1), { name: 'pod10', ip: '10.244.2.51' });
    const probes = cluster({ deploy: d, pods: [...deploymentPods(d), pod10], ready: deploymentPods(d) });
    const old = liveDeployment(clone(manifests.deployment1));
    Object.assign(old['metadata'], { name: 'deployment1-old' });
    (probes['kube.deployments'] as Obj)['items'].unshift(old);
    const headless = liveService(clone(manifests.service1));
    Object.assign(headless['metadata'], { name: 'service1-headless' });
    headless['spec']['clusterIP'] = 'None';
    (probes['kube.services'] as Obj)['items'].push(headless);
    const r = gradeById(grader, makeSnapshot({ master: probes }));
    for (const id of ALL) assert.equal(check(r, id).status, 'passed', `${id}: ${text(check(r, id))}`);
  });
});
