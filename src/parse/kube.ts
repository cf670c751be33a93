import { z } from 'zod';

/**
 * The subset of Kubernetes objects the graders read, as printed by `kubectl get … -o json`.
 * Schemas are loose (unknown fields pass through) and list only the fields we use, so output of
 * any Kubernetes version from 1.23 on parses; a field's absence is a grading fact, not a crash.
 */

const Labels = z.record(z.string(), z.string());

export const ObjectMeta = z.looseObject({
  name: z.string(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  labels: Labels.optional(),
  annotations: Labels.optional(),
  creationTimestamp: z.string().optional(),
  deletionTimestamp: z.string().optional(),
  ownerReferences: z.array(z.looseObject({ kind: z.string(), name: z.string(), uid: z.string().optional() })).optional(),
});
export type ObjectMeta = z.infer<typeof ObjectMeta>;

export const Condition = z.looseObject({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});
export type Condition = z.infer<typeof Condition>;

/** `kubectl get X -o json` of a collection: a List (or XList) with items. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.looseObject({ kind: z.string().optional(), items: z.array(item) });
}

// ---------- Node ----------
export const Node = z.looseObject({
  metadata: ObjectMeta,
  spec: z
    .looseObject({
      podCIDR: z.string().optional(),
      podCIDRs: z.array(z.string()).optional(),
      unschedulable: z.boolean().optional(),
      taints: z.array(z.looseObject({ key: z.string(), effect: z.string(), value: z.string().optional() })).optional(),
    })
    .optional(),
  status: z
    .looseObject({
      conditions: z.array(Condition).optional(),
      addresses: z.array(z.looseObject({ type: z.string(), address: z.string() })).optional(),
      nodeInfo: z
        .looseObject({
          kubeletVersion: z.string().optional(),
          kubeProxyVersion: z.string().optional(),
          containerRuntimeVersion: z.string().optional(),
          osImage: z.string().optional(),
          kernelVersion: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type Node = z.infer<typeof Node>;
export const NodeList = listOf(Node);

// ---------- Pod ----------
export const ContainerPort = z.looseObject({
  containerPort: z.number(),
  name: z.string().optional(),
  protocol: z.string().optional(),
});

const Quantities = z.record(z.string(), z.union([z.string(), z.number()]));

export const Container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  ports: z.array(ContainerPort).optional(),
  volumeMounts: z.array(z.looseObject({ name: z.string(), mountPath: z.string(), readOnly: z.boolean().optional() })).optional(),
  resources: z.looseObject({ requests: Quantities.optional(), limits: Quantities.optional() }).optional(),
});
export type Container = z.infer<typeof Container>;

export const Volume = z.looseObject({
  name: z.string(),
  emptyDir: z.looseObject({}).optional(),
  persistentVolumeClaim: z.looseObject({ claimName: z.string() }).optional(),
  hostPath: z.looseObject({ path: z.string() }).optional(),
});
export type Volume = z.infer<typeof Volume>;

export const PodSpec = z.looseObject({
  nodeName: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  containers: z.array(Container),
  initContainers: z.array(Container).optional(),
  volumes: z.array(Volume).optional(),
});
export type PodSpec = z.infer<typeof PodSpec>;

export const ContainerStatus = z.looseObject({
  name: z.string(),
  ready: z.boolean().optional(),
  restartCount: z.number().optional(),
  image: z.string().optional(),
  containerID: z.string().optional(),
  state: z.record(z.string(), z.looseObject({ reason: z.string().optional(), message: z.string().optional() })).optional(),
});

export const Pod = z.looseObject({
  metadata: ObjectMeta,
  spec: PodSpec,
  status: z
    .looseObject({
      phase: z.string().optional(),
      podIP: z.string().optional(),
      podIPs: z.array(z.looseObject({ ip: z.string() })).optional(),
      hostIP: z.string().optional(),
      conditions: z.array(Condition).optional(),
      containerStatuses: z.array(ContainerStatus).optional(),
    })
    .optional(),
});
export type Pod = z.infer<typeof Pod>;
export const PodList = listOf(Pod);

// ---------- Workloads ----------
export const LabelSelector = z.looseObject({
  matchLabels: Labels.optional(),
  matchExpressions: z.array(z.looseObject({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() })).optional(),
});
export type LabelSelector = z.infer<typeof LabelSelector>;

export const PodTemplate = z.looseObject({
  metadata: z.looseObject({ labels: Labels.optional() }).optional(),
  spec: PodSpec,
});

export const Deployment = z.looseObject({
  metadata: ObjectMeta,
  spec: z.looseObject({
    replicas: z.number().optional(),
    selector: LabelSelector,
    template: PodTemplate,
  }),
  status: z
    .looseObject({
      replicas: z.number().optional(),
      readyReplicas: z.number().optional(),
      availableReplicas: z.number().optional(),
      updatedReplicas: z.number().optional(),
      conditions: z.array(Condition).optional(),
    })
    .optional(),
});
export type Deployment = z.infer<typeof Deployment>;
export const DeploymentList = listOf(Deployment);

export const ReplicaSet = z.looseObject({
  metadata: ObjectMeta,
  spec: z.looseObject({ replicas: z.number().optional(), selector: LabelSelector.optional() }).optional(),
  status: z.looseObject({ replicas: z.number().optional(), readyReplicas: z.number().optional() }).optional(),
});
export const ReplicaSetList = listOf(ReplicaSet);

export const DaemonSet = z.looseObject({
  metadata: ObjectMeta,
  spec: z.looseObject({ template: PodTemplate.optional() }).optional(),
  status: z
    .looseObject({
      desiredNumberScheduled: z.number().optional(),
      currentNumberScheduled: z.number().optional(),
      numberReady: z.number().optional(),
      numberAvailable: z.number().optional(),
    })
    .optional(),
});
export type DaemonSet = z.infer<typeof DaemonSet>;
export const DaemonSetList = listOf(DaemonSet);

// ---------- Services ----------
export const ServicePort = z.looseObject({
  name: z.string().optional(),
  port: z.number(),
  targetPort: z.union([z.number(), z.string()]).optional(),
  protocol: z.string().optional(),
  nodePort: z.number().optional(),
});
export type ServicePort = z.infer<typeof ServicePort>;

export const Service = z.looseObject({
  metadata: ObjectMeta,
  spec: z.looseObject({
    type: z.string().optional(),
    clusterIP: z.string().optional(),
    clusterIPs: z.array(z.string()).optional(),
    selector: Labels.optional(),
    ports: z.array(ServicePort).optional(),
  }),
});
export type Service = z.infer<typeof Service>;
export const ServiceList = listOf(Service);

const EndpointAddress = z.looseObject({
  ip: z.string(),
  nodeName: z.string().optional(),
  targetRef: z.looseObject({ kind: z.string().optional(), name: z.string().optional(), namespace: z.string().optional() }).optional(),
});
export const Endpoints = z.looseObject({
  metadata: ObjectMeta,
  subsets: z
    .array(
      z.looseObject({
        addresses: z.array(EndpointAddress).optional(),
        notReadyAddresses: z.array(EndpointAddress).optional(),
        ports: z.array(z.looseObject({ name: z.string().optional(), port: z.number(), protocol: z.string().optional() })).optional(),
      }),
    )
    .optional(),
});
export type Endpoints = z.infer<typeof Endpoints>;
export const EndpointsList = listOf(Endpoints);

export const EndpointSlice = z.looseObject({
  metadata: ObjectMeta,
  addressType: z.string().optional(),
  endpoints: z
    .array(
      z.looseObject({
        addresses: z.array(z.string()),
        // Each condition is a *bool in the API; a nil one may be printed as null (read: ready = unknown = ready).
        conditions: z
          .looseObject({ ready: z.boolean().nullish(), serving: z.boolean().nullish(), terminating: z.boolean().nullish() })
          .nullish(),
        nodeName: z.string().optional(),
        targetRef: z.looseObject({ kind: z.string().optional(), name: z.string().optional(), namespace: z.string().optional() }).optional(),
      }),
    )
    .nullish(),
  ports: z.array(z.looseObject({ name: z.string().optional(), port: z.number().optional(), protocol: z.string().optional() })).nullish(),
});
export type EndpointSlice = z.infer<typeof EndpointSlice>;
export const EndpointSliceList = listOf(EndpointSlice);

// ---------- Autoscaling ----------
export const HpaPolicy = z.looseObject({ type: z.string(), value: z.number(), periodSeconds: z.number() });
export const HpaRules = z.looseObject({
  stabilizationWindowSeconds: z.number().optional(),
  selectPolicy: z.string().optional(),
  policies: z.array(HpaPolicy).optional(),
});
export type HpaRules = z.infer<typeof HpaRules>;

export const MetricTarget = z.looseObject({
  type: z.string(),
  averageUtilization: z.number().optional(),
  averageValue: z.union([z.string(), z.number()]).optional(),
  value: z.union([z.string(), z.number()]).optional(),
});

export const HorizontalPodAutoscaler = z.looseObject({
  apiVersion: z.string().optional(),
  metadata: ObjectMeta,
  spec: z.looseObject({
    scaleTargetRef: z.looseObject({ apiVersion: z.string().optional(), kind: z.string(), name: z.string() }),
    minReplicas: z.number().optional(),
    maxReplicas: z.number(),
    /** autoscaling/v1 only; v2 uses `metrics`. */
    targetCPUUtilizationPercentage: z.number().optional(),
    metrics: z
      .array(
        z.looseObject({
          type: z.string(),
          resource: z.looseObject({ name: z.string(), target: MetricTarget }).optional(),
          containerResource: z.looseObject({ name: z.string(), container: z.string(), target: MetricTarget }).optional(),
        }),
      )
      .optional(),
    behavior: z.looseObject({ scaleUp: HpaRules.optional(), scaleDown: HpaRules.optional() }).optional(),
  }),
  status: z
    .looseObject({
      currentReplicas: z.number().optional(),
      desiredReplicas: z.number().optional(),
      lastScaleTime: z.string().optional(),
      currentMetrics: z.array(z.unknown()).nullish(),
      conditions: z.array(Condition).optional(),
    })
    .optional(),
});
export type HorizontalPodAutoscaler = z.infer<typeof HorizontalPodAutoscaler>;
export const HorizontalPodAutoscalerList = listOf(HorizontalPodAutoscaler);

