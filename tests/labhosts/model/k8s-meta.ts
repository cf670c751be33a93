import { uid } from './ids.ts';

/** Small builders shared by the recorded-object generators (model/gen-*.ts). */

export type Obj = Record<string, unknown>;

/** resourceVersions grow with creation order, as etcd revisions do. */
let rv = 41_200;
export function nextResourceVersion(): string {
  rv += 37;
  return String(rv);
}

export function resetResourceVersions(): void {
  rv = 41_200;
}

export function meta(kind: string, name: string, namespace: string | undefined, createdAt: string, extra: Obj = {}): Obj {
  return {
    creationTimestamp: createdAt,
    name,
    ...(namespace ? { namespace } : {}),
    resourceVersion: nextResourceVersion(),
    uid: uid(`${kind}/${namespace ?? ''}/${name}`),
    ...extra,
  };
}

export function ownerRef(kind: string, name: string, namespace: string | undefined, apiVersion: string): Obj {
  return { apiVersion, blockOwnerDeletion: true, controller: true, kind, name, uid: uid(`${kind}/${namespace ?? ''}/${name}`) };
}

/** The annotation `kubectl apply` leaves: the applied manifest as compact JSON plus a newline. */
export function lastApplied(manifest: Obj): Obj {
  return { 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(manifest)}\n` };
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export const DEFAULT_TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];

/** The projected service-account volume every non-static pod gets (name suffix is random). */
export function apiAccessVolume(suffix: string): Obj {
  return {
    name: `kube-api-access-${suffix}`,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

export function apiAccessMount(suffix: string): Obj {
  return { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: `kube-api-access-${suffix}`, readOnly: true };
}
