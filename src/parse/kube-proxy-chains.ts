import { bareAddress, rulesOf, type IptablesDump, type IptablesRule } from './iptables-save.ts';

/**
 * What kube-proxy's iptables mode built for one Service port, read from an iptables-save dump:
 * KUBE-SERVICES (-d ClusterIP -p proto --dport P) → KUBE-SVC-X (or KUBE-SVL-X, internal traffic
 * policy Local) → one KUBE-SEP-Y per endpoint, chosen by `-m statistic --mode random` rules
 * evaluated in order, each KUBE-SEP DNATing to ip:port. Works for kube-proxy 1.19 … current
 * (comment formats differ; the Service is identified by ClusterIP and port, never by comment).
 */

/** How kube-proxy appears to run, judged from the dump alone. */
export type DumpProxyMode =
  /** nat KUBE-SERVICES exists and uses per-service chains. */
  | { mode: 'iptables' }
  /** nat KUBE-SERVICES matches ipsets (`-m set --match-set KUBE-CLUSTER-IP`): ipvs mode. */
  | { mode: 'ipvs'; rule: IptablesRule }
  /** No nat KUBE-SERVICES chain: nftables mode, kube-proxy not running, or another backend's tables. */
  | { mode: 'none' };

export function proxyModeOfDump(dump: IptablesDump): DumpProxyMode {
  const nat = dump.tables.get('nat');
  if (!nat?.chains.has('KUBE-SERVICES')) return { mode: 'none' };
  const ipvsRule = rulesOf(dump, 'nat', 'KUBE-SERVICES').find((r) => r.matchSets.some((s) => /^KUBE-/.test(s.name)));
  return ipvsRule ? { mode: 'ipvs', rule: ipvsRule } : { mode: 'iptables' };
}

/** The Service port to look for. */
export interface ServicePortRef {
  clusterIP: string;
  port: number;
  /** `TCP`, `UDP` or `SCTP` (case-insensitive). */
  protocol: string;
}

/** One way out of a KUBE-SVC chain. */
export interface Branch {
  /** The jump target (`KUBE-SEP-…` for an endpoint). */
  target: string;
  /** True when the target is a KUBE-SEP chain. */
  endpoint: boolean;
  /** The `--probability` printed on the rule; null when the rule is unconditional (the last one). */
  probability: number | null;
  /** The share of new connections that take this branch: p1, (1-p1)·p2, …, the rest. */
  effective: number;
  line: number;
  rule: string;
  comment?: string;
  /** False when the KUBE-SEP chain is jumped to but has no rules in the dump. */
  sepExists: boolean;
  /** The DNAT of the KUBE-SEP chain. */
  dnat?: { ip: string; port: number; line: number; rule: string };
}

export interface ServicePortChains {
  /** KUBE-SERVICES rules that send this ClusterIP:port to a service chain (the first one wins). */
  jumps: IptablesRule[];
  /** The service chain (KUBE-SVC-… or KUBE-SVL-…) of the first jump. */
  svcChain?: string;
  /** Branches to endpoints, in rule order, with effective probabilities. */
  branches: Branch[];
  /** True when session-affinity rules (`-m recent --rcheck`) come first. */
  affinity: boolean;
  /** Share of connections that match no branch and leave the chain undirected. */
  fallthrough: number;
  /** filter-table REJECT/DROP rule for this ClusterIP:port ("has no endpoints"). */
  rejected?: IptablesRule;
}

const SERVICE_CHAIN = /^KUBE-SV[CL]-/;

function matchesPort(rule: IptablesRule, ref: ServicePortRef): boolean {
  if (!rule.destination || rule.destination.negated) return false;
  if (bareAddress(rule.destination.value) !== ref.clusterIP) return false;
  if (rule.protocol && rule.protocol.value.toLowerCase() !== ref.protocol.toLowerCase()) return false;
  return rule.dport !== undefined && !rule.dport.negated && rule.dport.value === String(ref.port);
}

/** Analyses the chains kube-proxy built for one ClusterIP:port. */
export function analyseServicePort(dump: IptablesDump, ref: ServicePortRef): ServicePortChains {
  const jumps = rulesOf(dump, 'nat', 'KUBE-SERVICES').filter(
    (r) => matchesPort(r, ref) && r.target !== undefined && SERVICE_CHAIN.test(r.target),
  );
  const result: ServicePortChains = { jumps, branches: [], affinity: false, fallthrough: 1 };
  const rejected = rulesOf(dump, 'filter', 'KUBE-SERVICES').find(
    (r) => matchesPort(r, ref) && (r.target === 'REJECT' || r.target === 'DROP'),
  );
  if (rejected) result.rejected = rejected;
  const svcChain = jumps[0]?.target;
  if (svcChain === undefined) return result;
  result.svcChain = svcChain;
  const walked = walkServiceChain(dump, svcChain);
  return { ...result, ...walked };
}

