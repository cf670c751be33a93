import { parse } from 'yaml';
import type { ConfigMap } from './kube.ts';

/**
 * kube-proxy's configured mode, from the `kube-proxy` ConfigMap that kubeadm writes in
 * kube-system (`data["config.conf"]`, a KubeProxyConfiguration). An empty mode means the
 * platform default: iptables on Linux.
 */
export type ConfiguredMode =
  | { found: true; mode: string; /** The mode as written (`""` when empty). */ written: string }
  | { found: false; reason: 'no-configmap' | 'no-config' | 'unreadable' };

export function configuredProxyMode(configMaps: readonly ConfigMap[]): ConfiguredMode {
  const cm = configMaps.find((c) => c.metadata.name === 'kube-proxy');
  if (!cm) return { found: false, reason: 'no-configmap' };
  const text = cm.data?.['config.conf'];
  if (text === undefined) return { found: false, reason: 'no-config' };
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 50 });
  } catch {
    return { found: false, reason: 'unreadable' };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { found: false, reason: 'unreadable' };
  const raw = Object.hasOwn(doc, 'mode') ? (doc as { mode?: unknown }).mode : undefined;
  const written = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
  return { found: true, mode: written.trim() === '' ? 'iptables' : written.trim().toLowerCase(), written };
}
