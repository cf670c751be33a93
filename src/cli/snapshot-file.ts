import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { t } from '../shared/i18n.ts';
import { Snapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../shared/snapshot.ts';
import { inputError } from './errors.ts';

/** Snapshots hold raw command output; far above any real one, and bounded so a wrong file cannot exhaust memory. */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/** Reads and validates a snapshot file; any problem is one line saying what is wrong (exit 2). */
export function readSnapshotFile(path: string): Snapshot {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SNAPSHOT_BYTES) {
      throw inputError(t(`${path} 太大（${size} 字节），不像快照文件。`, `${path} is too large (${size} bytes) to be a snapshot.`));
    }
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof Error && err.name === 'CliError') throw err;
    throw inputError(t(`无法读取快照文件 ${path}：${ioReason(err)}`, `Cannot read the snapshot file ${path}: ${ioReason(err)}`));
  }
  return parseSnapshotText(text, path);
}

/** Parses snapshot JSON text (from a file or an upload); `source` names it in messages. */
export function parseSnapshotText(text: string, source: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const why = oneLine((err as Error).message);
    throw inputError(t(`${source} 不是 JSON（${why}）。`, `${source} is not JSON (${why}).`));
  }
  const head = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (head?.['format'] !== SNAPSHOT_FORMAT) {
    const seen = head && 'format' in head ? `format 为 ${JSON.stringify(head['format'])}` : '没有 format 字段';
    const seenEn = head && 'format' in head ? `its format is ${JSON.stringify(head['format'])}` : 'it has no format field';
    throw inputError(
      t(
        `${source} 不是 k8s-labs 快照（${seen}，应为 "${SNAPSHOT_FORMAT}"）。`,
        `${source} is not a k8s-labs snapshot (${seenEn}; expected "${SNAPSHOT_FORMAT}").`,
      ),
    );
  }
  if (head['version'] !== SNAPSHOT_VERSION) {
    const v = JSON.stringify(head['version']);
    throw inputError(
      t(
        `${source} 的快照版本是 ${v}，本程序只读取版本 ${SNAPSHOT_VERSION}。`,
        `${source} is snapshot version ${v}; this program reads version ${SNAPSHOT_VERSION}.`,
      ),
    );
  }
  const parsed = Snapshot.safeParse(value);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const where = first ? `${first.path.map(String).join('.') || '(root)'}: ${oneLine(first.message)}` : '?';
    const moreZh = rest.length > 0 ? `（另有 ${rest.length} 处问题）` : '';
    const moreEn = rest.length > 0 ? ` (and ${rest.length} more problems)` : '';
    throw inputError(t(`${source} 不是有效的快照：${where}${moreZh}`, `${source} is not a valid snapshot: ${where}${moreEn}`));
  }
  return parsed.data;
}

/** Saves a snapshot; owner-only, since probe output may name hosts, users and addresses. */
export function writeSnapshotFile(path: string, snapshot: Snapshot): void {
  writeOutputFile(path, `${JSON.stringify(snapshot, null, 2)}\n`, 0o600);
}

/** Writes a report file; a failure is an input error naming the path (exit 2). */
export function writeOutputFile(path: string, text: string, mode = 0o644): void {
  try {
    writeFileSync(path, text, { mode });
  } catch (err) {
    throw inputError(t(`无法写入 ${path}：${ioReason(err)}`, `Cannot write ${path}: ${ioReason(err)}`));
  }
}

function ioReason(err: unknown): string {
  const code = (err as { code?: string }).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a parent is not a directory',
  };
  return code && known[code] ? `${code}, ${known[code]}` : oneLine((err as Error).message ?? String(err));
}

function oneLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
