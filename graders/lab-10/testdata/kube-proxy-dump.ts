import { createHash } from 'node:crypto';

/**
 * Writes the nat table kube-proxy's iptables mode would write for some Service ports, in the
 * layout of kube-proxy ≥ 1.28 (`restore` style: options in kube-proxy's order, no /32, comments
 * "ns/svc:port -> ip:port") or as iptables-save prints it (`save` style). Chain names use
 * kube-proxy's scheme (base32 of sha256, 16 characters). Test data for variants the recorded
 * dumps do not cover (2 endpoints, session affinity, other namespaces).
 */

export interface GenPort {
  namespace: string;
  service: string;
  portName: string;
  clusterIP: string;
  port: number;
  protocol?: 'tcp' | 'udp';
  /** `ip:port` of each endpoint, in rule order. */
  endpoints: string[];
  /** Probabilities to print instead of 1/n, 1/(n-1), … (null = no statistic match). */
  probabilities?: (number | null)[];
  affinity?: boolean;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const chainName = (prefix: string, key: string) => `${prefix}-${base32(createHash('sha256').update(key).digest()).slice(0, 16)}`;

export function kubeProxyNat(ports: GenPort[], style: 'restore' | 'save' = 'restore'): string {
  const decl: string[] = [':KUBE-SERVICES - [0:0]', ':KUBE-NODEPORTS - [0:0]', ':KUBE-MARK-MASQ - [0:0]', ':KUBE-POSTROUTING - [0:0]'];
  const rules: string[] = [];
  const services: string[] = [];
  for (const p of ports) {
    const proto = p.protocol ?? 'tcp';
    const spn = `${p.namespace}/${p.service}:${p.portName}`;
    const svc = chainName('KUBE-SVC', spn + proto);
    decl.push(`:${svc} - [0:0]`);
    const dest = style === 'save' ? `${p.clusterIP}/32` : p.clusterIP;
    services.push(
      style === 'save'
        ? `-A KUBE-SERVICES -d ${dest} -p ${proto} -m comment --comment "${spn} cluster IP" -m ${proto} --dport ${p.port} -j ${svc}`
        : `-A KUBE-SERVICES -m comment --comment "${spn} cluster IP" -m ${proto} -p ${proto} -d ${dest} --dport ${p.port} -j ${svc}`,
    );
    rules.push(
      `-A ${svc} -m comment --comment "${spn} cluster IP" -m ${proto} -p ${proto} -d ${dest} --dport ${p.port} ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ`,
    );
    const seps = p.endpoints.map((ep) => chainName('KUBE-SEP', spn + proto + ep));
    if (p.affinity)
      seps.forEach((sep, i) =>
        rules.push(
          `-A ${svc} -m comment --comment "${spn} -> ${p.endpoints[i]}" -m recent --name ${sep} --rcheck --seconds 10800 --reap -j ${sep}`,
        ),
      );
    p.endpoints.forEach((ep, i) => {
      const n = p.endpoints.length - i;
      const given = p.probabilities?.[i];
      const prob = given === undefined ? (n > 1 ? 1 / n : null) : given;
      const stat = prob === null ? '' : ` -m statistic --mode random --probability ${prob.toFixed(10)}`;
      rules.push(`-A ${svc} -m comment --comment "${spn} -> ${ep}"${stat} -j ${seps[i]}`);
    });
    p.endpoints.forEach((ep, i) => {
      const sep = seps[i] as string;
      const ip = ep.replace(/:\d+$/, '');
      decl.push(`:${sep} - [0:0]`);
      rules.push(`-A ${sep} -m comment --comment ${spn} -s ${ip} -j KUBE-MARK-MASQ`);
      const recent = p.affinity ? ` -m recent --name ${sep} --set` : '';
      rules.push(`-A ${sep} -m comment --comment ${spn}${recent} -m ${proto} -p ${proto} -j DNAT --to-destination ${ep}`);
    });
  }
  return [
    '*nat',
    ...decl,
    ...services,
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
    ...rules,
    'COMMIT',
    '',
  ].join('\n');
}

/** service1's two ports with the given endpoint IPs (targetPort = port). */
export function service1Ports(ips: string[], namespace = 'default', extra: Partial<GenPort> = {}): GenPort[] {
  return [
    {
      namespace,
      service: 'service1',
      portName: 'fileserver',
      clusterIP: '10.108.64.11',
      port: 8080,
      endpoints: ips.map((ip) => `${ip}:8080`),
      ...extra,
    },
    {
      namespace,
      service: 'service1',
      portName: 'downloader',
      clusterIP: '10.108.64.11',
      port: 3000,
      endpoints: ips.map((ip) => `${ip}:3000`),
      ...extra,
    },
  ];
}

/** An ipvs-mode nat table (kube-proxy --proxy-mode=ipvs): KUBE-SERVICES matches ipsets. */
export const IPVS_NAT = [
  '*nat',
  ':PREROUTING ACCEPT [0:0]',
  ':INPUT ACCEPT [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':POSTROUTING ACCEPT [0:0]',
  ':KUBE-MARK-MASQ - [0:0]',
  ':KUBE-NODE-PORT - [0:0]',
  ':KUBE-POSTROUTING - [0:0]',
  ':KUBE-SERVICES - [0:0]',
  '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
  '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
  '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
  '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
  '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
  '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
  '-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ',
  '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
  '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
  'COMMIT',
  '',
].join('\n');

/** What iptables-save prints on a node where kube-proxy wrote nothing (kubelet's chains only). */
export const NO_KUBE_PROXY = [
  '# Generated by iptables-save v1.8.7 on Fri Nov 27 12:00:00 2026',
  '*mangle',
  ':PREROUTING ACCEPT [0:0]',
  ':KUBE-IPTABLES-HINT - [0:0]',
  ':KUBE-KUBELET-CANARY - [0:0]',
  'COMMIT',
  '*nat',
  ':PREROUTING ACCEPT [0:0]',
  ':POSTROUTING ACCEPT [0:0]',
  'COMMIT',
  '',
].join('\n');
