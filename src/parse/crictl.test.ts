import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { parseCriContainers, parseCriSandboxes } from './crictl.ts';

/*
 * No real `crictl ps -o json` / `crictl pods -o json` output exists in the shared fixtures
 * (SOURCES.md, "Looked for but not found"). These inputs are built by hand with the field names of
 * the CRI messages as crictl prints them (kubernetes-sigs/cri-tools cmd/crictl: protojson with
 * EmitDefaultValues; k8s.io/cri-api api.proto: Container, PodSandbox, ContainerState,
 * PodSandboxState) and the labels kubelet puts on every container and sandbox.
 */
const crictlPsJson = JSON.stringify(
  {
    containers: [
      {
        id: '5b0c3a4e1f7d2c9a8b6e4d3c2b1a09f8e7d6c5b4a3928171605f4e3d2c1b0a99',
        podSandboxId: 'c4d2e8f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3',
        metadata: { name: 'downloader', attempt: 0 },
        image: { image: 'sha256:7d1e4c0c1b8d', annotations: {}, userSpecifiedImage: '', runtimeHandler: '' },
        imageRef: 'docker-pullable://7143192/downloader@sha256:0f5a',
        state: 'CONTAINER_RUNNING',
        createdAt: '1715185502123456789',
        labels: {
          'io.kubernetes.container.name': 'downloader',
          'io.kubernetes.pod.name': 'pod1',
          'io.kubernetes.pod.namespace': 'default',
          'io.kubernetes.pod.uid': '2f0c8f4a-3c1e-4b9e-9d57-1f3e0d6a8b21',
        },
        annotations: { 'io.kubernetes.container.restartCount': '0' },
      },
      {
        id: '9a8b7c6d5e4f',
        podSandboxId: 'f0e1d2c3b4a5',
        metadata: null,
        image: null,
        imageRef: 'docker-pullable://quay.io/coreos/flannel@sha256:1',
        state: 2,
        createdAt: '1715170000000000000',
        labels: {
          'io.kubernetes.container.name': 'kube-flannel',
          'io.kubernetes.pod.name': 'kube-flannel-ds-x2v7k',
          'io.kubernetes.pod.namespace': 'kube-flannel',
        },
        annotations: {},
      },
    ],
  },
  null,
  2,
);

const crictlPodsJson = JSON.stringify(
  {
    items: [
      {
        id: 'c4d2e8f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3',
        metadata: { name: 'pod1', uid: '2f0c8f4a-3c1e-4b9e-9d57-1f3e0d6a8b21', namespace: 'default', attempt: 0 },
        state: 'SANDBOX_READY',
        createdAt: '1715185499000000000',
        labels: {
          app: 'pod1',
          'io.kubernetes.pod.name': 'pod1',
          'io.kubernetes.pod.namespace': 'default',
          'io.kubernetes.pod.uid': '2f0c8f4a-3c1e-4b9e-9d57-1f3e0d6a8b21',
        },
        annotations: {},
        runtimeHandler: '',
      },
      {
        id: '0badc0ffee00',
        metadata: { name: 'pod1', uid: 'old-uid', namespace: 'default', attempt: 0 },
        state: 'SANDBOX_NOTREADY',
        createdAt: '1715100000000000000',
        labels: {},
        annotations: {},
        runtimeHandler: '',
      },
    ],
  },
  null,
  2,
);

test('crictl ps -o json: names, states, pod labels', () => {
  const cs = parseCriContainers(crictlPsJson);
  assert.ok(cs);
  assert.deepEqual(cs[0], {
    id: '5b0c3a4e1f7d2c9a8b6e4d3c2b1a09f8e7d6c5b4a3928171605f4e3d2c1b0a99',
    podSandboxId: 'c4d2e8f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3',
    name: 'downloader',
    state: 'running',
    podName: 'pod1',
    podNamespace: 'default',
    image: 'sha256:7d1e4c0c1b8d',
  });
  // No metadata: the name comes from the container-name label; a numeric enum is understood.
  assert.equal(cs[1]?.name, 'kube-flannel');
  assert.equal(cs[1]?.state, 'exited');
  assert.equal(cs[1]?.image, 'docker-pullable://quay.io/coreos/flannel@sha256:1');
});

