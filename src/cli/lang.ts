import { DEFAULT_LANG, type Lang } from '../shared/i18n.ts';

/**
 * The language from the locale, as POSIX ranks it: LC_ALL, then LC_MESSAGES, then LANG (the first
 * one set and non-empty wins). An English locale (`en`, `en_US.UTF-8`, …) gives English; anything
 * else gives Chinese, the course's language.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  if (locale === undefined) return DEFAULT_LANG;
  return /^en(?:[_.@-]|$)/i.test(locale) ? 'en' : 'zh';
}

/** `--lang` as given on the command line, looked for before full parsing (for usage errors). */
export function langFromArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg?.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return undefined;
}
