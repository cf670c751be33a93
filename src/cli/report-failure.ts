import { CollectError } from '../collect/collect-error.ts';
import { ConfigError } from '../config/hosts-config.ts';
import { plainText } from '../grading/reporters/text-safety.ts';
import { LabCatalogError } from '../labs/catalog.ts';
import { SshError } from '../ssh/ssh-error.ts';
import { pick, t, type Lang, type Localized } from '../shared/i18n.ts';
import { CliError, EXIT } from './errors.ts';
import { usage } from './usage.ts';

/** What the top-level catch prints and returns for an error. */
export interface Failure {
  exitCode: number;
  text: string;
}

/**
 * The one place errors become messages and exit codes: usage and input 2, collection 3,
 * interruption 130, anything else is a bug (70) and shows its stack only with K8S_LABS_DEBUG=1.
 */
export function describeFailure(err: unknown, lang: Lang, env: Record<string, string | undefined>): Failure {
  const say = (text: Localized) => pick(text, lang);
  const prefix = say(t('错误：', 'error: '));
  if (err instanceof CliError) {
    const text = `${prefix}${say(err.text)}\n${err.showUsage ? `\n${usage(lang)}` : ''}`;
    return { exitCode: err.exitCode, text };
  }
  if (err instanceof ConfigError) {
    // The detail already names the file and lists every mistake, one per line.
    return { exitCode: EXIT.usage, text: `${prefix}${plainText(say(err.detail))}\n` };
  }
  if (err instanceof LabCatalogError) {
    return {
      exitCode: EXIT.usage,
      text: `${prefix}${say(t('实验目录有误：', 'the lab catalog is invalid: '))}${plainText(err.message)}\n`,
    };
  }
  const collect = collectFailures(err);
  if (collect.length > 0) {
    const lines = collect.map(
      (c) =>
        `${prefix}${say(t(`无法从主机 ${c.host} 采集数据（${c.kind}）：`, `could not collect from host ${c.host} (${c.kind}): `))}${plainText(say(c.detail))}`,
    );
    return { exitCode: EXIT.collect, text: `${lines.join('\n')}\n` };
  }
  if (isAbort(err)) {
    return { exitCode: EXIT.interrupted, text: `${say(t('已中断。', 'Interrupted.'))}\n` };
  }
  const detail = err instanceof Error ? err.message : String(err);
  const debug = env['K8S_LABS_DEBUG'] && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  const hint = debug ? '' : say(t('（设置 K8S_LABS_DEBUG=1 可查看堆栈）', ' (set K8S_LABS_DEBUG=1 to see the stack)'));
  return { exitCode: EXIT.internal, text: `${prefix}${say(t('内部错误：', 'internal error: '))}${plainText(detail)}${hint}${debug}\n` };
}

/** Every host a CollectError (or a bare SshError) says could not be collected. */
function collectFailures(err: unknown): { host: string; kind: string; detail: Localized }[] {
  if (err instanceof CollectError) {
    const all = err.failures.length > 0 ? err.failures : [err];
    return all.map((e) => ({ host: e.host, kind: e.kind, detail: e.detail }));
  }
  if (err instanceof SshError) return [{ host: '?', kind: err.kind, detail: err.detail }];
  return [];
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR');
}