// ---------- Config, metrics, version ----------
export const ConfigMap = z.looseObject({ metadata: ObjectMeta, data: z.record(z.string(), z.string()).optional() });
export type ConfigMap = z.infer<typeof ConfigMap>;
export const ConfigMapList = listOf(ConfigMap);

export const PodMetricsList = z.looseObject({
  items: z.array(
    z.looseObject({
      metadata: ObjectMeta,
      containers: z.array(z.looseObject({ name: z.string(), usage: z.record(z.string(), z.string()) })),
    }),
  ),
});

export const KubectlVersion = z.looseObject({
  clientVersion: z.looseObject({ gitVersion: z.string() }).optional(),
  serverVersion: z.looseObject({ gitVersion: z.string() }).optional(),
});

// ---------- helpers ----------

/** The status of a condition by type ("True", "False", "Unknown"), or undefined when absent. */
export function conditionStatus(conditions: readonly Condition[] | undefined, type: string): string | undefined {
  return conditions?.find((c) => c.type === type)?.status;
}

/** True when every matchLabels/matchExpressions term of the selector matches the labels. */
export function selectorMatches(
  selector: LabelSelector | Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (selector === undefined) return false;
  const l = labels ?? {};
  const isLabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector;
  const matchLabels = isLabelSelector ? ((selector as LabelSelector).matchLabels ?? {}) : (selector as Record<string, string>);
  const exprs = isLabelSelector ? ((selector as LabelSelector).matchExpressions ?? []) : [];
  if (Object.keys(matchLabels).length === 0 && exprs.length === 0) return false;
  for (const [k, v] of Object.entries(matchLabels)) if (l[k] !== v) return false;
  for (const e of exprs) {
    const has = Object.hasOwn(l, e.key);
    const val = l[e.key];
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(val as string))) return false;
    if (e.operator === 'NotIn' && has && values.includes(val as string)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * A CPU quantity in millicores: "200m" → 200, "0.5" → 500, 1 → 1000, "1500u" → 1.5.
 * Returns undefined for anything that is not a CPU quantity.
 */
export function cpuMillis(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return Number.isFinite(q) ? q * 1000 : undefined;
  const m = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(n|u|m|k)?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const scale = { n: 1e-6, u: 1e-3, m: 1, k: 1e6 }[m[2] as 'n' | 'u' | 'm' | 'k'] ?? 1000;
  return n * scale;
}
