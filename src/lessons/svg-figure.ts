/**
 * Lesson figures are hand-written SVG files inlined into the page (an <img> could not inherit
 * `currentColor`, so dark mode would break). Inlining someone's file into our page is only safe when
 * it is plain drawing, so anything active or styled is refused (`svgProblems`), and ids are scoped
 * so two figures on one page cannot collide (`inlineSvg`).
 */

const FORBIDDEN: readonly [RegExp, string][] = [
  [/<script\b/i, 'a <script> element'],
  [/<foreignObject\b/i, 'a <foreignObject> element'],
  [/<style\b/i, 'a <style> element (the page CSP blocks it; use attributes such as fill="currentColor")'],
  [/\sstyle\s*=/i, 'a style attribute (the page CSP blocks it; use presentation attributes)'],
  [/\son[a-z]+\s*=/i, 'an event handler attribute (on…=)'],
  [/(?:href|src)\s*=\s*["']\s*(?!#)[^"']*/i, 'a link to another file or site (only #fragment references are allowed)'],
  [/javascript:/i, 'a javascript: URL'],
  [/<!ENTITY/i, 'an XML entity declaration'],
];

/** What makes an SVG unfit for inlining, one phrase each; empty when it is fine. */
export function svgProblems(svg: string): string[] {
  const problems = FORBIDDEN.filter(([re]) => re.test(svg)).map(([, what]) => `contains ${what}`);
  if (!/<svg\b[^>]*\bviewBox\s*=/i.test(svg)) problems.push('has no viewBox on <svg> (needed to scale with the page)');
  return problems;
}

/**
 * The SVG ready to inline: XML prolog, doctype and comments dropped; fixed width/height removed so
 * CSS scales it by its viewBox; `role="img"` and `aria-label` set from the lesson's `alt`; every id
 * (and `url(#id)`, `href="#id"`, `aria-labelledby`) prefixed with `prefix`.
 * Call only on SVG that passed `svgProblems`.
 */
export function inlineSvg(svg: string, alt: string, prefix: string): string {
  let out = svg
    .replace(/<\?xml[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[\s\S]*?>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  const ids = [...out.matchAll(/\sid\s*=\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
  for (const id of new Set(ids)) {
    const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\sid\\s*=\\s*")${esc}"`, 'g'), `$1${prefix}-${id}"`)
      .replace(new RegExp(`url\\(#${esc}\\)`, 'g'), `url(#${prefix}-${id})`)
      .replace(new RegExp(`(href\\s*=\\s*")#${esc}"`, 'g'), `$1#${prefix}-${id}"`);
  }
  return out.replace(/<svg\b([^>]*)>/i, (_all, attrs: string) => {
    const kept = attrs.replace(/\s(width|height|role|aria-label|aria-labelledby|aria-describedby)\s*=\s*"[^"]*"/gi, '').trimEnd();
    return `<svg${kept} role="img" aria-label="${escapeAttr(alt)}" focusable="false">`;
  });
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
