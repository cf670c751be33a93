import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runGrader } from '../../src/grading/grader.ts';
import type { CheckResult } from '../../src/shared/report.ts';
import { sharedSkip } from '../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot, type ProbeInput } from '../../tests/snapshot-builder.ts';
import { canonical } from '../common/testing/canonical.ts';
import { livePod } from '../common/testing/live-workloads.ts';
import { answerSheetNodes, flannelPods, MASTER, netAddr, systemPods, WORKER } from '../lab-01/test-cluster.ts';
import { criPods, criPs, MASTER_CONTAINERS, sandboxesOf, WORKER_CONTAINERS, type CriSpec, type SandboxSpec } from '../lab-03/test-cri.ts';
import { rekeyHosts } from '../common/testing/variants.ts';
import { grader } from './grader.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped Kubernetes objects built by test support
type Obj = Record<string, any>;
type Probes = Record<'master' | 'worker', Record<string, ProbeInput | object | undefined>>;

/** pod1 as the answer sheet declares it (Q4), read back from a cluster where it runs on `node`. */
function pod1(node: string = WORKER.node, namespace = 'default'): Obj {
  const hostIP = node === MASTER.node ? MASTER.ip : WORKER.ip;
  return livePod(canonical().pod1, { node, namespace, ip: node === MASTER.node ? '10.244.0.7' : '10.244.1.4', hostIP });
}

const POD1_CONTAINERS = (namespace = 'default'): CriSpec[] => [
  { name: 'fileserver', pod: 'pod1', namespace, image: 'sha256:2b1f3c' },
  { name: 'downloader', pod: 'pod1', namespace, image: 'sha256:7d1e4c' },
];
// deployment1's pods (Q7) run the same two containers: they must never be taken for pod1's.
const DEPLOYMENT_CONTAINERS: CriSpec[] = [
  { name: 'fileserver', pod: 'deployment1-7c9f8d6b5-x2kq9', namespace: 'default' },
  { name: 'downloader', pod: 'deployment1-7c9f8d6b5-x2kq9', namespace: 'default' },
];

function probes(
  opts: { pod?: Obj | undefined; masterExtra?: CriSpec[]; workerExtra?: CriSpec[]; workerSandboxes?: SandboxSpec[] } = {},
): Probes {
  const pod = 'pod' in opts ? opts.pod : pod1();
  const workerCs = [...WORKER_CONTAINERS, ...DEPLOYMENT_CONTAINERS, ...(opts.workerExtra ?? POD1_CONTAINERS())];
  const masterCs = [...MASTER_CONTAINERS, ...(opts.masterExtra ?? [])];
  return {
    master: {
      'kube.nodes': kubeList(answerSheetNodes()),
      'kube.pods': kubeList([...flannelPods(), ...systemPods(), ...(pod ? [pod] : [])]),
      'net.addr': netAddr(MASTER),
      'cri.ps': criPs(masterCs),
      'cri.pods': criPods(sandboxesOf(masterCs)),
    },
    worker: {
      'net.addr': netAddr(WORKER),
      'cri.ps': criPs(workerCs),
      'cri.pods': criPods(opts.workerSandboxes ?? sandboxesOf(workerCs)),
    },
  };
}

function grade(p: Probes): Map<string, CheckResult> {
  const clean = (h: Probes['master']) =>
    Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, ProbeInput | object>;
  return new Map(runGrader(grader, makeSnapshot({ master: clean(p.master), worker: clean(p.worker) })).map((r) => [r.id, r]));
}
const get = (m: Map<string, CheckResult>, id: string) => m.get(id) as CheckResult;

test('answer sheet: pod1 on worker1 (the VM named ubuntu at .132), its two containers and its Ready sandbox', { skip: sharedSkip }, () => {
  const r = grade(probes());
  for (const c of r.values()) assert.equal(c.status, 'passed', `${c.id}: ${c.message.en}`);
  assert.match(get(r, 'pod1-node').message.en, /runs on node worker1, the worker VM/);
  assert.match(get(r, 'pod1-containers').message.en, /fileserver running .*downloader running/);
  assert.match(get(r, 'pod1-sandbox').message.en, /Ready, and fileserver, downloader run in it/);
  assert.match(get(r, 'pod1-sandbox').message.zh, /pause 容器/);
});

test('pod1 on the master (taint removed) is graded on the master and accepted with a note', { skip: sharedSkip }, () => {
  const r = grade(probes({ pod: pod1(MASTER.node), masterExtra: POD1_CONTAINERS(), workerExtra: [] }));
  for (const c of r.values()) assert.equal(c.status, 'passed', `${c.id}: ${c.message.en}`);
  assert.match(get(r, 'pod1-node').message.en, /the master VM.*accepted/);
});

test('pod1 in another namespace is found there (noted) and matched by namespace in crictl', { skip: sharedSkip }, () => {
  const r = grade(probes({ pod: pod1(WORKER.node, 'lab'), workerExtra: POD1_CONTAINERS('lab') }));
  for (const c of r.values()) assert.equal(c.status, 'passed', `${c.id}: ${c.message.en}`);
  assert.match(get(r, 'pod1-node').message.en, /namespace lab \(the question uses default; accepted\)/);
});

test('pod1 missing: every check fails (not errors) and points to Q4', { skip: sharedSkip }, () => {
  const r = grade(probes({ pod: undefined, workerExtra: [] }));
  for (const c of r.values()) {
    assert.equal(c.status, 'failed', c.id);
    assert.match(c.message.en, /no Pod named pod1/);
  }
});

