/**
 * Small host outputs: `/proc/swaps`, `apt-mark showhold`, `/etc/os-release`, `kubelet --version`.
 * Pure: text in, data out.
 */

/** One active swap area from /proc/swaps. */
export interface SwapArea {
  /** Device or file; the kernel's `\040`-style escapes are decoded. */
  filename: string;
  /** `partition` or `file`. */
  type: string;
  sizeKiB: number;
  usedKiB: number;
  priority: number;
}

/**
 * `cat /proc/swaps` → active swap areas (none when swap is off: the header alone).
 * Returns undefined when the text is not /proc/swaps (no `Filename … Priority` header).
 */
export function parseSwaps(text: string): SwapArea[] | undefined {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => /^Filename\s+Type\s+Size\s+Used\s+Priority\s*$/.test(l));
  if (at < 0) return undefined;
  const areas: SwapArea[] = [];
  for (const line of lines.slice(at + 1)) {
    const m = /^(\S+)\s+(\S+)\s+([0-9]+)\s+([0-9]+)\s+(-?[0-9]+)\s*$/.exec(line);
    if (!m) continue;
    areas.push({
      filename: unescapeOctal(m[1] as string),
      type: m[2] as string,
      sizeKiB: Number(m[3]),
      usedKiB: Number(m[4]),
      priority: Number(m[5]),
    });
  }
  return areas;
}

/** The kernel prints spaces and tabs in paths as `\040`, `\011`. */
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/**
 * `apt-mark showhold` → held package names, one per line (a foreign-arch suffix `:i386` dropped).
 * Empty output means nothing is held.
 */
export function parseHolds(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?$/.test(l))
    .map((l) => l.replace(/:[a-z0-9-]+$/, ''));
}

/** `cat /etc/os-release` → its KEY=value pairs, quotes removed (os-release(5)). */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let value = (m[2] as string).trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\(["\\$`])/g, '$1');
    }
    out[m[1] as string] = value;
  }
  return out;
}

/** True for Debian, Ubuntu and their derivatives (ID or ID_LIKE names debian/ubuntu). */
export function isDebianLike(os: Record<string, string>): boolean {
  const ids = `${os['ID'] ?? ''} ${os['ID_LIKE'] ?? ''}`.split(/\s+/);
  return ids.includes('debian') || ids.includes('ubuntu');
}

/** `kubelet --version` (`Kubernetes v1.29.4`) → `v1.29.4`; undefined when there is no version. */
export function parseKubeletVersion(text: string): string | undefined {
  const m = /\bKubernetes\s+(v[0-9]+\.[0-9]+\.[0-9]+[0-9A-Za-z.+-]*)/.exec(text);
  return m?.[1];
}
