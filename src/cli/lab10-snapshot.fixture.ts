// Test support: a Snapshot v1 of the answer sheet's master for lab-10, built from real material —
// the answer sheet's own iptables-save dump (Q10), its service1 manifest (Q9) and Deployment (Q7),
// and the real kubeadm v1.28 `kubernetes` and `kube-dns` Services — so the CLI is exercised on
// evidence a learner's cluster really produced. The endpoints are the pod IPs the dump DNATs to.
import { canonical } from '../../graders/common/testing/canonical.ts';
import { liveEndpointSlice, liveEndpoints, liveService } from '../../graders/common/testing/live-network.ts';
import { livePod } from '../../graders/common/testing/live-workloads.ts';
import { answerSheetIptablesDump, realFixture } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot } from '../../tests/snapshot-builder.ts';
import type { Snapshot } from '../shared/snapshot.ts';

// Kubernetes objects as plain JSON, shaped by the graders' test helpers (which type them the same way).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
bindAddress: 0.0.0.0
clusterCIDR: 10.244.0.0/16
mode: ""
`;

function realItems(rel: string): Obj[] {
  return (JSON.parse(realFixture(rel)) as { items: Obj[] }).items;
}

/** A pod at a fixed IP with the given labels, as the endpoints controllers would see it. */
function pod(name: string, namespace: string, ip: string, node: string, template: Obj): Obj {
  return livePod(
    { metadata: template['metadata'], spec: structuredClone(template['spec']) },
    { name, namespace, ip, node, hostIP: node === 'master' ? '192.168.157.133' : '192.168.157.132' },
  );
}

/**
 * `correct`: what the answer sheet's cluster showed (every lab-10 check should pass).
 * `wrong-probability`: the dump edited so service1's first fileserver endpoint gets probability
 * 0.5 instead of 1/3 — the load is no longer shared equally, a cluster lab-10 must fail.
 */
export function lab10Snapshot(variant: 'correct' | 'wrong-probability' = 'correct'): Snapshot {
  const { service1: manifest, deployment1 } = canonical();
  const service1 = liveService(manifest, { clusterIP: '10.108.64.11' });
  const template = deployment1['spec']['template'];
  const pods = ['10.244.1.4', '10.244.1.5', '10.244.1.6'].map((ip, i) =>
    pod(`deployment1-6d4cf56db6-${['7xk2p', 'b9qzt', 'm4w8r'][i]}`, 'default', ip, 'worker', template),
  );

  const [kubernetes] = realItems('services/ifrog-kubeadm-v1.28-default-servicelist-kubernetes.json');
  const [kubeDns] = realItems('services/ifrog-kubeadm-v1.28-kube-system-servicelist-kube-dns.json');
  if (!kubernetes || !kubeDns) throw new Error('real Service fixtures missing');
  const dnsTemplate = {
    metadata: { labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.10.1',
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53 },
            { name: 'metrics', containerPort: 9153 },
          ],
        },
      ],
    },
  };
  const dnsPods = ['10.244.0.4', '10.244.0.5'].map((ip, i) =>
    pod(`coredns-5d78c9869d-${['4xq7z', 'w2k9n'][i]}`, 'kube-system', ip, 'master', dnsTemplate),
  );
  const apiEndpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: '192.168.157.133' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  };

  let dump = answerSheetIptablesDump();
  if (variant === 'wrong-probability') {
    const line =
      '-A KUBE-SVC-YJOPSEYCAQBFRA2J -m comment --comment "default/service1:fileserver -> 10.244.1.4:8080" -m statistic --mode random --probability 0.33333333349';
    if (!dump.includes(line)) throw new Error('the answer sheet dump changed');
    dump = dump.replace(line, line.replace('0.33333333349', '0.50000000000'));
  }

  return makeSnapshot(
    {
      master: {
        'kube.services': kubeList([kubernetes, kubeDns, service1]),
        'kube.endpoints': kubeList([apiEndpoints, liveEndpoints(kubeDns, dnsPods), liveEndpoints(service1, pods)]),
        'kube.endpointslices': kubeList([liveEndpointSlice(kubeDns, dnsPods), liveEndpointSlice(service1, pods)]),
        'kube.configmaps.kube-system': kubeList([
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'kube-proxy', namespace: 'kube-system' },
            data: { 'config.conf': KUBE_PROXY_CONFIG },
          },
        ]),
        'iptables.save': dump,
        'host.hostname': 'ubuntu\n',
      },
      worker: { 'host.hostname': 'ubuntu\n' },
    },
    { takenAt: '2024-05-09T00:31:58Z' },
  );
}
