import assert from 'node:assert/strict';
import { runGrader } from '../../../src/grading/grader.ts';
import type { CheckResult } from '../../../src/shared/report.ts';
import { kubeList, makeSnapshot, type ProbeInput } from '../../../tests/snapshot-builder.ts';
import { dnsAddrs, masterProbes, service1Addrs } from '../../lab-10/testdata/cluster.ts';
import { kubeProxyNat, service1Ports, type GenPort } from '../../lab-10/testdata/kube-proxy-dump.ts';
import { grader } from '../grader.ts';

/** lab-11 test support: kube-proxy Pods, the worker's rules, and grading master + worker dumps. */

export type Probes = Record<string, ProbeInput | object>;
export const IDS = ['kube-proxy-pods', 'iptables-mode', 'rules-follow-endpoints'];

/** A kube-proxy Pod of kubeadm's DaemonSet, as `kubectl get pods -A -o json` prints it. */
export function kubeProxyPod(
  name: string,
  nodeName: string,
  phase = 'Running',
  state: object = { running: { startedAt: '2024-05-08T13:05:00Z' } },
  ready = true,
): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      labels: { 'controller-revision-hash': '7d9b5c8d6f', 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'uid-ds', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      nodeName,
      hostNetwork: true,
      containers: [
        {
          name: 'kube-proxy',
          image: 'registry.aliyuncs.com/google_containers/kube-proxy:v1.29.4',
          command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
        },
      ],
    },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'kube-proxy',
          ready,
          restartCount: ready ? 0 : 7,
          image: 'registry.aliyuncs.com/google_containers/kube-proxy:v1.29.4',
          state,
        },
      ],
    },
  };
}

export const proxyPods = () => [kubeProxyPod('kube-proxy-2xv8q', 'ubuntu'), kubeProxyPod('kube-proxy-h7mzk', 'worker1')];

export function grade(
  master: ProbeInput,
  worker: ProbeInput,
  over: Parameters<typeof masterProbes>[0] = {},
  edit: (p: Probes) => void = () => {},
  workerExtra: Probes = {},
): Record<string, CheckResult> {
  const probes: Probes = { ...masterProbes(over), 'kube.pods': kubeList(proxyPods()), 'iptables.save': master };
  edit(probes);
  const results = runGrader(grader, makeSnapshot({ master: probes, worker: { 'iptables.save': worker, ...workerExtra } }));
  assert.deepEqual(
    results.map((r) => r.id),
    IDS,
  );
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

export const statuses = (r: Record<string, CheckResult>) => IDS.map((id) => r[id]?.status);
export const en = (c: CheckResult | undefined) => c?.message.en ?? '';
/** kube-dns's three Service ports (dns/udp, dns-tcp, metrics) with the given endpoint IPs. */
export const kubeDnsPorts = (dns: string[]): GenPort[] => [
  {
    namespace: 'kube-system',
    service: 'kube-dns',
    portName: 'dns',
    clusterIP: '10.96.0.10',
    port: 53,
    protocol: 'udp',
    endpoints: dns.map((ip) => `${ip}:53`),
  },
  {
    namespace: 'kube-system',
    service: 'kube-dns',
    portName: 'dns-tcp',
    clusterIP: '10.96.0.10',
    port: 53,
    endpoints: dns.map((ip) => `${ip}:53`),
  },
  {
    namespace: 'kube-system',
    service: 'kube-dns',
    portName: 'metrics',
    clusterIP: '10.96.0.10',
    port: 9153,
    endpoints: dns.map((ip) => `${ip}:9153`),
  },
];

/** The worker's rules as kube-proxy ≥ 1.28 writes them for service1 and kube-dns. */
export const workerDump = (s1: string[], dns = dnsAddrs().map((a) => a.ip)) => kubeProxyNat([...service1Ports(s1), ...kubeDnsPorts(dns)]);
export const S1 = service1Addrs().map((a) => a.ip);
