/** Test support: an HPA as the API server returns it (autoscaling/v2, behavior defaults filled) and metrics. */
import type { Obj } from './obj.ts';

const when = '2026-11-27T11:50:00Z';

/** pkg/apis/autoscaling/v2/defaults.go: scaleUp defaults, scaleDown selectPolicy Max and 100 %/15 s. */
function defaultBehavior(b: Obj | undefined): Obj | undefined {
  if (b === undefined) return undefined;
  const up = b['scaleUp'] ?? {};
  const down = b['scaleDown'] ?? {};
  return {
    scaleUp: {
      policies: up['policies'] ?? [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
      selectPolicy: up['selectPolicy'] ?? 'Max',
      stabilizationWindowSeconds: up['stabilizationWindowSeconds'] ?? 0,
    },
    scaleDown: {
      policies: down['policies'] ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      selectPolicy: down['selectPolicy'] ?? 'Max',
      ...(down['stabilizationWindowSeconds'] === undefined ? {} : { stabilizationWindowSeconds: down['stabilizationWindowSeconds'] }),
    },
  };
}

export interface HpaState {
  namespace?: string;
  current?: number;
  desired?: number;
  cpu?: number;
  /** Replace the healthy conditions (AbleToScale, ScalingActive, ScalingLimited). */
  conditions?: Obj[];
  /** No status at all (the controller has not seen the HPA yet). */
  noStatus?: boolean;
}

export function liveHpa(manifest: Obj, state: HpaState = {}): Obj {
  const spec: Obj = { ...manifest['spec'], minReplicas: manifest['spec']['minReplicas'] ?? 1 };
  const behavior = defaultBehavior(manifest['spec']['behavior']);
  if (behavior) spec['behavior'] = behavior;
  const current = state.current ?? 3;
  const hpa: Obj = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: manifest['metadata']['name'],
      namespace: state.namespace ?? 'default',
      uid: '9e8d7c6b-2222-4b3c-9d4e-5f6a7b8c9d0e',
      resourceVersion: '7003',
      creationTimestamp: when,
    },
    spec,
  };
  if (state.noStatus) return hpa;
  hpa['status'] = {
    conditions: state.conditions ?? [
      {
        type: 'AbleToScale',
        status: 'True',
        reason: 'ReadyForNewScale',
        message: 'recommended size matches current size',
        lastTransitionTime: when,
      },
      {
        type: 'ScalingActive',
        status: 'True',
        reason: 'ValidMetricFound',
        message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        lastTransitionTime: when,
      },
      {
        type: 'ScalingLimited',
        status: 'False',
        reason: 'DesiredWithinRange',
        message: 'the desired count is within the acceptable range',
        lastTransitionTime: when,
      },
    ],
    currentMetrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          current: { averageUtilization: state.cpu ?? 2, averageValue: `${Math.round(((state.cpu ?? 2) * 200) / 100)}m` },
        },
      },
    ],
    currentReplicas: current,
    desiredReplicas: state.desired ?? current,
    lastScaleTime: when,
  };
  return hpa;
}

/** `kubectl get --raw /apis/metrics.k8s.io/v1beta1/pods`: compact JSON, one line. */
export function podMetrics(pods: Obj[]): string {
  return JSON.stringify({
    kind: 'PodMetricsList',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {},
    items: pods.map((p) => ({
      metadata: {
        name: p['metadata']['name'],
        namespace: p['metadata']['namespace'],
        creationTimestamp: '2026-11-27T12:00:01Z',
        labels: p['metadata']['labels'],
      },
      timestamp: '2026-11-27T11:59:52Z',
      window: '15.017s',
      containers: p['spec']['containers'].map((c: Obj) => ({ name: c['name'], usage: { cpu: '1203569n', memory: '3520Ki' } })),
    })),
  });
}
