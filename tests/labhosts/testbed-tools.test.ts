/**
 * The nodes' recorded kubectl and crictl and the kubelet's files, through real SSH as the
 * collector and the web terminal meet them. Needs the testbed (see testbed.test.ts's header).
 * The answers themselves are checked without SSH in cluster/kubectl-answers.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { SERVICE_QUERY } from '../../src/collect/service-http-probe.ts';
import { SHARE_TEST_QUERIES as Q } from '../../src/collect/share-test-probe.ts';
import { sshExec, type SshTarget } from './lib/ssh-exec.ts';
import { getTestbed } from './testbed.ts';

const tb = getTestbed();
const skip = tb ? false : 'the namespace testbed is not up (see the global-setup notice)';
/** The collector's environment (docs/probes.md, "How the probes run"). */
const PROBE_ENV = 'env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C';

function target(node: 'master' | 'worker'): SshTarget {
  const h = tb?.hosts.find((x) => x.name === node);
  if (!tb || !h) throw new Error(`no testbed host ${node}`);
  return { host: h.host, user: tb.user, hostKeyFingerprint: h.hostKeyFingerprint, privateKeyPath: tb.privateKeyPath };
}
const run = (node: 'master' | 'worker', cmd: string, stdin?: string) => sshExec(target(node), cmd, 20_000, stdin);

describe('testbed: recorded kubectl', { skip }, () => {
  test('kubectl get nodes/pods -o json answer the recorded cluster', async () => {
    const r = await run('master', '/usr/local/bin/kubectl get nodes -o json --request-timeout=10s');
    assert.equal(r.code, 0, r.stderr);
    const nodes = JSON.parse(r.stdout) as { kind: string; items: { metadata: { name: string } }[] };
    assert.equal(nodes.kind, 'List');
    assert.deepEqual(
      nodes.items.map((n) => n.metadata.name),
      ['ubuntu', 'worker1'],
    );
    const pods = JSON.parse((await run('master', '/usr/local/bin/kubectl get pods -A -o json')).stdout) as {
      items: { metadata: { name: string } }[];
    };
    assert.ok(pods.items.some((p) => p.metadata.name === 'pod1'));
  });
  test('kubectl single objects, jsonpath and errors behave like kubectl', async () => {
    const cm = await run('master', 'kubectl get configmap -n kube-flannel kube-flannel-cfg -o json');
    assert.match(JSON.parse(cm.stdout).data['net-conf.json'], /"Network": "10\.244\.0\.0\/16"/);
    const ip = await run('master', "kubectl get svc service1 -o jsonpath='{.spec.clusterIP}'");
    assert.equal(ip.stdout, '10.108.64.11');
    const missing = await run('master', 'kubectl get pod nosuchpod -o json');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error from server \(NotFound\): pods "nosuchpod" not found/);
    const bad = await run('master', 'kubectl get widgets -o json');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: the server doesn't have a resource type "widgets"/);
  });
  test('the active checks’ queries of docs/probes.md, verbatim, with the probes’ clean environment', async () => {
    const k = `${PROBE_ENV} kubectl --request-timeout=28s`;
    const cmds = [
      `${k} get services -A -o '${SERVICE_QUERY}'`,
      `${k} get deployments -A -o '${Q.deployments}'`,
      `${k} get deployment deployment1 -n default -o '${Q.matchLabels}'`,
      `${k} get pods -n default -l app=app2 --field-selector=status.phase=Running -o '${Q.runningPods}'`,
      `${k} get pod deployment1-6c7f9b8d54-4qz9n -n default -o '${Q.podVolumes}'`,
      `${k} get persistentvolumes -o json`,
      `${k} get pvc -A -o json`,
      `${k} get horizontalpodautoscalers.v2.autoscaling -A -o json`,
    ];
    const r = await run('master', cmds.map((c) => `${c}; echo "@rc=$?"`).join('; '));
    const parts = r.stdout.split(/@rc=(\d+)\n/);
    for (let i = 0; i < cmds.length; i++) assert.equal(parts[2 * i + 1], '0', `${cmds[i]}: ${r.stderr}`);
    assert.match(parts[0] ?? '', /^default service1 10\.108\.64\.11$/m);
    assert.match(parts[2] ?? '', /^default deployment1$/m);
    assert.equal(parts[4], 'app=app2\n');
    assert.equal(parts[6]?.split('\n').filter((l) => / worker1 $/.test(l)).length, 3);
    assert.match(parts[8] ?? '', /^C\tdownloader\nM\tshare-volume\trw\t\/data$/m);
    for (const j of [10, 12]) assert.deepEqual((JSON.parse(parts[j] ?? '') as { items: unknown[] }).items, []);
    assert.match(parts[14] ?? '', /"apiVersion": "autoscaling\/v2"/);
  });
  test('kubectl apply -f - from stdin: kubectl’s lines, recorded for lastApplied(node)', async () => {
    if (!tb) return;
    tb.clearApplied('master');
    const yaml =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod1\nspec:\n  containers:\n  - name: fileserver\n    image: 7143192/fileserver:latest\n';
    const dry = await run('master', 'kubectl apply --dry-run=server -f -', yaml);
    assert.deepEqual([dry.code, dry.stdout, dry.stderr], [0, 'pod/pod1 configured (server dry run)\n', '']);
    assert.deepEqual(tb.lastApplied('master'), { seq: 1, yaml, dryRun: 'server', exitCode: 0 });
    const real = await run('master', 'kubectl apply -f -', `${yaml}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n`);
    assert.equal(real.stdout, 'pod/pod1 configured\nconfigmap/notes created\n');
    assert.equal(tb.lastApplied('master')?.dryRun, 'none');
    assert.equal(tb.lastApplied('master')?.seq, 2);
    assert.equal(tb.lastApplied('worker'), undefined, 'per node');
    const bad = await run('master', 'kubectl apply -f -', 'kind: Pod\n');
    assert.equal(bad.code, 1);
    assert.deepEqual([tb.lastApplied('master')?.yaml, tb.lastApplied('master')?.exitCode], ['kind: Pod\n', 1]);
    tb.clearApplied('master');
    assert.equal(tb.lastApplied('master'), undefined);
  });
});

