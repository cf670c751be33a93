import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { ConfigMap, ConfigMapList, type Pod } from '../../src/parse/kube.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';

/**
 * Where flannel lives. Current manifests (flannel ≥ 0.20) use namespace `kube-flannel`; older ones
 * put the DaemonSet (`kube-flannel-ds`, or `kube-flannel-ds-amd64` … per architecture) and the
 * ConfigMap `kube-flannel-cfg` in `kube-system`.
 */
export const FLANNEL_NAMESPACES = ['kube-flannel', 'kube-system'] as const;
const CONFIGMAP = 'kube-flannel-cfg';

/** A flannel DaemonSet pod, by its labels, name or owner (all manifest generations). */
export function isFlannelPod(pod: Pod): boolean {
  if (!(FLANNEL_NAMESPACES as readonly string[]).includes(pod.metadata.namespace ?? '')) return false;
  const labels = pod.metadata.labels ?? {};
  return (
    labels['app'] === 'flannel' ||
    labels['k8s-app'] === 'flannel' ||
    pod.metadata.name.startsWith('kube-flannel-ds') ||
    (pod.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet' && o.name.startsWith('kube-flannel'))
  );
}

/** Pods of other network plugins, to say "you installed X, not flannel". */
export function otherCniPods(pods: readonly Pod[]): string[] {
  const re = /^(calico-node|canal|weave-net|cilium|kube-router|antrea-agent|kube-ovn-cni)(-|$)/;
  return [...new Set(pods.filter((p) => re.test(p.metadata.name)).map((p) => re.exec(p.metadata.name)?.[1] ?? ''))];
}

export type NetConf = { found: true; namespace: string; text: string; evidence: Evidence } | { found: false; evidence: Evidence[] };

/**
 * flannel's net-conf.json: from `kube.flannel-cm` (namespace kube-flannel), else from the
 * kube-system ConfigMap list (old manifests). `found: false` only when both places were looked at
 * and neither has it; a probe that is missing or failed for another reason throws CannotLook.
 */
export function flannelNetConf(view: SnapshotView): NetConf {
  const raw = view.raw('master', 'kube.flannel-cm');
  if (raw?.exitCode === 0) {
    const cm = view.json('master', 'kube.flannel-cm', ConfigMap);
    return {
      found: true,
      namespace: cm.metadata.namespace ?? 'kube-flannel',
      text: cm.data?.['net-conf.json'] ?? '',
      evidence: view.evidence('master', 'kube.flannel-cm'),
    };
  }
  const notFound = raw !== undefined && /NotFound|not found/i.test(raw.stderr);
  const list = view.json('master', 'kube.configmaps.kube-system', ConfigMapList);
  const old = list.items.find((c) => c.metadata.name === CONFIGMAP);
  if (old) {
    const text = old.data?.['net-conf.json'] ?? '';
    return {
      found: true,
      namespace: 'kube-system',
      text,
      evidence: { probe: 'kube.configmaps.kube-system', host: 'master', excerpt: `${CONFIGMAP} net-conf.json:\n${text}` },
    };
  }
  // Not in kube-system: it is missing only if the kube-flannel namespace was asked too.
  if (!notFound) view.stdout('master', 'kube.flannel-cm');
  return { found: false, evidence: [view.evidence('master', 'kube.flannel-cm', raw?.stderr ?? '')] };
}

/** The `Network` of a net-conf.json text, or an explanation of why there is none. */
export function networkOf(netConf: string): { network: string } | { problem: Localized } {
  let value: unknown;
  try {
    value = JSON.parse(netConf);
  } catch {
    return { problem: t('net-conf.json 不是合法的 JSON', 'net-conf.json is not valid JSON') };
  }
  const network = (value as { Network?: unknown } | null)?.Network;
  return typeof network === 'string' && network !== ''
    ? { network }
    : { problem: t('net-conf.json 中没有 "Network"', 'net-conf.json has no "Network"') };
}
