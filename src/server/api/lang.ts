import { Lang, DEFAULT_LANG } from '../../shared/i18n.ts';

/** `?lang=en` → 'en'; anything else the default language. */
export function langOf(url: URL): Lang {
  const parsed = Lang.safeParse(url.searchParams.get('lang'));
  return parsed.success ? parsed.data : DEFAULT_LANG;
}