describe('testbed: crictl and the kubelet’s runtime endpoint', { skip }, () => {
  test('kubeadm-flags.env and config.yaml in the node’s /var/lib/kubelet, root only, not on the machine', async () => {
    const r = await run(
      'worker',
      'sudo -n cat /var/lib/kubelet/kubeadm-flags.env; sudo -n grep containerRuntimeEndpoint /var/lib/kubelet/config.yaml; ls /var/lib/kubelet',
    );
    assert.equal(
      r.stdout,
      'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock --hostname-override=worker1 --pod-infra-container-image=registry.cn-hangzhou.aliyuncs.com/google_containers/pause:3.9"\ncontainerRuntimeEndpoint: ""\n',
    );
    assert.match(r.stderr, /Permission denied/);
    const ps = await run('worker', 'ps aux');
    assert.match(
      ps.stdout,
      /\/usr\/bin\/kubelet .*--config=\/var\/lib\/kubelet\/config\.yaml --container-runtime-endpoint=unix:\/\/\/var\/run\/cri-dockerd\.sock --hostname-override=worker1 --pod-infra-container-image=\S+pause:3\.9$/m,
    );
    if (!existsSync('/var/lib/kubelet')) {
      await run('worker', 'sudo -n touch /var/lib/kubelet/k8s-labs-probe');
      assert.equal(existsSync('/var/lib/kubelet'), false, 'writes stay in the node');
    }
  });
  test('crictl needs root; without an endpoint it asks containerd (empty), with cri-dockerd’s it lists the node', async () => {
    const denied = await run('worker', '/usr/local/bin/crictl ps -o json');
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /permission denied/);
    const dflt = await run('worker', `${PROBE_ENV} sudo -n crictl ps -o json`);
    assert.equal(dflt.code, 0, dflt.stderr);
    assert.deepEqual(JSON.parse(dflt.stdout), { containers: [] });
    assert.match(
      dflt.stderr,
      /level=warning msg="runtime connect using default endpoints: \[unix:\/\/\/run\/containerd\/containerd\.sock /,
    );
    const sock = await run('worker', `${PROBE_ENV} sudo -n crictl --runtime-endpoint unix:///var/run/cri-dockerd.sock ps -o json`);
    const names = (JSON.parse(sock.stdout) as { containers: { metadata: { name: string } }[] }).containers.map((c) => c.metadata.name);
    assert.ok(names.includes('fileserver') && names.includes('kube-proxy'));
    assert.ok(!names.includes('kube-apiserver'));
    const gone = await run('worker', 'sudo -n crictl -r unix:///run/nope.sock pods -o json');
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /dial unix \/run\/nope\.sock: connect: no such file or directory/);
  });
});
