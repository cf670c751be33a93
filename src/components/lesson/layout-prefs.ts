/**
 * The learner's layout of a lab page: where the splitter is, which tool tab is open, whether the
 * tools are hidden. Kept in a cookie (not localStorage) so the server renders the page already laid
 * out that way: nothing moves when the page's script starts. Neutral code: page and browser use it.
 */
export const LAYOUT_COOKIE = 'k8s-labs-layout';
export const TOOLS = ['terminal', 'check', 'editor'] as const;
export type Tool = (typeof TOOLS)[number];

export interface LayoutPrefs {
  /** Width of the lesson column, in percent of the page (the tools get the rest). */
  split: number;
  tool: Tool;
  hidden: boolean;
}

export const SPLIT_MIN = 30;
export const SPLIT_MAX = 72;
export const DEFAULT_PREFS: LayoutPrefs = { split: 55, tool: 'terminal', hidden: false };

export function clampSplit(n: number): number {
  return Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, Math.round(n)));
}

/** `57.check.1` → { split: 57, tool: 'check', hidden: true }; anything unexpected gives the defaults. */
export function parseLayout(value: string | undefined): LayoutPrefs {
  const [split, tool, hidden] = (value ?? '').split('.');
  const n = Number(split);
  return {
    split: Number.isFinite(n) && split !== '' ? clampSplit(n) : DEFAULT_PREFS.split,
    tool: (TOOLS as readonly string[]).includes(tool ?? '') ? (tool as Tool) : DEFAULT_PREFS.tool,
    hidden: hidden === '1',
  };
}

export function serializeLayout(prefs: LayoutPrefs): string {
  return `${clampSplit(prefs.split)}.${prefs.tool}.${prefs.hidden ? '1' : '0'}`;
}

/** The one CSS rule that places the splitter; the page hashes it into its CSP (no inline style attribute). */
export function splitRule(prefs: LayoutPrefs): string {
  return `.lab-layout{--split:${clampSplit(prefs.split)}%}`;
}
