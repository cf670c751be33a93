/** IPv4 CIDR arithmetic for the pod-network check (flannel's Network vs each node's podCIDR). */

export interface Cidr4 {
  /** Network address as an unsigned 32-bit number (host bits cleared). */
  base: number;
  prefix: number;
  /** As written, e.g. `10.244.0.0/16`. */
  text: string;
}

/** Parses `a.b.c.d/n`; undefined for IPv6 or anything malformed. */
export function parseCidr4(text: string): Cidr4 | undefined {
  const m = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\/([0-9]{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { base: (addr - (addr % 2 ** (32 - prefix))) >>> 0, prefix, text: text.trim() };
}

/** True when every address of `inner` lies inside `outer`. */
export function cidrContains(outer: Cidr4, inner: Cidr4): boolean {
  if (inner.prefix < outer.prefix) return false;
  return Math.floor(inner.base / 2 ** (32 - outer.prefix)) === Math.floor(outer.base / 2 ** (32 - outer.prefix));
}

/** Same network and prefix (`10.244.0.0/16` equals `10.244.0.0/16`, not `10.244.0.0/24`). */
export function cidrEquals(a: Cidr4, b: Cidr4): boolean {
  return a.base === b.base && a.prefix === b.prefix;
}
