/** The kinds the editor and the server validate, and where kubernetes-models declares them. */
export interface KindSource {
  kind: string;
  apiVersion: string;
  /** Declaration file inside the kubernetes-models package. */
  dts: string;
  /** The interface declared there. */
  iface: string;
  /** Definition name in the schemas (OpenAPI style). */
  definition: string;
  /** Output file in schemas/k8s/. */
  file: string;
}

export const KINDS: readonly KindSource[] = [
  { kind: 'Pod', apiVersion: 'v1', dts: 'v1/Pod.d.ts', iface: 'IPod', definition: 'io.k8s.api.core.v1.Pod', file: 'pod-v1.json' },
  { kind: 'Deployment', apiVersion: 'apps/v1', dts: 'apps/v1/Deployment.d.ts', iface: 'IDeployment', definition: 'io.k8s.api.apps.v1.Deployment', file: 'deployment-apps-v1.json' },
  { kind: 'Service', apiVersion: 'v1', dts: 'v1/Service.d.ts', iface: 'IService', definition: 'io.k8s.api.core.v1.Service', file: 'service-v1.json' },
  {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    dts: 'autoscaling/v2/HorizontalPodAutoscaler.d.ts',
    iface: 'IHorizontalPodAutoscaler',
    definition: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
    file: 'horizontalpodautoscaler-autoscaling-v2.json',
  },
  {
    kind: 'PersistentVolumeClaim',
    apiVersion: 'v1',
    dts: 'v1/PersistentVolumeClaim.d.ts',
    iface: 'IPersistentVolumeClaim',
    definition: 'io.k8s.api.core.v1.PersistentVolumeClaim',
    file: 'persistentvolumeclaim-v1.json',
  },
];

/** A JSON Schema object, loosely typed. */
export type Schema = Record<string, unknown>;

/**
 * kubernetes-models' alias (`IIoK8sApiCoreV1PodSpec`) → OpenAPI definition name
 * (`io.k8s.api.core.v1.PodSpec`).
 */
export function canonicalName(alias: string): string {
  const name = alias.replace(/^I(?=Io)/, '');
  const machinery = /^IoK8sApimachineryPkg(Apis|Api|Util)([A-Z][a-z]+)(V\d+(?:alpha\d+|beta\d+)?)?([A-Z]\w*)$/.exec(name);
  if (machinery) {
    const [, area = '', group = '', version, kind = ''] = machinery;
    return ['io.k8s.apimachinery.pkg', area.toLowerCase(), group.toLowerCase(), ...(version ? [version.toLowerCase()] : []), kind].join('.');
  }
  const api = /^IoK8sApi([A-Z][a-z]+)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(name);
  if (api) return `io.k8s.api.${api[1]?.toLowerCase()}.${api[2]?.toLowerCase()}.${api[3]}`;
  return name;
}
