import { createHash } from 'node:crypto';
import type { AstroGlobal } from 'astro';
import { normalizeLabId } from '../../labs/catalog.ts';
import { loadLesson, type LoadedLesson } from '../../lessons/site-content.ts';
import { prepareTerminalPage } from '../../server/terminal/page-setup.ts';
import type { Lang } from '../../shared/i18n.ts';
import type { LabMeta } from '../../shared/lab.ts';
import { LAYOUT_COOKIE, parseLayout, splitRule, type LayoutPrefs } from '../lesson/layout-prefs.ts';
import { localizedPath } from '../locale-path.ts';
import { siteLabs } from '../site-labs.ts';

/**
 * The frontmatter work of `/labs/<id>/` and `/en/labs/<id>/` (on-demand pages, because the tools
 * pane embeds the terminal, whose session cookie is set per response). Runs before rendering so its
 * headers (cookie, CSP additions) are in place: finds the lab, redirects `lab-1` to `lab-01`, loads
 * the lesson, and reads the learner's layout from its cookie so the page is rendered laid out.
 */
export interface LabPageProps {
  lang: Lang;
  lab: LabMeta;
  previous: LabMeta | undefined;
  next: LabMeta | undefined;
  lesson: LoadedLesson | undefined;
  /** The other language has the lesson while this one does not. */
  otherLang: Lang | undefined;
  layout: LayoutPrefs;
  /** The CSS rule placing the splitter; rendered in a <style> whose hash is in the CSP. */
  layoutCss: string;
}

export async function prepareLabPage(Astro: AstroGlobal, lang: Lang): Promise<{ props: LabPageProps } | { response: Response }> {
  const raw = Astro.params['id'] ?? '';
  const id = normalizeLabId(raw);
  const labs = siteLabs();
  const index = labs.findIndex((l) => l.id === id);
  const lab = labs[index];
  // An empty 404: Astro answers it with the site's (prerendered) 404 page.
  if (!id || !lab) return { response: new Response(null, { status: 404, statusText: 'Not Found' }) };
  if (raw !== id) return { response: Astro.redirect(localizedPath(lang, `/labs/${id}/`), 301) };

  prepareTerminalPage(Astro);
  const layout = parseLayout(Astro.cookies.get(LAYOUT_COOKIE)?.value);
  const layoutCss = splitRule(layout);
  Astro.csp?.insertStyleHash({ hash: `sha256-${createHash('sha256').update(layoutCss).digest('base64')}`, kind: 'element' });

  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const lesson = await loadLesson(lab.id, lang);
  const otherLang = !lesson && (await loadLesson(lab.id, other)) ? other : undefined;
  return { props: { lang, lab, previous: labs[index - 1], next: labs[index + 1], lesson, otherLang, layout, layoutCss } };
}
