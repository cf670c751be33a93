import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CRI_FILES } from './cri-probes.ts';
import { runBatch } from './host-run.ts';
import { resolveProbe, type ProbeSpec } from './probes.ts';
import { LocalShell } from './test-local-shell.ts';

/*
 * The CRI probes read /etc/crictl.yaml and the kubelet's files; here those paths are pointed at
 * files of a temporary folder (the only change to the real body), and a fake crictl prints its argv.
 */
const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-cri-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Files = { crictl?: string; flags?: string; kubelet?: string };

async function run(name: string, files: Files, tools: (sh: LocalShell) => void = () => {}) {
  const d = mkdtempSync(join(dir, 'case-'));
  const paths = { crictl: join(d, 'crictl.yaml'), flags: join(d, 'kubeadm-flags.env'), kubelet: join(d, 'config.yaml') };
  for (const k of ['crictl', 'flags', 'kubelet'] as const) {
    const text = files[k];
    if (text !== undefined) writeFileSync(paths[k], text);
  }
  const spec = resolveProbe(name) as ProbeSpec;
  for (const p of Object.values(CRI_FILES)) assert.ok(spec.body.includes(p), `${name} reads ${p}`);
  const body = spec.body
    .replaceAll(CRI_FILES.crictlConfig, paths.crictl)
    .replaceAll(CRI_FILES.kubeadmFlags, paths.flags)
    .replaceAll(CRI_FILES.kubeletConfig, paths.kubelet);
  const sh = new LocalShell();
  sh.tool('crictl', 'for a in "$@"; do printf "%s|" "$a"; done; echo');
  tools(sh);
  const r = await runBatch(sh, 'h', [name], { probeTimeoutMs: 10_000, hostTimeoutMs: 30_000, resolve: () => ({ ...spec, body }) });
  return r.probes[name] ?? assert.fail('no result');
}

const DOCKERD_FLAGS =
  'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock --pod-infra-container-image=registry.aliyuncs.com/google_containers/pause:3.9"\n';
const KUBELET_CONFIG =
  'apiVersion: kubelet.config.k8s.io/v1beta1\ncgroupDriver: systemd\ncontainerRuntimeEndpoint: unix:///var/run/containerd/containerd.sock\nkind: KubeletConfiguration\n';

test('no crictl.yaml and no kubelet files: crictl runs as before, with its own default endpoint', async () => {
  for (const name of ['cri.ps', 'cri.pods']) {
    const r = await run(name, {});
    assert.equal(r.stdout, `${name === 'cri.ps' ? 'ps' : 'pods'}|-o|json|\n`);
    assert.equal(r.stderr, '');
    assert.equal(r.exitCode, 0);
  }
});

test('cri-dockerd node without crictl.yaml: the endpoint comes from kubeadm-flags.env (the answer sheet setup)', async () => {
  const r = await run('cri.ps', { flags: DOCKERD_FLAGS });
  assert.equal(r.stdout, '--runtime-endpoint|unix:///var/run/cri-dockerd.sock|ps|-o|json|\n');
  const pods = await run('cri.pods', {
    flags: `# KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///old.sock"\n${DOCKERD_FLAGS}`,
    kubelet: KUBELET_CONFIG,
  });
  assert.equal(
    pods.stdout,
    '--runtime-endpoint|unix:///var/run/cri-dockerd.sock|pods|-o|json|\n',
    'flags win over config.yaml; comments are skipped',
  );
});

test('kubeadm ≥ 1.27: no endpoint flag, containerRuntimeEndpoint in config.yaml (quoted or not)', async () => {
  const flags = 'KUBELET_KUBEADM_ARGS="--pod-infra-container-image=registry.k8s.io/pause:3.9"\n';
  assert.equal(
    (await run('cri.ps', { flags, kubelet: KUBELET_CONFIG })).stdout,
    '--runtime-endpoint|unix:///var/run/containerd/containerd.sock|ps|-o|json|\n',
  );
  const quoted = 'containerRuntimeEndpoint: "unix:///run/cri-dockerd.sock"\n';
  assert.equal((await run('cri.ps', { kubelet: quoted })).stdout, '--runtime-endpoint|unix:///run/cri-dockerd.sock|ps|-o|json|\n');
});

