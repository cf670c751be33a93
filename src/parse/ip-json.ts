import { t, type Localized } from '../shared/i18n.ts';

/**
 * Parsers for iproute2's JSON output: `ip -j -d link show`, `ip -j addr show`, `ip -j route show`.
 * Each value is picked field by field into a fresh object (never spread or merged), so hostile
 * keys such as `__proto__` cannot reach a prototype. Invalid JSON, which some iproute2 versions
 * print (iproute2/iproute2#37: `{"broadcast","dst":…}`), is reported with line and column.
 */

export interface IpLink {
  ifindex: number;
  ifname: string;
  /** Peer's ifindex for a veth whose peer lives in another namespace (`eth0@if6`). */
  linkIndex?: number;
  /** Peer's name when it lives in the same namespace. */
  link?: string;
  /** Namespace id of the peer, as seen from this namespace. */
  linkNetnsid?: number;
  /** Bridge (or bond) this device is enslaved to. */
  master?: string;
  operstate?: string;
  flags: string[];
  mtu?: number;
  address?: string;
  /** `linkinfo.info_kind` (`veth`, `bridge`, `vxlan`, …); only with `ip -d`. */
  kind?: string;
  /** `linkinfo.info_slave_kind` (`bridge` for a bridge port). */
  slaveKind?: string;
  /** vxlan details from `linkinfo.info_data`. */
  vxlan?: { id?: number; local?: string; port?: number; dev?: string };
  /** Set when the output came with details (`ip -d`): `linkinfo` is absent for plain devices then. */
  detailed: boolean;
}

export interface IpAddress {
  family: string;
  local: string;
  prefixlen: number;
  scope?: string;
  label?: string;
}

export interface IpAddrLink extends IpLink {
  addrs: IpAddress[];
}

export interface IpRoute {
  /** `default`, a CIDR, or a bare address (a host route). */
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
  /** `unicast` unless printed otherwise (`local`, `broadcast`, `blackhole`, …). */
  type: string;
  table?: string;
  metric?: number;
  flags: string[];
}

export interface IpJsonError {
  kind: 'empty' | 'not-json' | 'invalid-json' | 'not-a-list';
  message: Localized;
  line?: number;
  column?: number;
}

export type IpJsonResult<T> = { ok: true; value: T[] } | { ok: false; error: IpJsonError };

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses the top-level JSON array of an `ip -j` command. */
function parseArray(text: string, what: string): { ok: true; items: Record<string, unknown>[] } | { ok: false; error: IpJsonError } {
  const body = text.trim();
  if (body === '') {
    return { ok: false, error: { kind: 'empty', message: t(`\`${what}\` 没有任何输出。`, `\`${what}\` printed nothing.`) } };
  }
  if (!body.startsWith('[') && !body.startsWith('{')) {
    const first = body.split('\n', 1)[0]?.slice(0, 120) ?? '';
    return {
      ok: false,
      error: {
        kind: 'not-json',
        line: 1,
        column: 1,
        message: t(
          `\`${what}\` 的输出不是 JSON（第 1 行：“${first}”）。iproute2 4.17 之前的版本会忽略 -j 而打印文本；也可能是登录横幅混入了输出。`,
          `The output of \`${what}\` is not JSON (line 1: "${first}"). iproute2 before 4.17 ignores -j and prints text; a login banner may also have been mixed in.`,
        ),
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body, (key, v: unknown) => (UNSAFE_KEYS.has(key) ? undefined : v));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const where = locate(body, msg);
    const at = where ? ` (line ${where.line}, column ${where.column})` : '';
    const atZh = where ? `（第 ${where.line} 行第 ${where.column} 列）` : '';
    const error: IpJsonError = {
      kind: 'invalid-json',
      message: t(
        `\`${what}\` 打印了无效的 JSON${atZh}：${msg}。这是某些 iproute2 版本的已知缺陷（iproute2/iproute2#37）。`,
        `\`${what}\` printed invalid JSON${at}: ${msg}. Some iproute2 versions are known to do this (iproute2/iproute2#37).`,
      ),
    };
    if (where) {
      error.line = where.line;
      error.column = where.column;
    }
    return { ok: false, error };
  }
  if (!Array.isArray(value)) {
    return {
      ok: false,
      error: { kind: 'not-a-list', message: t(`\`${what}\` 的 JSON 不是列表。`, `The JSON of \`${what}\` is not a list.`) },
    };
  }
  return { ok: true, items: value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)) };
}

