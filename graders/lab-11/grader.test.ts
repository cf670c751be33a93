import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLabs } from '../../src/labs/catalog.ts';
import { runGrader } from '../../src/grading/grader.ts';
import { answerSheetIptablesDump, realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot } from '../../tests/snapshot-builder.ts';
import { dnsAddrs, masterProbes, service1Addrs, type Addr } from '../lab-10/testdata/cluster.ts';
import { IPVS_NAT, kubeProxyNat, NO_KUBE_PROXY, service1Ports } from '../lab-10/testdata/kube-proxy-dump.ts';
import { kubeProxyNatOf } from '../lab-10/testdata/kube-proxy-eras.ts';
import { grader, isKubeProxyPod } from './grader.ts';
import { PodList } from '../../src/parse/kube.ts';
import { en, grade, kubeDnsPorts, kubeProxyPod, proxyPods, S1, statuses, workerDump } from './testdata/cluster.ts';

test('the answer sheet’s cluster: kube-proxy on both nodes, iptables mode, rules equal the endpoints', { skip: sharedSkip }, () => {
  const r = grade(answerSheetIptablesDump(), workerDump(S1));
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed']);
  assert.match(en(r['kube-proxy-pods']), /ubuntu: kube-proxy-2xv8q, worker1: kube-proxy-h7mzk/);
  assert.match(en(r['iptables-mode']), /rules: master 7, worker 6; ConfigMap kube-proxy: mode: "", which means iptables on Linux\)/);
  assert.match(en(r['rules-follow-endpoints']), /default\/service1, kube-system\/kube-dns/);
  const data = r['rules-follow-endpoints']?.data as { node: string; service: string; port: number; rules: string[]; endpoints: string[] }[];
  assert.deepEqual(data.find((d) => d.node === 'worker' && d.port === 3000)?.rules, [
    '10.244.1.4:3000',
    '10.244.1.5:3000',
    '10.244.1.6:3000',
  ]);
  assert.equal(data.length, 10);
  assert.equal(r['rules-follow-endpoints']?.evidence.length, 2);
});

test('a stale KUBE-SEP on the worker (rules did not follow a replaced Pod) fails, naming node and address', { skip: sharedSkip }, () => {
  const addrs: Addr[] = [...service1Addrs().slice(0, 2), { ip: '10.244.1.7', pod: 'deployment1-6c7f9b8d54-new01' }];
  const r = grade(kubeProxyNat(service1Ports(addrs.map((a) => a.ip))), workerDump(S1), { s1Addrs: addrs });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'failed']);
  const msg = en(r['rules-follow-endpoints']);
  assert.match(msg, /worker: default\/service1:fileserver has stale KUBE-SEP chains DNATing to 10\.244\.1\.6:8080/);
  assert.match(msg, /worker: endpoints 10\.244\.1\.7:8080 of default\/service1:fileserver have no KUBE-SEP/);
  assert.doesNotMatch(msg, /master: default\/service1/);
});

test('a missing KUBE-SEP for a new kube-dns Pod is reported', { skip: sharedSkip }, () => {
  const r = grade(answerSheetIptablesDump(), workerDump(S1, ['10.244.0.4']));
  assert.equal(r['rules-follow-endpoints']?.status, 'failed');
  assert.match(en(r['rules-follow-endpoints']), /worker: endpoints 10\.244\.0\.5:53 of kube-system\/kube-dns:dns have no KUBE-SEP/);
});

test('a worker without KUBE-SERVICES fails the mode check and the rules check', { skip: sharedSkip }, () => {
  const r = grade(answerSheetIptablesDump(), NO_KUBE_PROXY);
  assert.deepEqual(statuses(r), ['passed', 'failed', 'failed']);
  assert.match(en(r['iptables-mode']), /The nat table of the worker has no KUBE-SERVICES chain/);
  const missing = runGrader(
    grader,
    makeSnapshot({ master: { ...masterProbes(), 'kube.pods': kubeList(proxyPods()), 'iptables.save': answerSheetIptablesDump() } }),
  );
  assert.deepEqual(
    missing.map((c) => c.status),
    ['passed', 'error', 'error'],
  );
});

test('ipvs or an unknown mode in the ConfigMap fails', () => {
  const ipvs = grade(IPVS_NAT, IPVS_NAT, { mode: 'ipvs' });
  assert.deepEqual(statuses(ipvs), ['passed', 'failed', 'failed']);
  assert.match(en(ipvs['iptables-mode']), /kube-proxy on the master runs in ipvs mode/);
  const userspace = grade(workerDump(S1), workerDump(S1), { mode: 'userspace' });
  assert.equal(userspace['iptables-mode']?.status, 'failed');
  assert.match(en(userspace['iptables-mode']), /sets mode "userspace"/);
});

