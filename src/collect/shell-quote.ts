/**
 * The only two ways text enters a collector script: constants written in this repository, quoted
 * with `shQuote`, and names from lab metadata that pass `isDnsLabel` first. Nothing typed by a
 * user or printed by the cluster is ever part of script text; such values reach probes only
 * through shell variables set from command output (see docs/probes.md).
 */

/** A Kubernetes DNS-1123 label (namespace or pod name): `[a-z0-9]`, inner `-`, at most 63. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function isDnsLabel(text: string): boolean {
  return DNS_LABEL.test(text);
}

/**
 * POSIX single-quoting: inside `'…'` nothing is special, and a `'` is written as `'\''`.
 * NUL cannot be passed to a shell at all, so it is refused rather than silently dropped.
 */
export function shQuote(text: string): string {
  if (text.includes('\0')) throw new Error('shQuote: NUL cannot be quoted for a shell');
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
