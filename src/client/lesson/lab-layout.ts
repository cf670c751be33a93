import {
  clampSplit,
  LAYOUT_COOKIE,
  parseLayout,
  serializeLayout,
  TOOLS,
  type LayoutPrefs,
  type Tool,
} from '../../components/lesson/layout-prefs.ts';
import { OPEN_TOOL_EVENT } from './tool-events.ts';

/**
 * The lab page's layout (LabPage.astro, ToolsPane.astro): the tool tabs (ARIA tabs: arrow keys,
 * Home, End), the splitter (drag, or Left/Right arrows on the focused separator), hiding and
 * showing the tools. Every change is saved in a cookie the server reads to render the next page
 * the same way; the splitter moves through the CSSOM (`--split`), which the CSP allows.
 */

const KEY_STEP = 2;
const YEAR_S = 365 * 24 * 3600;

function readPrefs(): LayoutPrefs {
  const raw = document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${LAYOUT_COOKIE}=`))
    ?.slice(LAYOUT_COOKIE.length + 1);
  return parseLayout(raw);
}

function savePrefs(prefs: LayoutPrefs): void {
  document.cookie = `${LAYOUT_COOKIE}=${serializeLayout(prefs)}; Path=/; Max-Age=${YEAR_S}; SameSite=Strict`;
}

function selectTool(root: HTMLElement, tool: Tool, focus: boolean): void {
  for (const tab of root.querySelectorAll<HTMLElement>('[data-tool-tab]')) {
    const on = tab.dataset['toolTab'] === tool;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const panel of root.querySelectorAll<HTMLElement>('[data-tool-panel]')) panel.hidden = panel.dataset['toolPanel'] !== tool;
  savePrefs({ ...readPrefs(), tool });
}

function setHidden(layout: HTMLElement, hidden: boolean): void {
  layout.dataset['toolsHidden'] = String(hidden);
  savePrefs({ ...readPrefs(), hidden });
  const target = layout.querySelector<HTMLElement>(hidden ? '[data-tools-toggle="show"]' : '[data-tools-toggle="hide"]');
  target?.focus();
}

function setSplit(layout: HTMLElement, splitter: HTMLElement, percent: number, save: boolean): void {
  const split = clampSplit(percent);
  layout.style.setProperty('--split', `${split}%`);
  splitter.setAttribute('aria-valuenow', String(split));
  if (save) savePrefs({ ...readPrefs(), split });
}

function enhanceTabs(layout: HTMLElement): void {
  const tablist = layout.querySelector<HTMLElement>('[role="tablist"]');
  tablist?.addEventListener('click', (e) => {
    const tab = (e.target as Element).closest<HTMLElement>('[data-tool-tab]');
    if (tab) selectTool(layout, tab.dataset['toolTab'] as Tool, false);
  });
  tablist?.addEventListener('keydown', (e) => {
    const current = TOOLS.indexOf((document.activeElement as HTMLElement | null)?.dataset['toolTab'] as Tool);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: TOOLS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    selectTool(layout, TOOLS[(next + TOOLS.length) % TOOLS.length] ?? 'terminal', true);
  });
  document.addEventListener(OPEN_TOOL_EVENT, (e) => {
    const tool = (e as CustomEvent<{ tool?: unknown }>).detail?.tool;
    if (!(TOOLS as readonly unknown[]).includes(tool)) return;
    if (layout.dataset['toolsHidden'] === 'true') setHidden(layout, false);
    selectTool(layout, tool as Tool, false);
    layout.querySelector<HTMLElement>(`[data-tool-panel="${tool as string}"]`)?.scrollIntoView({ block: 'nearest' });
  });
}

function enhanceSplitter(layout: HTMLElement): void {
  const splitter = layout.querySelector<HTMLElement>('[data-splitter]');
  if (!splitter) return;
  const percentAt = (clientX: number) => {
    const box = layout.getBoundingClientRect();
    return ((clientX - box.left) / box.width) * 100;
  };
  splitter.addEventListener('pointerdown', (e) => {
    splitter.setPointerCapture(e.pointerId);
    splitter.dataset['dragging'] = '';
    e.preventDefault();
  });
  splitter.addEventListener('pointermove', (e) => {
    if (splitter.hasPointerCapture(e.pointerId)) setSplit(layout, splitter, percentAt(e.clientX), false);
  });
  const end = (e: PointerEvent) => {
    if (!splitter.hasPointerCapture(e.pointerId)) return;
    splitter.releasePointerCapture(e.pointerId);
    delete splitter.dataset['dragging'];
    setSplit(layout, splitter, percentAt(e.clientX), true);
  };
  splitter.addEventListener('pointerup', end);
  splitter.addEventListener('pointercancel', end);
  splitter.addEventListener('keydown', (e) => {
    const now = Number(splitter.getAttribute('aria-valuenow'));
    const to = { ArrowLeft: now - KEY_STEP, ArrowRight: now + KEY_STEP, Home: 0, End: 100 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    setSplit(layout, splitter, to, true);
  });
}

export function enhanceLabLayout(): void {
  const layout = document.querySelector<HTMLElement>('[data-lab-layout]');
  if (!layout || layout.dataset['enhanced']) return;
  layout.dataset['enhanced'] = '1';
  enhanceTabs(layout);
  enhanceSplitter(layout);
  layout.addEventListener('click', (e) => {
    const toggle = (e.target as Element).closest<HTMLElement>('[data-tools-toggle]');
    if (toggle) setHidden(layout, toggle.dataset['toolsToggle'] === 'hide');
  });
}
