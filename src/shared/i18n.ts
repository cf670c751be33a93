import { z } from 'zod';

/** The two languages of the UI, the lessons and every message. Chinese is the default. */
export const LANGS = ['zh', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;
export const DEFAULT_LANG: Lang = 'zh';

/** A text in both languages, side by side, so no message exists in one language only. */
export const Localized = z.object({
  /** Chinese text (the default language). */
  zh: z.string().min(1),
  /** English text. */
  en: z.string().min(1),
});
export type Localized = z.infer<typeof Localized>;

/** Builds a localized text; the two-argument form keeps call sites short. */
export function t(zh: string, en: string): Localized {
  return { zh, en };
}

/** Picks one language from a localized text. */
export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}