test('a bare socket path (older kubeadm) gets unix://', async () => {
  const r = await run('cri.ps', { flags: 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=/run/containerd/containerd.sock"\n' });
  assert.equal(r.stdout, '--runtime-endpoint|unix:///run/containerd/containerd.sock|ps|-o|json|\n');
});

test('crictl.yaml with a runtime-endpoint: crictl is left alone, whatever the kubelet says', async () => {
  for (const crictl of [
    'runtime-endpoint: unix:///run/containerd/containerd.sock\n',
    'timeout: 2\nruntime-endpoint: "unix:///var/run/cri-dockerd.sock"\n',
  ]) {
    const r = await run('cri.ps', { crictl, flags: DOCKERD_FLAGS, kubelet: KUBELET_CONFIG });
    assert.equal(r.stdout, 'ps|-o|json|\n');
  }
});

test('crictl.yaml that names no runtime-endpoint (or an empty one): the kubelet endpoint is passed', async () => {
  for (const crictl of [
    'timeout: 10\ndebug: false\n',
    'runtime-endpoint: ""\nimage-endpoint: unix:///x.sock\n',
    '# runtime-endpoint: unix:///x.sock\n',
  ]) {
    const r = await run('cri.ps', { crictl, flags: DOCKERD_FLAGS });
    assert.equal(r.stdout, '--runtime-endpoint|unix:///var/run/cri-dockerd.sock|ps|-o|json|\n', crictl);
  }
});

test('hostile or odd endpoints are dropped with a note and never run: crictl keeps its default', async () => {
  const sentinel = join(dir, 'pwned');
  const bad = [
    `unix:///x.sock;touch${'${IFS}'}${sentinel}`,
    `unix:///$(touch${'${IFS}'}${sentinel})`,
    'unix:///`id`',
    'tcp://10.0.0.1:2375',
    'npipe:////./pipe/containerd',
    'unix:///var/run/../../etc/shadow',
  ];
  for (const ep of bad) {
    const r = await run('cri.ps', { flags: `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=${ep}"\n` });
    assert.equal(r.stdout, 'ps|-o|json|\n', ep);
    assert.match(
      r.stderr,
      /k8s-labs: the kubelet's container runtime endpoint (has unexpected characters|is not unix:\/\/\/<path>); crictl uses its default endpoint/,
      ep,
    );
    const y = await run('cri.pods', { kubelet: `containerRuntimeEndpoint: ${ep}\n` });
    assert.equal(y.stdout, 'pods|-o|json|\n', ep);
  }
  assert.equal(existsSync(sentinel), false, 'nothing from the files ran');
});

test('a space ends the flag value as it does for the kubelet; in config.yaml it makes the value unusable', async () => {
  const flags = await run('cri.ps', { flags: 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///run/a.sock b.sock"\n' });
  assert.equal(flags.stdout, '--runtime-endpoint|unix:///run/a.sock|ps|-o|json|\n');
  const yaml = await run('cri.ps', { kubelet: 'containerRuntimeEndpoint: unix:///run/a b.sock   # odd\n' });
  assert.equal(yaml.stdout, 'ps|-o|json|\n');
  assert.match(yaml.stderr, /unexpected characters/);
  const commented = await run('cri.ps', { kubelet: 'containerRuntimeEndpoint: unix:///run/c.sock # the runtime\n' });
  assert.equal(commented.stdout, '--runtime-endpoint|unix:///run/c.sock|ps|-o|json|\n');
});

const SANDBOXES = `{
  "items": [
    {
      "id": "abc123",
      "metadata": {
        "name": "pod1",
        "uid": "u1",
        "namespace": "default",
        "attempt": 0
      },
      "state": "SANDBOX_READY"
    }
  ]
}`;

test('pod.<ns>.<pod>.addr asks the same runtime for the sandbox and its PID', async () => {
  let bin = '';
  const r = await run('pod.default.pod1.addr', { flags: DOCKERD_FLAGS }, (sh) => {
    bin = sh.bin;
    writeFileSync(join(sh.bin, 'sandboxes.json'), SANDBOXES);
    sh.tool(
      'crictl',
      'echo "$*" >>"$HOME/crictl.log"; case "$*" in *" pods "*) cat "$HOME/sandboxes.json";; *inspectp*) echo \'  "pid": 4242,\';; esac',
    );
    sh.tool('nsenter', 'echo "nsenter $*"');
  });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'nsenter -t 4242 -n ip -j addr show\n');
  assert.deepEqual(readFileSync(join(bin, 'crictl.log'), 'utf8').trim().split('\n'), [
    '--runtime-endpoint unix:///var/run/cri-dockerd.sock pods --name pod1 --namespace default -o json',
    '--runtime-endpoint unix:///var/run/cri-dockerd.sock inspectp abc123',
  ]);
});
