import { parseArgs } from 'node:util';
import { t, type Lang } from '../shared/i18n.ts';
import { closest } from './did-you-mean.ts';
import { usageError } from './errors.ts';

/** The parsed command line of `npm run grade`. */
export interface CliOptions {
  /** `grade` (labs named), `list` (show the labs) or `help`. */
  command: 'grade' | 'list' | 'help';
  /** Lab selectors as typed (`lab-10`, `10`, `q10`, `all`); resolved against the catalog later. */
  targets: string[];
  json: boolean;
  junit?: string;
  gradescope?: string;
  snapshot?: string;
  saveSnapshot?: string;
  config?: string;
  /** Observation length in seconds for labs graded over time (lab-13). */
  observe?: number;
  lang?: Lang;
}

const OPTIONS = {
  json: { type: 'boolean' },
  junit: { type: 'string' },
  gradescope: { type: 'string' },
  snapshot: { type: 'string' },
  'save-snapshot': { type: 'string' },
  config: { type: 'string' },
  observe: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The longest observation lab.yaml allows (src/shared/lab.ts). */
export const MAX_OBSERVE_SECONDS = 3600;

/** Parses strictly: an unknown flag, a missing value or a bad combination throws a usage CliError. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw translateParseError(err);
  }
  const { values, positionals } = parsed;
  const opts: CliOptions = { command: 'grade', targets: positionals, json: values.json ?? false };
  if (values.help) return { ...opts, command: 'help' };
  for (const key of ['junit', 'gradescope', 'snapshot', 'config'] as const) {
    const v = values[key];
    if (v !== undefined) opts[key] = nonEmptyPath(`--${key}`, v);
  }
  if (values['save-snapshot'] !== undefined) opts.saveSnapshot = nonEmptyPath('--save-snapshot', values['save-snapshot']);
  if (values.lang !== undefined) {
    if (values.lang !== 'zh' && values.lang !== 'en') {
      throw usageError(t(`--lang 只接受 zh 或 en，收到的是 "${values.lang}"。`, `--lang takes zh or en; got "${values.lang}".`));
    }
    opts.lang = values.lang;
  }
  if (values.observe !== undefined) opts.observe = observeSeconds(values.observe);

  if (positionals[0]?.toLowerCase() === 'list') {
    if (positionals.length > 1) throw usageError(t('list 后面不接实验编号。', 'list takes no lab ids.'));
    const extra = ['junit', 'gradescope', 'snapshot', 'config', 'saveSnapshot', 'observe'].filter(
      (k) => opts[k as keyof CliOptions] !== undefined,
    );
    if (extra.length > 0) throw usageError(t('list 只接受 --lang 和 --json。', 'list takes only --lang and --json.'));
    return { ...opts, command: 'list', targets: [] };
  }
  if (positionals.length === 0) {
    throw usageError(t('请指定要评分的实验，例如 lab-10，或 all。', 'Name the lab to grade, e.g. lab-10, or all.'));
  }
  if (opts.snapshot !== undefined) {
    const live = (['config', 'saveSnapshot', 'observe'] as const).filter((k) => opts[k] !== undefined);
    if (live.length > 0) {
      const flags = live.map((k) => (k === 'saveSnapshot' ? '--save-snapshot' : `--${k}`)).join(', ');
      throw usageError(
        t(
          `--snapshot 离线评分，不能与 ${flags} 同用（它们只用于实时采集）。`,
          `--snapshot grades offline; it cannot be combined with ${flags} (those are for live collection).`,
        ),
      );
    }
  }
  return opts;
}

function nonEmptyPath(flag: string, value: string): string {
  if (value.trim() === '') throw usageError(t(`${flag} 需要一个文件路径。`, `${flag} needs a file path.`));
  return value;
}

function observeSeconds(text: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isInteger(n) || n > MAX_OBSERVE_SECONDS) {
    throw usageError(
      t(
        `--observe 需要 0 到 ${MAX_OBSERVE_SECONDS} 之间的整数秒数，收到的是 "${text}"。`,
        `--observe takes whole seconds from 0 to ${MAX_OBSERVE_SECONDS}; got "${text}".`,
      ),
    );
  }
  return n;
}

/** Node's parseArgs errors, restated briefly in both languages. */
function translateParseError(err: unknown): Error {
  const e = err as { code?: string; message?: string };
  const name = /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
  const option = name.split(' ')[0] ?? name;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const near = closest(option.replace(/^-+/, ''), new Map(Object.keys(OPTIONS).map((k) => [`--${k}`, [k]])));
      const zh = near.length > 0 ? `是不是想用 ${near.join(' 或 ')}？` : '';
      const en = near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : '';
      return usageError(t(`未知选项 ${option}。${zh}`, `Unknown option ${option}.${en}`));
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const needsValue = /argument missing|ambiguous/.test(e.message ?? '');
      return usageError(
        needsValue
          ? t(`选项 ${option} 需要一个值。`, `Option ${option} needs a value.`)
          : t(`选项 ${option} 不接受值。`, `Option ${option} takes no value.`),
      );
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return usageError(t(`多余的参数 ${option}。`, `Unexpected argument ${option}.`));
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}
