/**
 * The stdout of `http.service1` (docs/probes.md): `namespace <ns>`, then `<clusterIP> <http status>`
 * on the last line. Snapshots from before the probe looked in every namespace have only the last
 * line; that older probe asked namespace `default` alone, so that is the namespace they imply.
 */
export interface HttpOutput {
  /** The namespace of the service1 that was called. */
  namespace: string;
  /** True when the output has no namespace line (an older collector, `default` only). */
  oldFormat: boolean;
  ip: string;
  /** The HTTP status curl printed; 0 when there was no HTTP answer (`000`). */
  code: number;
}

const lines = (stdout: string): string[] =>
  stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The namespace named by a `namespace <ns>` line, if the output has one. */
export function namespaceOf(stdout: string): string | undefined {
  for (const l of lines(stdout)) {
    const m = /^namespace\s+(\S+)$/.exec(l);
    if (m?.[1] !== undefined) return m[1];
  }
  return undefined;
}

/** Parses the whole output; undefined when its last line is not `<address> <3-digit status>`. */
export function parseHttpOutput(stdout: string): HttpOutput | undefined {
  const m = /^(\S+)\s+(\d{3})$/.exec(lines(stdout).pop() ?? '');
  if (m === null || m[1] === undefined || m[2] === undefined) return undefined;
  const ns = namespaceOf(stdout);
  return { namespace: ns ?? 'default', oldFormat: ns === undefined, ip: m[1], code: Number(m[2]) };
}
