import { sha256Ref, uid, unixNanos } from './ids.ts';
import { addSeconds, type Obj } from './k8s-meta.ts';
import { containerId, imageRef, sandboxId } from './gen-pods.ts';
import { podsOn } from './topology.ts';
import type { Role } from './types.ts';

/**
 * `crictl ps -o json` and `crictl pods -o json` of each node, as crictl (jsonpb, protobuf field
 * order, defaults emitted) prints cri-dockerd's answers: IDs are docker IDs (the same as the pods'
 * `docker://` containerIDs), `image.image` is the docker image ID, `imageRef` the pullable digest.
 * cri-dockerd lists no pause containers under `ps`; every pod is a sandbox under `pods`.
 */

function podUid(p: { name: string; namespace: string }): string {
  return uid(`Pod/${p.namespace}/${p.name}`);
}

export function crictlPs(role: Role): Obj {
  const containers: Obj[] = [];
  for (const pod of podsOn(role)) {
    for (const c of pod.containers) {
      containers.push({
        id: containerId(pod, c.name),
        podSandboxId: sandboxId(pod),
        metadata: { name: c.name, attempt: 0 },
        image: { image: sha256Ref(c.image), annotations: {}, userSpecifiedImage: '', runtimeHandler: '' },
        imageRef: imageRef(c.image),
        state: 'CONTAINER_RUNNING',
        createdAt: unixNanos(addSeconds(pod.createdAt, 1), 482_913_076),
        labels: {
          'io.kubernetes.container.name': c.name,
          'io.kubernetes.pod.name': pod.name,
          'io.kubernetes.pod.namespace': pod.namespace,
          'io.kubernetes.pod.uid': podUid(pod),
        },
        annotations: {
          'io.kubernetes.container.hash': String(parseInt(containerId(pod, c.name).slice(0, 8), 16)),
          ...(c.ports
            ? {
                'io.kubernetes.container.ports': JSON.stringify(
                  c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol })),
                ),
              }
            : {}),
          'io.kubernetes.container.restartCount': '0',
          'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
          'io.kubernetes.container.terminationMessagePolicy': 'File',
          'io.kubernetes.pod.terminationGracePeriod': '30',
        },
      });
    }
  }
  return { containers };
}

export function crictlPods(role: Role): Obj {
  const items = podsOn(role).map((pod) => {
    const labels: Record<string, string> = {
      ...pod.labels,
      'io.kubernetes.pod.name': pod.name,
      'io.kubernetes.pod.namespace': pod.namespace,
      'io.kubernetes.pod.uid': podUid(pod),
    };
    return {
      id: sandboxId(pod),
      metadata: { name: pod.name, uid: podUid(pod), namespace: pod.namespace, attempt: 0 },
      state: 'SANDBOX_READY',
      createdAt: unixNanos(pod.createdAt, 731_902_554),
      labels: Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))),
      annotations: {
        'kubernetes.io/config.seen': `${pod.createdAt.replace('Z', '')}.118745902Z`,
        'kubernetes.io/config.source': pod.owner?.kind === 'Node' ? 'file' : 'api',
      },
      runtimeHandler: '',
    };
  });
  return { items };
}
