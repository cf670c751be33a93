import type { Localized } from '../../shared/i18n.ts';

/**
 * `t(zh, en)` for browser code. The shared one (src/shared/i18n.ts) lives beside its zod schema,
 * and importing it would put zod (~87 KB) into every page that shows a panel.
 */
export function t(zh: string, en: string): Localized {
  return { zh, en };
}