test('pod1 not scheduled: failed when old, pending when just created', { skip: sharedSkip }, () => {
  const unscheduled = (created: string) => {
    const p = pod1();
    delete p['spec']['nodeName'];
    p['metadata']['creationTimestamp'] = created;
    p['status'] = {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/2 nodes are available' }],
    };
    return p;
  };
  assert.equal(get(grade(probes({ pod: unscheduled('2026-11-27T10:00:00Z'), workerExtra: [] })), 'pod1-containers').status, 'failed');
  const young = grade(probes({ pod: unscheduled('2026-11-27T11:59:30Z'), workerExtra: [] }));
  assert.equal(get(young, 'pod1-node').status, 'pending');
});

test('pod1 not on the node: the worker runs only deployment1’s fileserver/downloader', { skip: sharedSkip }, () => {
  const r = grade(probes({ workerExtra: [] }));
  assert.equal(get(r, 'pod1-node').status, 'passed');
  assert.equal(get(r, 'pod1-containers').status, 'failed');
  assert.match(get(r, 'pod1-containers').message.en, /no running fileserver, downloader of pod1 \(pod1's containers there: —\)/);
  assert.match(get(r, 'pod1-containers').hint?.en ?? '', /crictl ps -a --name 'fileserver'/);
});

test('downloader exited: named in the failure', { skip: sharedSkip }, () => {
  const r = grade(
    probes({ workerExtra: [POD1_CONTAINERS()[0] as CriSpec, { ...(POD1_CONTAINERS()[1] as CriSpec), state: 'CONTAINER_EXITED' }] }),
  );
  assert.equal(get(r, 'pod1-containers').status, 'failed');
  assert.match(get(r, 'pod1-containers').message.en, /no running downloader of pod1 .*downloader exited/);
});

test('sandbox missing or NotReady fails; the containers alone are not enough', { skip: sharedSkip }, () => {
  const others = sandboxesOf([...WORKER_CONTAINERS, ...DEPLOYMENT_CONTAINERS]);
  const missing = grade(probes({ workerSandboxes: others }));
  assert.equal(get(missing, 'pod1-containers').status, 'passed');
  assert.equal(get(missing, 'pod1-sandbox').status, 'failed');
  assert.match(get(missing, 'pod1-sandbox').message.en, /no Ready sandbox for pod1 \(seen: —\)/);
  const notReady = grade(probes({ workerSandboxes: [...others, { pod: 'pod1', namespace: 'default', state: 'SANDBOX_NOTREADY' }] }));
  assert.equal(get(notReady, 'pod1-sandbox').status, 'failed');
  assert.match(get(notReady, 'pod1-sandbox').message.en, /SANDBOX_NOTREADY/);
});

test('probes missing or failed → error, not failed', { skip: sharedSkip }, () => {
  const noAddr = probes();
  delete noAddr.worker['net.addr'];
  for (const c of grade(noAddr).values()) assert.equal(c.status, 'error', c.id);

  const noPods = probes();
  delete noPods.worker['cri.pods'];
  const r = grade(noPods);
  assert.equal(get(r, 'pod1-sandbox').status, 'error');
  assert.equal(get(r, 'pod1-containers').status, 'passed');

  const crictlBroken = probes();
  crictlBroken.worker['cri.ps'] = { stdout: '', stderr: 'crictl: command not found', exitCode: 127 };
  assert.equal(get(grade(crictlBroken), 'pod1-containers').status, 'error');

  const noKube = probes();
  delete noKube.master['kube.pods'];
  for (const c of grade(noKube).values()) assert.equal(c.status, 'error', c.id);

  // pod1's node is neither configured host (the config names other VMs).
  const elsewhere = probes();
  elsewhere.worker['net.addr'] = netAddr({ ...WORKER, ip: '192.168.157.200' } as unknown as typeof WORKER);
  const e = grade(elsewhere);
  assert.equal(get(e, 'pod1-containers').status, 'error');
  assert.match(get(e, 'pod1-containers').message.en, /worker1 has InternalIP 192\.168\.157\.132, which is on no configured host/);
});

test('pod1 in another namespace: hints name the namespace (kubectl describe pod pod1 -n lab)', { skip: sharedSkip }, () => {
  // Before: the hints said `kubectl describe pod pod1`, which looks in default and finds nothing.
  const r = grade(probes({ pod: pod1(WORKER.node, 'lab'), workerExtra: [], workerSandboxes: [] }));
  assert.equal(get(r, 'pod1-containers').status, 'failed');
  assert.match(get(r, 'pod1-containers').hint?.en ?? '', /kubectl describe pod pod1 -n lab/);
  assert.match(get(r, 'pod1-containers').hint?.zh ?? '', /kubectl describe pod pod1 -n lab/);
  assert.equal(get(r, 'pod1-sandbox').status, 'failed');
  assert.match(get(r, 'pod1-sandbox').hint?.en ?? '', /kubectl describe pod pod1 -n lab/);
});

test('hosts keyed cp/node-b (not master/worker), the worker VM named unlike its node: passes', { skip: sharedSkip }, () => {
  const p = probes();
  const snap = makeSnapshot({
    master: Object.fromEntries(Object.entries(p.master).filter(([, v]) => v !== undefined)) as Record<string, ProbeInput | object>,
    worker: { ...(p.worker as Record<string, ProbeInput | object>), 'host.hostname': 'lab-vm-7\n' },
  });
  const rekeyed = rekeyHosts(snap, { master: 'cp', worker: 'node-b' });
  for (const c of runGrader(grader, rekeyed)) assert.equal(c.status, 'passed', `${c.id}: ${c.message.en}`);
});
