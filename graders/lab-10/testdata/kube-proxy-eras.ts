import { kubeProxyNat, type GenPort } from './kube-proxy-dump.ts';

/**
 * kube-proxy's nat rules as other Kubernetes versions write them, derived from the ≥ 1.28 layout
 * of kube-proxy-dump.ts. The differences follow the recorded expected dumps in
 * ../shared/fixtures/real/iptables (SOURCES.md):
 * - `v1.19`: the masquerade rule sits in KUBE-SERVICES before the jump (not in KUBE-SVC), KUBE-SVC
 *   and KUBE-SEP comments are just `ns/svc:port`, and iptables-save prints the probabilities of
 *   kube-proxy's five-decimal strings (`0.33333` → `0.33332999982`).
 * - `newest`: KUBE-SEP rules without `-m comment` (kube-proxy drops comments it does not need).
 */
export type Era = 'v1.19' | 'newest';

export function kubeProxyNatOf(era: Era, ports: GenPort[]): string {
  const lines = kubeProxyNat(ports, 'save').split('\n');
  if (era === 'newest') return lines.map((l) => (l.startsWith('-A KUBE-SEP-') ? l.replace(/ -m comment --comment \S+/, '') : l)).join('\n');
  const out: string[] = [];
  for (const l of lines) {
    if (/^-A KUBE-SVC-\S+ .*-j KUBE-MARK-MASQ$/.test(l)) continue;
    if (/^-A KUBE-SERVICES -d .* -j KUBE-SVC-/.test(l))
      out.push(l.replace(/^-A KUBE-SERVICES /, '-A KUBE-SERVICES ! -s 10.244.0.0/16 ').replace(/-j KUBE-SVC-\S+$/, '-j KUBE-MARK-MASQ'));
    out.push(
      l
        .replace(/(--comment "[^"]+?) -> [^"]+"/, '$1"')
        .replace(/--probability 0\.3333333333\b/, '--probability 0.33332999982')
        .replace(/--probability 0\.5000000000\b/, '--probability 0.50000000000'),
    );
  }
  return out.join('\n');
}
