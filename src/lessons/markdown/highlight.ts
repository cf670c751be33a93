import type { Element, ElementContent, Root } from 'hast';
import { createCssVariablesTheme, createHighlighterCore, hastToHtml, type HighlighterCore, type ShikiTransformer } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import bash from 'shiki/langs/bash.mjs';
import json from 'shiki/langs/json.mjs';
import yaml from 'shiki/langs/yaml.mjs';
import { OUTPUT_LANG, outputGrammar } from './output-grammar.ts';

/**
 * Shiki for lesson code blocks, emitting CSS classes instead of inline styles: the site's CSP allows
 * no `style` attributes (Astro hashes elements, not attributes), and classes let one stylesheet
 * (src/components/mdx/code-theme.css) colour the tokens for light and dark schemes alike.
 *
 * Tokens are coloured by a CSS-variables theme (`color: var(--tk-token-keyword)`); the transformer
 * turns each such declaration into a class (`tk-keyword`), so the output is deterministic and the
 * stylesheet is hand-written and finite.
 *
 * Runs at build time (MDX code blocks) and on the server (<Solution>), so it uses shiki's core with
 * the JavaScript regex engine and three grammars: no WebAssembly and no language chunks to bundle.
 */

const THEME = 'k8s-labs';
const PREFIX = '--tk-';

/** Fence languages → the grammar used. Anything else is shown as plain, escaped text. */
const LANGS: Readonly<Record<string, string>> = {
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
  console: 'bash',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  text: OUTPUT_LANG,
  txt: OUTPUT_LANG,
  output: OUTPUT_LANG,
};

/** The grammar a fence language is highlighted with; `plaintext` when none. */
export function grammarFor(lang: string): string {
  return LANGS[lang.toLowerCase()] ?? 'plaintext';
}

let highlighter: Promise<HighlighterCore> | undefined;

function theme() {
  const base = createCssVariablesTheme({ name: THEME, variablePrefix: PREFIX, fontStyle: true });
  const extra = [
    // Bare shell arguments stay plain; quoted strings and variables keep their colour.
    { scope: ['string.unquoted.argument'], settings: { foreground: `var(${PREFIX}foreground)` } },
    // Options (-t, --probability), in commands and in their output, read like parameters.
    { scope: ['constant.other.option', 'variable.parameter.option'], settings: { foreground: `var(${PREFIX}token-parameter)` } },
  ];
  return { ...base, tokenColors: [...(base.tokenColors ?? []), ...extra] };
}

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [theme()],
    langs: [bash, yaml, json, outputGrammar],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** `color:var(--tk-token-keyword);font-style:italic` → [`tk-keyword`, `tk-italic`]. */
export function styleToClasses(style: string): string[] {
  const classes: string[] = [];
  for (const decl of style.split(';')) {
    const [prop = '', value = ''] = decl.split(':').map((s) => s.trim());
    if (prop === 'color') {
      const token = /^var\(--tk-(?:token-)?([a-z-]+)\)$/.exec(value)?.[1];
      // `foreground` is the default text colour: no class needed.
      if (token && token !== 'foreground') classes.push(`tk-${token}`);
    } else if (prop === 'font-style' && value === 'italic') {
      classes.push('tk-italic');
    } else if (prop === 'font-weight' && value === 'bold') {
      classes.push('tk-bold');
    } else if (prop === 'text-decoration' && value === 'underline') {
      classes.push('tk-underline');
    }
  }
  return classes;
}

const toClasses: ShikiTransformer = {
  name: 'k8s-labs:style-to-class',
  pre(node) {
    delete node.properties['style'];
    // Keep shiki's tabindex: a scrollable <pre> must be reachable by keyboard.
    delete node.properties['class'];
    node.properties['className'] = ['code'];
  },
  span(node) {
    const style = node.properties['style'];
    delete node.properties['style'];
    if (typeof style !== 'string') return;
    const classes = styleToClasses(style);
    if (classes.length > 0) node.properties['className'] = [...asList(node.properties['className']), ...classes];
  },
};

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}

/** Highlights `code` as a `<pre class="code"><code>…</code></pre>` hast element without any style attribute. */
export async function highlightToHast(code: string, lang: string): Promise<Element> {
  const hl = await getHighlighter();
  const root: Root = hl.codeToHast(code, { lang: grammarFor(lang), theme: THEME, transformers: [toClasses] });
  const pre = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre');
  if (!pre) throw new Error(`shiki returned no <pre> for a ${lang} block`);
  return pre;
}

const htmlCache = new Map<string, Promise<string>>();

/** The same as HTML (for server-rendered blocks such as <Solution>); cached, since solutions repeat. */
export function highlightToHtml(code: string, lang: string): Promise<string> {
  const key = `${lang}\0${code}`;
  let html = htmlCache.get(key);
  if (!html) {
    html = highlightToHast(code, lang).then((pre) => hastToHtml(pre));
    htmlCache.set(key, html);
  }
  return html;
}

/** Every style attribute left in a tree (the tests assert there is none). */
export function styleAttributes(node: Element | ElementContent): string[] {
  if (node.type !== 'element') return [];
  const own = typeof node.properties['style'] === 'string' ? [node.properties['style']] : [];
  return [...own, ...node.children.flatMap(styleAttributes)];
}