/** Line and column of a JSON.parse error, from "position N" or "(line L column C)" in its message. */
function locate(text: string, message: string): { line: number; column: number } | undefined {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (!pos) return undefined;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  return { line, column: Number(pos[1]) - before.lastIndexOf('\n') };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function toLink(o: Record<string, unknown>): IpLink | undefined {
  const ifindex = num(o['ifindex']);
  const ifname = str(o['ifname']);
  if (ifindex === undefined || ifname === undefined) return undefined;
  const link: IpLink = { ifindex, ifname, flags: strings(o['flags']), detailed: 'promiscuity' in o || 'linkinfo' in o || 'min_mtu' in o };
  const set = <K extends keyof IpLink>(k: K, v: IpLink[K] | undefined) => {
    if (v !== undefined) link[k] = v;
  };
  set('linkIndex', num(o['link_index']));
  set('link', str(o['link']));
  set('linkNetnsid', num(o['link_netnsid']));
  set('master', str(o['master']));
  set('operstate', str(o['operstate']));
  set('mtu', num(o['mtu']));
  set('address', str(o['address']));
  const info = obj(o['linkinfo']);
  if (info) {
    set('kind', str(info['info_kind']));
    set('slaveKind', str(info['info_slave_kind']));
    const data = obj(info['info_data']);
    if (link.kind === 'vxlan' && data) {
      const vx: NonNullable<IpLink['vxlan']> = {};
      const id = num(data['id']);
      const local = str(data['local']);
      const port = num(data['port']);
      const dev = str(data['link']);
      if (id !== undefined) vx.id = id;
      if (local !== undefined) vx.local = local;
      if (port !== undefined) vx.port = port;
      if (dev !== undefined) vx.dev = dev;
      link.vxlan = vx;
    }
  }
  return link;
}

/** `ip -j -d link show` (also plain `ip -j link show`). */
export function parseIpLinks(text: string, what = 'ip -j -d link show'): IpJsonResult<IpLink> {
  const r = parseArray(text, what);
  if (!r.ok) return r;
  return { ok: true, value: r.items.map(toLink).filter((l): l is IpLink => l !== undefined) };
}

/** `ip -j addr show`, on a host or inside a Pod's network namespace. */
export function parseIpAddrs(text: string, what = 'ip -j addr show'): IpJsonResult<IpAddrLink> {
  const r = parseArray(text, what);
  if (!r.ok) return r;
  const out: IpAddrLink[] = [];
  for (const o of r.items) {
    const link = toLink(o);
    if (!link) continue;
    const addrs: IpAddress[] = [];
    for (const a of Array.isArray(o['addr_info']) ? o['addr_info'] : []) {
      const ao = obj(a);
      const family = str(ao?.['family']);
      const local = str(ao?.['local']);
      const prefixlen = num(ao?.['prefixlen']);
      if (!ao || family === undefined || local === undefined || prefixlen === undefined) continue;
      const addr: IpAddress = { family, local, prefixlen };
      const scope = str(ao['scope']);
      const label = str(ao['label']);
      if (scope !== undefined) addr.scope = scope;
      if (label !== undefined) addr.label = label;
      addrs.push(addr);
    }
    out.push({ ...link, addrs });
  }
  return { ok: true, value: out };
}

/** `ip -j route show`. */
export function parseIpRoutes(text: string, what = 'ip -j route show'): IpJsonResult<IpRoute> {
  const r = parseArray(text, what);
  if (!r.ok) return r;
  const out: IpRoute[] = [];
  for (const o of r.items) {
    const dst = str(o['dst']);
    if (dst === undefined) continue;
    const route: IpRoute = { dst, type: str(o['type']) ?? 'unicast', flags: strings(o['flags']) };
    for (const k of ['gateway', 'dev', 'protocol', 'scope', 'prefsrc', 'table'] as const) {
      const v = str(o[k]);
      if (v !== undefined) route[k] = v;
    }
    const metric = num(o['metric']);
    if (metric !== undefined) route.metric = metric;
    out.push(route);
  }
  return { ok: true, value: out };
}