test('crictl pods -o json: sandboxes and readiness', () => {
  const ps = parseCriSandboxes(crictlPodsJson);
  assert.deepEqual(
    ps?.map((p) => [p.id.slice(0, 12), p.name, p.namespace, p.ready, p.state]),
    [
      ['c4d2e8f1a0b9', 'pod1', 'default', true, 'SANDBOX_READY'],
      ['0badc0ffee00', 'pod1', 'default', false, 'SANDBOX_NOTREADY'],
    ],
  );
});

test('empty lists (nothing running) are lists, not failures', () => {
  assert.deepEqual(parseCriContainers('{\n  "containers": []\n}\n'), []);
  assert.deepEqual(parseCriSandboxes('{\n  "items": []\n}\n'), []);
});

test('not crictl output → undefined', () => {
  assert.equal(parseCriContainers(''), undefined);
  assert.equal(parseCriContainers('{"items": [{"no": "id"}]}'), undefined);
  assert.equal(parseCriSandboxes('{ truncated'), undefined);
  assert.equal(
    parseCriContainers(
      'time="2024-05-09T00:31:58+08:00" level=fatal msg="validate service connection: CRI v1 runtime API is not implemented"',
    ),
    undefined,
  );
});

test('real crictl tables (fallback): old and new layouts', { skip: sharedSkip }, () => {
  const old = parseCriContainers(realFixture('crictl/containerd-docs-crictl-ps-table-old-format.txt'));
  assert.deepEqual(old, [
    {
      id: '0a2c761303163',
      podSandboxId: undefined,
      name: 'busybox',
      state: 'running',
      podName: undefined,
      podNamespace: undefined,
      image: 'docker.io/busybox',
    },
  ]);
  const created = parseCriContainers(realFixture('crictl/cri-tools-docs-crictl-ps-a-created-table.txt'));
  assert.equal(created?.[0]?.state, 'created');
  const withPod = parseCriContainers(realFixture('crictl/cri-tools-docs-crictl-ps-with-podid-table.txt'));
  assert.deepEqual(
    withPod?.map((c) => [c.id, c.name, c.state, c.podSandboxId, c.image]),
    [['b25b4f26e3429', 'busybox', 'running', '158d7a6665ff3', 'busybox:latest']],
  );

  const podsOld = parseCriSandboxes(realFixture('crictl/containerd-docs-crictl-pods-table-old-format.txt'));
  assert.deepEqual(podsOld, [{ id: 'e1c83b0b8d481', name: 'nginx-sandbox', namespace: 'default', ready: true, state: 'SANDBOX_READY' }]);
  const pods = parseCriSandboxes(realFixture('crictl/cri-tools-docs-crictl-pods-table.txt'));
  assert.deepEqual(pods, [{ id: 'f84dd361f8dc5', name: 'nginx-sandbox', namespace: 'default', ready: true, state: 'Ready' }]);
});

test('the newest table layout has POD and NAMESPACE columns', () => {
  // Column layout of cri-tools' OutputContainers (CONTAINER … ATTEMPT, POD ID, POD, NAMESPACE).
  const text = [
    'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE',
    '3f5e0b1a2c4d5       6e38f40d628db       2 hours ago         Running             fileserver          0                   c4d2e8f1a0b9c       pod1                default',
  ].join('\n');
  assert.deepEqual(
    parseCriContainers(text)?.map((c) => [c.name, c.state, c.podName, c.podNamespace, c.podSandboxId]),
    [['fileserver', 'running', 'pod1', 'default', 'c4d2e8f1a0b9c']],
  );
});
