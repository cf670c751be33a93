import { readFileSync } from 'node:fs';
import { kubeList, type ProbeInput } from '../../../tests/snapshot-builder.ts';
import { nodes } from '../../lab-10/testdata/cluster.ts';

/** Snapshot probes for lab-06 tests: the recorded real `ip -j` output plus pod1 and the nodes. */

export type Role = 'master' | 'worker';
export type Probes = Record<string, ProbeInput | object>;
export type JsonObj = Record<string, unknown>;

/** Real `ip -j` output of the answer sheet's layout, recorded by testdata/record-topology.sh. */
const recorded = JSON.parse(readFileSync(new URL('./answer-sheet-topology.json', import.meta.url), 'utf8')) as Record<
  Role,
  Record<string, string>
>;

/** pod1 from lab-04's manifest, as `kubectl get pods -A -o json` prints it. */
export function pod1(nodeName = 'worker1', podIP = '10.244.1.3', phase = 'Running'): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod1', namespace: 'default', labels: { app: 'pod1' }, uid: 'uid-pod1' },
    spec: {
      nodeName,
      containers: [
        {
          name: 'fileserver',
          image: '7143192/fileserver:latest',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          volumeMounts: [{ name: 'share-volume', mountPath: '/usr/share/files' }],
        },
        {
          name: 'downloader',
          image: '7143192/downloader:latest',
          ports: [{ containerPort: 3000, protocol: 'TCP' }],
          volumeMounts: [{ name: 'share-volume', mountPath: '/data' }],
        },
      ],
      volumes: [{ name: 'share-volume', emptyDir: {} }],
    },
    status:
      phase === 'Running'
        ? { phase, podIP, podIPs: [{ ip: podIP }], hostIP: '192.168.157.132', conditions: [{ type: 'Ready', status: 'True' }] }
        : { phase },
  };
}

/** Probes of both hosts; `edit` changes parsed `ip -j` JSON or whole probes before grading. */
export function probes(
  edit: (p: Record<Role, Probes>, json: (role: Role, probe: string, f: (items: JsonObj[]) => void) => void) => void = () => {},
): Record<Role, Probes> {
  const p: Record<Role, Probes> = {
    master: {
      'kube.nodes': nodes(),
      'kube.pods': kubeList([pod1()]),
      ...recorded.master,
      'pod.default.pod1.addr': { exitCode: 3, stderr: 'pod1 has no sandbox on this node' },
    },
    worker: { ...recorded.worker },
  };
  const json = (role: Role, probe: string, f: (items: JsonObj[]) => void) => {
    const items = JSON.parse(p[role][probe] as string) as JsonObj[];
    f(items);
    p[role][probe] = JSON.stringify(items);
  };
  edit(p, json);
  return p;
}
