/**
 * One polite live region per page for short confirmations ("Copied"), so screen readers hear what a
 * button did without every code block carrying its own region.
 */
let region: HTMLElement | undefined;

export function announce(text: string): void {
  if (!region) {
    region = document.createElement('div');
    region.className = 'visually-hidden';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  // Clearing first makes a repeated message ("Copied" twice) be announced again.
  region.textContent = '';
  const target = region;
  setTimeout(() => (target.textContent = text), 50);
}
