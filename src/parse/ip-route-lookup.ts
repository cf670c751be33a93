import type { IpRoute } from './ip-json.ts';

/** IPv4 arithmetic for route lookups (the pod network of the homework is IPv4). */

/** `10.244.1.4` → its 32-bit value; undefined for anything else. */
export function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (((parts[0] as number) << 24) >>> 0) + ((parts[1] as number) << 16) + ((parts[2] as number) << 8) + (parts[3] as number);
}

/** `10.244.1.0/24` → network and prefix length; a bare address is a /32; `default` is /0. */
export function parseCidr(cidr: string): { net: number; len: number } | undefined {
  if (cidr === 'default') return { net: 0, len: 0 };
  const [ip, lenText] = cidr.split('/');
  const addr = ipv4ToInt(ip ?? '');
  const len = lenText === undefined ? 32 : Number(lenText);
  if (addr === undefined || !Number.isInteger(len) || len < 0 || len > 32) return undefined;
  return { net: len === 0 ? 0 : (addr & maskOf(len)) >>> 0, len };
}

const maskOf = (len: number): number => (len === 0 ? 0 : (~0 << (32 - len)) >>> 0);

/** True when the CIDR `outer` contains the CIDR (or address) `inner`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || i.len < o.len) return false;
  return (i.net & maskOf(o.len)) >>> 0 === o.net;
}

/**
 * The route the kernel would pick from the main table for a destination (an address or a whole
 * CIDR): the longest prefix that contains it, lowest metric on a tie. Only unicast routes of the
 * main table count (`ip route show` prints just those unless told otherwise).
 */
export function lookupRoute(routes: readonly IpRoute[], destination: string): IpRoute | undefined {
  let best: { route: IpRoute; len: number } | undefined;
  for (const route of routes) {
    if (route.type !== 'unicast' || (route.table !== undefined && route.table !== 'main')) continue;
    const p = parseCidr(route.dst);
    if (!p || !cidrContains(route.dst, destination)) continue;
    const better = !best || p.len > best.len || (p.len === best.len && (route.metric ?? 0) < (best.route.metric ?? 0));
    if (better) best = { route, len: p.len };
  }
  return best?.route;
}
