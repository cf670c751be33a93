import type { Lang } from '../../shared/i18n.ts';

/** The host setup page in each language (src/pages/hosts.astro, src/pages/en/hosts.astro). */
export const SETUP_PATH: Record<Lang, string> = { zh: '/hosts/', en: '/en/hosts/' };
