/**
 * `ps aux` (also `ps auxwww`, `ps auxwwwm`, `ps -ef`) → processes. Pure: text in, data out.
 *
 * Components are found by the basename of argv[0] (`/usr/local/bin/kube-proxy` → `kube-proxy`),
 * never by substring: the learner's own `grep kube`, an editor with `kubelet.conf` open, or
 * `kubectl logs kube-apiserver-…` must not count as a running component.
 */

/** One process row. */
export interface PsProcess {
  /** USER (ps aux) or UID (ps -ef) column. */
  user: string;
  pid: number;
  /** The command column with its spaces kept, as printed. */
  command: string;
  /** Basename of argv[0]; for `hyperkube <component>` (Kubernetes ≤ 1.17) the component. */
  exe: string;
  /** The row as printed, for evidence. */
  line: string;
}

export interface PsTable {
  /** The header row as printed. */
  header: string;
  processes: PsProcess[];
  /**
   * Set when the rows look cut at a terminal width (`ps aux` run with COLUMNS set, or copied from
   * a terminal): then a command line, even its executable, may be incomplete.
   */
  cutAt?: number;
}

/** Names ps gives its last (command) column, by output format. */
const COMMAND_COLUMNS = new Set(['COMMAND', 'CMD', 'ARGS']);

/**
 * Parses ps output with a header row. Rows before the header (a login banner) and rows that do
 * not fit (thread rows of `ps m`, whose PID is `-`; shell prompts in a transcript) are skipped.
 * Returns undefined when no ps header is found.
 */
export function parsePs(text: string): PsTable | undefined {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex(isHeader);
  if (headerAt < 0) return undefined;
  const header = lines[headerAt] as string;
  const columns = header.trim().split(/\s+/);
  const pidCol = columns.indexOf('PID');
  const userCol = columns.findIndex((c) => c === 'USER' || c === 'UID');
  const processes: PsProcess[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    const row = splitRow(line, columns.length);
    if (!row) continue;
    const pidText = row.fields[pidCol] ?? '';
    if (!/^[0-9]+$/.test(pidText)) continue;
    processes.push({
      user: userCol >= 0 ? (row.fields[userCol] ?? '') : '',
      pid: Number(pidText),
      command: row.command,
      exe: executableName(row.command),
      line,
    });
  }
  const table: PsTable = { header, processes };
  const cutAt = cutWidth(processes);
  if (cutAt !== undefined) table.cutAt = cutAt;
  return table;
}

/**
 * The width rows were cut at, if they were: ps cuts every longer row to exactly the width, so
 * several rows of *different* programs end at the same, longest, column. (Rows of one program,
 * such as containerd-shim with its fixed-length ids, are naturally equal and prove nothing.)
 */
function cutWidth(processes: readonly PsProcess[]): number | undefined {
  const width = Math.max(0, ...processes.map((p) => p.line.trimEnd().length));
  const atWidth = processes.filter((p) => p.line.trimEnd().length === width);
  return atWidth.length >= 3 && new Set(atWidth.map((p) => p.exe)).size >= 2 ? width : undefined;
}

function isHeader(line: string): boolean {
  const cols = line.trim().split(/\s+/);
  return cols.includes('PID') && COMMAND_COLUMNS.has(cols[cols.length - 1] ?? '');
}

/** The first n-1 whitespace-separated fields, and the rest of the line (the command) verbatim. */
function splitRow(line: string, n: number): { fields: string[]; command: string } | undefined {
  const fields: string[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    if (fields.length === n - 1) return { fields, command: line.slice(m.index).trimEnd() };
    fields.push(m[0]);
  }
  return undefined;
}

/** Basename of argv[0] of a command line; `hyperkube kubelet …` → `kubelet`. */
export function executableName(command: string): string {
  const [argv0 = '', argv1 = ''] = command.trim().split(/\s+/);
  // Kernel threads (`[kworker/0:1]`) are named, not paths.
  if (argv0.startsWith('[')) return argv0;
  const base = basename(argv0);
  return base === 'hyperkube' && argv1 !== '' && !argv1.startsWith('-') ? basename(argv1) : base;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Processes whose executable is exactly `exe`. */
export function processesNamed(table: PsTable, exe: string): PsProcess[] {
  return table.processes.filter((p) => p.exe === exe);
}
