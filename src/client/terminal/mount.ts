import '@xterm/xterm/css/xterm.css';
import type { Terminal } from '@xterm/xterm';
import type { Lang } from '../../shared/i18n.ts';
import { pickLang, statusText } from './messages.ts';
import { TerminalTab } from './terminal-tab.ts';

/**
 * Mounts every `[data-terminal]` element rendered by Terminal.astro: tabs per configured host,
 * a status line, search, and the page-wide API:
 * - `window.term`: the active xterm.js Terminal (for benchmarks and tests: buffer, onWriteParsed, onRender);
 * - `window.k8sLabsTerminal.run(command, host?)` and the `k8s-labs:run-in-terminal` DOM event
 *   (`detail: { command, host? }`) for "run in terminal" buttons in lessons.
 */
export interface RunInTerminal {
  run(command: string, host?: string): void;
  activeHost(): string | undefined;
  tabs(): TerminalTab[];
}

declare global {
  interface Window {
    term?: Terminal;
    k8sLabsTerminal?: RunInTerminal;
  }
}

export const RUN_EVENT = 'k8s-labs:run-in-terminal';

let active: { root: TerminalRoot; tab: TerminalTab } | undefined;

class TerminalRoot {
  readonly #el: HTMLElement;
  readonly #lang: Lang;
  readonly #tabs = new Map<string, TerminalTab>();
  readonly #webgl: 'auto' | 'on' | 'off';
  #current: string | undefined;

  constructor(el: HTMLElement) {
    this.#el = el;
    this.#lang = el.dataset['lang'] === 'en' ? 'en' : 'zh';
    // `?renderer=dom|webgl` overrides the automatic choice (benchmarks compare both).
    const forced = new URLSearchParams(location.search).get('renderer');
    this.#webgl = forced === 'dom' ? 'off' : forced === 'webgl' ? 'on' : 'auto';
    for (const button of el.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
      button.addEventListener('click', () => this.show(button.dataset['tab'] ?? ''));
    }
    const search = el.querySelector<HTMLInputElement>('[data-search]');
    search?.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !this.#current) return;
      const tab = this.#tabs.get(this.#current);
      if (e.shiftKey) tab?.xterm.search.findPrevious(search.value);
      else tab?.xterm.search.findNext(search.value);
    });
    // Set through the CSSOM, which the page's CSP allows (an inline style attribute it would not).
    const height = el.dataset['height'];
    if (height) for (const p of el.querySelectorAll<HTMLElement>('[data-pane]')) p.style.height = height;
    const first = el.querySelector<HTMLButtonElement>('[data-tab]')?.dataset['tab'];
    if (first) this.show(first);
  }

  hosts(): string[] {
    return [...this.#el.querySelectorAll<HTMLElement>('[data-tab]')].map((b) => b.dataset['tab'] ?? '');
  }

  tabs(): TerminalTab[] {
    return [...this.#tabs.values()];
  }

  show(host: string): TerminalTab | undefined {
    const pane = this.#el.querySelector<HTMLElement>(`[data-pane="${CSS.escape(host)}"]`);
    if (!pane) return undefined;
    for (const p of this.#el.querySelectorAll<HTMLElement>('[data-pane]')) p.hidden = p !== pane;
    for (const b of this.#el.querySelectorAll<HTMLElement>('[data-tab]'))
      b.setAttribute('aria-selected', String(b.dataset['tab'] === host));
    this.#current = host;
    let tab = this.#tabs.get(host);
    if (!tab) {
      tab = new TerminalTab(host, pane, this.#lang, (t) => this.#renderStatus(t), { webgl: this.#webgl });
      this.#tabs.set(host, tab);
    } else {
      tab.xterm.fit.fit();
    }
    active = { root: this, tab };
    window.term = tab.term;
    this.#renderStatus(tab);
    tab.term.focus();
    return tab;
  }

  #renderStatus(tab: TerminalTab): void {
    const button = this.#el.querySelector<HTMLElement>(`[data-tab="${CSS.escape(tab.host)}"]`);
    button?.setAttribute('data-status', tab.status);
    if (tab.host !== this.#current) return;
    const line = this.#el.querySelector<HTMLElement>('[data-status-line]');
    if (!line) return;
    line.dataset['status'] = tab.status;
    const parts = [tab.host, pickLang(statusText[tab.status], this.#lang)];
    if (tab.status === 'closed' && tab.detail) parts.push(tab.detail);
    if (tab.status === 'connected') parts.push(tab.xterm.renderer() === 'webgl' ? 'WebGL' : 'DOM');
    line.textContent = parts.join(' · ');
  }
}

function run(command: string, host?: string): void {
  if (!active) return;
  const tab = host && host !== active.tab.host ? active.root.show(host) : active.tab;
  tab?.run(command);
}

export function mountTerminals(): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-terminal]')) {
    if (el.dataset['mounted']) continue;
    el.dataset['mounted'] = '1';
    new TerminalRoot(el);
  }
  window.k8sLabsTerminal = {
    run,
    activeHost: () => active?.tab.host,
    tabs: () => active?.root.tabs() ?? [],
  };
  document.addEventListener(RUN_EVENT, (e) => {
    const detail = (e as CustomEvent<{ command?: unknown; host?: unknown }>).detail;
    if (typeof detail?.command === 'string') run(detail.command, typeof detail.host === 'string' ? detail.host : undefined);
  });
}