test('without the kube-proxy ConfigMap the mode is judged by the rules', () => {
  const r = grade(workerDump(S1), workerDump(S1), {}, (p) => (p['kube.configmaps.kube-system'] = kubeList([])));
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed']);
  assert.match(en(r['iptables-mode']), /no kube-proxy configuration in ConfigMap kube-proxy; judged by the rules alone/);
});

test('kube-proxy Pods: missing on a node, crash-looping, still starting', () => {
  const dumps = [workerDump(S1), workerDump(S1)] as const;
  const missing = grade(...dumps, {}, (p) => (p['kube.pods'] = kubeList([kubeProxyPod('kube-proxy-2xv8q', 'ubuntu')])));
  assert.equal(missing['kube-proxy-pods']?.status, 'failed');
  assert.match(en(missing['kube-proxy-pods']), /node worker1 has no kube-proxy Pod/);
  const crash = grade(
    ...dumps,
    {},
    (p) =>
      (p['kube.pods'] = kubeList([
        proxyPods()[0] as object,
        kubeProxyPod('kube-proxy-h7mzk', 'worker1', 'Running', { waiting: { reason: 'CrashLoopBackOff' } }, false),
      ])),
  );
  assert.equal(crash['kube-proxy-pods']?.status, 'failed');
  assert.match(
    en(crash['kube-proxy-pods']),
    /kube-proxy on node worker1 is not running properly \(kube-proxy-h7mzk Running\/CrashLoopBackOff\)/,
  );
  const starting = grade(
    ...dumps,
    {},
    (p) =>
      (p['kube.pods'] = kubeList([
        proxyPods()[0] as object,
        kubeProxyPod('kube-proxy-h7mzk', 'worker1', 'Pending', { waiting: { reason: 'ContainerCreating' } }, false),
      ])),
  );
  assert.equal(starting['kube-proxy-pods']?.status, 'pending');
});

test('real kube-system Pod lists: kube-proxy Pods are recognised on every node', { skip: sharedSkip }, () => {
  const kind = PodList.parse(JSON.parse(realFixture('pods/sonobuoy-kind-kubeadm-v1.20-kube-system-podlist-static-pods.json'))).items;
  assert.deepEqual(
    kind
      .filter(isKubeProxyPod)
      .map((p) => p.spec.nodeName)
      .sort(),
    ['kind-control-plane', 'kind-worker', 'kind-worker2'],
  );
  assert.equal(kind.filter((p) => p.metadata.name.startsWith('kube-apiserver')).some(isKubeProxyPod), false);
  const r = grade(workerDump(S1), workerDump(S1), {}, (p) => {
    p['kube.pods'] = JSON.parse(realFixture('pods/sonobuoy-kind-kubeadm-v1.20-kube-system-podlist-static-pods.json'));
    p['kube.nodes'] = JSON.parse(realFixture('nodes/sonobuoy-kind-kubeadm-v1.20-nodelist-one-notready.json'));
  });
  assert.equal(r['kube-proxy-pods']?.status, 'passed');
  assert.match(en(r['kube-proxy-pods']), /kind-control-plane: kube-proxy-lrtdp/);
});

test('lab.yaml points equal the sum of the checks’ points', () => {
  const meta = loadLabs().find((l) => l.id === 'lab-11');
  assert.equal(
    meta?.points,
    grader.checks.reduce((sum, c) => sum + c.points, 0),
  );
});

test('eras and scale: worker on v1.19-era rules, master on the newest, HPA at 6 replicas, a kube-proxy Pod Terminating in a rollout', () => {
  const six = [...S1, '10.244.0.7', '10.244.0.8', '10.244.0.9'];
  const addrs: Addr[] = six.map((ip, i) => ({ ip, pod: `deployment1-6c7f9b8d54-n${i}` }));
  const dns = dnsAddrs().map((a) => a.ip);
  const dnsPorts = kubeDnsPorts(dns);
  const ports = [...service1Ports(six), ...dnsPorts];
  const r = grade(kubeProxyNatOf('newest', ports), kubeProxyNatOf('v1.19', ports), { s1Addrs: addrs }, (p) => {
    const old = { ...(kubeProxyPod('kube-proxy-old9z', 'worker1', 'Running', {}, false) as Record<string, Record<string, unknown>>) };
    old['metadata'] = { ...old['metadata'], deletionTimestamp: '2026-11-27T11:59:40Z' };
    p['kube.pods'] = kubeList([...proxyPods(), old]);
  });
  assert.deepEqual(statuses(r), ['passed', 'passed', 'passed'], en(r['rules-follow-endpoints']));
});
