/**
 * The language switch keeps the reader's place in a lesson. Sections have the same ids in both
 * languages (`s-2`, `s-2-1`: lesson-plugins.ts numbers them), and LanguageSwitch.astro carries the
 * URL fragment to the other language. So, just before the switch is followed, the fragment is set to
 * the section being read: the last heading above the upper third of the window.
 */
function currentSection(): string | undefined {
  const line = window.innerHeight / 3;
  let id: string | undefined;
  for (const h of document.querySelectorAll<HTMLElement>('[data-lesson-body] :is(h2, h3)[id^="s-"]')) {
    if (h.getBoundingClientRect().top > line) break;
    id = h.id;
  }
  return id;
}

let installed = false;

export function keepPlaceOnLanguageSwitch(): void {
  if (installed) return;
  installed = true;
  // Capture phase: runs before the switch's own click handler, which copies location.hash.
  document.addEventListener(
    'click',
    (event) => {
      if (!(event.target as Element | null)?.closest?.('a[data-keep-place]')) return;
      const id = currentSection();
      if (id) history.replaceState(history.state, '', `#${id}`);
    },
    true,
  );
}