/** Walks a KUBE-SVC/KUBE-SVL chain: skips masquerade and affinity rules, computes shares. */
export function walkServiceChain(dump: IptablesDump, chain: string): Pick<ServicePortChains, 'branches' | 'affinity' | 'fallthrough'> {
  const branches: Branch[] = [];
  let affinity = false;
  let remaining = 1;
  for (const rule of rulesOf(dump, 'nat', chain)) {
    if (rule.target === undefined || rule.target === 'KUBE-MARK-MASQ') continue;
    if (rule.recent?.flags.includes('rcheck')) {
      affinity = true;
      continue;
    }
    const probability = probabilityOf(rule);
    const p = probability ?? 1;
    const effective = remaining * p;
    remaining -= effective;
    const endpoint = rule.target.startsWith('KUBE-SEP-');
    const sepRules = endpoint ? rulesOf(dump, 'nat', rule.target) : [];
    const branch: Branch = {
      target: rule.target,
      endpoint,
      probability,
      effective,
      line: rule.line,
      rule: rule.text,
      sepExists: sepRules.length > 0,
    };
    if (rule.comment !== undefined) branch.comment = rule.comment;
    const dnatRule = sepRules.find((r) => r.target === 'DNAT' && r.toDestination !== undefined);
    const hostPort = dnatRule?.toDestination !== undefined ? splitHostPort(dnatRule.toDestination) : undefined;
    if (dnatRule && hostPort) branch.dnat = { ...hostPort, line: dnatRule.line, rule: dnatRule.text };
    branches.push(branch);
  }
  return { branches, affinity, fallthrough: Math.max(0, remaining) };
}

/** The probability a rule's statistic match gives; null when the rule has none (always taken). */
function probabilityOf(rule: IptablesRule): number | null {
  const s = rule.statistic;
  if (!s) return null;
  if (s.mode === 'nth' && s.every !== undefined && s.every > 0) return 1 / s.every;
  const p = s.probability;
  return p !== undefined && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

/** `10.244.1.4:8080` → { ip, port }; `[fd00::4]:80` for IPv6. */
export function splitHostPort(value: string): { ip: string; port: number } | undefined {
  const m = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(value) ?? /^([0-9.]+):(\d+)$/.exec(value);
  if (!m) return undefined;
  return { ip: m[1] as string, port: Number(m[2]) };
}

/** A kube-proxy comment `ns/svc:port -> ip:port` (1.22+) read as parts; a help only. */
export function parseEndpointComment(comment: string | undefined): { service: string; endpoint?: string } | undefined {
  if (comment === undefined) return undefined;
  const m = /^(\S+?)(?:\s+->\s+(\S+))?(?:\s+cluster IP)?$/.exec(comment.trim());
  if (!m) return undefined;
  return m[2] === undefined ? { service: m[1] as string } : { service: m[1] as string, endpoint: m[2] };
}

/** KUBE-SERVICES rules whose comment names this Service port (to explain a ClusterIP mismatch). */
export function rulesNamingService(dump: IptablesDump, namespace: string, name: string, portName: string | undefined): IptablesRule[] {
  const want = portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
  return rulesOf(dump, 'nat', 'KUBE-SERVICES').filter((r) => {
    const c = parseEndpointComment(r.comment);
    return c !== undefined && (c.service === want || c.service === `${want}:`) && r.target !== undefined && SERVICE_CHAIN.test(r.target);
  });
}

/** Compares the DNAT targets of the branches with the endpoints kube-proxy should use. */
export function compareEndpoints(
  branches: readonly Branch[],
  expected: readonly { ip: string; port: number }[],
): { stale: string[]; missing: string[]; matched: string[]; noDnat: string[] } {
  const key = (e: { ip: string; port: number }) => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);
  const want = new Set(expected.map(key));
  const have = new Set<string>();
  const noDnat: string[] = [];
  for (const b of branches) {
    if (!b.endpoint) continue;
    if (b.dnat) have.add(key(b.dnat));
    else noDnat.push(b.target);
  }
  return {
    stale: [...have].filter((k) => !want.has(k)).sort(),
    missing: [...want].filter((k) => !have.has(k)).sort(),
    matched: [...have].filter((k) => want.has(k)).sort(),
    noDnat,
  };
}
