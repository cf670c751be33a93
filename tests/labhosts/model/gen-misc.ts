import { hexId } from './ids.ts';
import { lastApplied, meta, type Obj } from './k8s-meta.ts';
import { NODES } from './nodes.ts';
import { PODS } from './topology.ts';
import { CLUSTER } from './types.ts';

/**
 * hpa1 (answer sheet Q12/Q13, with the API server's defaults for `behavior`), the metrics API
 * answers of metrics-server and `kubectl version -o json`. The HPA is recorded at rest after the
 * load test: 3 replicas at ~1% of the requested CPU, held up by minReplicas.
 */

const OBSERVED = '2024-05-09T03:12:37Z';

function hpaManifest(): Obj {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { annotations: {}, name: 'hpa1', namespace: 'default' },
    spec: {
      behavior: { scaleDown: { policies: [{ periodSeconds: 60, type: 'Percent', value: 10 }] } },
      maxReplicas: 6,
      metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 40, type: 'Utilization' } }, type: 'Resource' }],
      minReplicas: 3,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'deployment1' },
    },
  };
}

export function hpas(): Obj[] {
  const m = hpaManifest();
  const created = '2024-05-09T02:31:05Z';
  const cond = (type: string, reason: string, message: string) => ({
    lastTransitionTime: '2024-05-09T02:31:20Z',
    message,
    reason,
    status: 'True',
    type,
  });
  return [
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta('HorizontalPodAutoscaler', 'hpa1', 'default', created, { annotations: lastApplied(m) }),
      spec: {
        ...(m.spec as Obj),
        // Defaults filled by the API server once `behavior` is set (scaleDown keeps no
        // stabilizationWindowSeconds: the controller's 300 s flag applies).
        behavior: {
          scaleDown: { policies: [{ periodSeconds: 60, type: 'Percent', value: 10 }], selectPolicy: 'Max' },
          scaleUp: {
            policies: [
              { periodSeconds: 15, type: 'Pods', value: 4 },
              { periodSeconds: 15, type: 'Percent', value: 100 },
            ],
            selectPolicy: 'Max',
            stabilizationWindowSeconds: 0,
          },
        },
      },
      status: {
        conditions: [
          cond('AbleToScale', 'ReadyForNewScale', 'recommended size matches current size'),
          cond(
            'ScalingActive',
            'ValidMetricFound',
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
          ),
          cond('ScalingLimited', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'),
        ],
        currentMetrics: [{ resource: { current: { averageUtilization: 1, averageValue: '4m' }, name: 'cpu' }, type: 'Resource' }],
        currentReplicas: 3,
        desiredReplicas: 3,
        lastScaleTime: '2024-05-09T02:58:41Z',
      },
    },
  ];
}

/** A plausible usage figure, stable per key. */
function usage(key: string, base: number, spread: number): number {
  return base + (parseInt(hexId(`usage:${key}`).slice(0, 8), 16) % spread);
}

export function podMetrics(): Obj {
  const items = PODS.map((p) => ({
    metadata: { name: p.name, namespace: p.namespace, creationTimestamp: '2024-05-09T03:12:51Z', labels: p.labels },
    timestamp: OBSERVED,
    window: '15.048s',
    containers: p.containers.map((c) => ({
      name: c.name,
      usage: {
        cpu: `${usage(`${p.name}/${c.name}`, 1_000_000, p.namespace === 'default' ? 1_000_000 : 6_000_000)}n`,
        memory: `${usage(`${p.name}/${c.name}:m`, 6000, 40000)}Ki`,
      },
    })),
  }));
  return { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items };
}

export function nodeMetrics(): Obj {
  const items = [NODES.master, NODES.worker].map((n) => ({
    metadata: {
      name: n.name,
      creationTimestamp: '2024-05-09T03:12:51Z',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
      },
    },
    timestamp: OBSERVED,
    window: '20.032s',
    usage: {
      cpu: `${usage(n.name, n.role === 'master' ? 150_000_000 : 40_000_000, 60_000_000)}n`,
      memory: `${usage(`${n.name}:m`, n.role === 'master' ? 1_600_000 : 900_000, 200_000)}Ki`,
    },
  }));
  return { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items };
}

/** v1.29.4's build facts: gitCommit 55019c8 is the v1.29.4 tag; kustomize as vendored by kubectl 1.29. */
export function version(): Obj {
  const info = {
    major: '1',
    minor: '29',
    gitVersion: CLUSTER.k8sVersion,
    gitCommit: '55019c83b0fd51ef4ced8c29eec2c4847f896e74',
    gitTreeState: 'clean',
    buildDate: '2024-04-16T15:07:26Z',
    goVersion: 'go1.21.9',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
  return { clientVersion: info, kustomizeVersion: 'v5.0.4-0.20230601165947-6ce0bf390ce3', serverVersion: info };
}
