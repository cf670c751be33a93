import { DEFAULT_LANG, LANGS, type Lang } from '../shared/i18n.ts';

/**
 * URL paths per language: Chinese (the default) lives at `/…`, English under `/en/…`, as the Astro
 * i18n config says (`prefixDefaultLocale: false`). Pure, so the language switch and its tests agree.
 */

/** The language a path belongs to: `/en` and `/en/…` are English, everything else Chinese. */
export function langOfPath(pathname: string): Lang {
  for (const lang of LANGS) {
    if (lang !== DEFAULT_LANG && (pathname === `/${lang}` || pathname.startsWith(`/${lang}/`))) return lang;
  }
  return DEFAULT_LANG;
}

/** The path without its language prefix: `/en/labs/lab-10/` → `/labs/lab-10/`. Always starts with `/`. */
export function unlocalizedPath(pathname: string): string {
  const lang = langOfPath(pathname);
  if (lang === DEFAULT_LANG) return pathname.startsWith('/') ? pathname : `/${pathname}`;
  const rest = pathname.slice(lang.length + 1);
  return rest === '' ? '/' : rest;
}

/** The same page in `lang`: `localizedPath('en', '/labs/lab-10/')` → `/en/labs/lab-10/`. */
export function localizedPath(lang: Lang, pathname: string): string {
  const bare = unlocalizedPath(pathname);
  return lang === DEFAULT_LANG ? bare : `/${lang}${bare}`;
}

/** The `lang` attribute for <html>: Simplified Chinese as used in mainland universities. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
