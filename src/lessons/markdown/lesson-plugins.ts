import type { Element, ElementContent } from 'hast';
import type { HastPluginDefinition } from 'satteri';
import { highlightToHast } from './highlight.ts';

/**
 * Sätteri hast plugins for lessons (astro.config.mjs puts them on the markdown processor, which MDX
 * inherits):
 * - `lessonCodeBlocks`: every fenced block is highlighted by shiki with classes (highlight.ts) and
 *   wrapped in the `CodeBlock` component (src/components/mdx/CodeBlock.astro), which adds Copy and,
 *   for ```bash host=master|worker, "Run in terminal".
 * - `lessonSectionIds`: h2 and h3 get language-neutral ids (`s-2`, `s-2-1`), so the same place has
 *   the same fragment in the Chinese and the English lesson and the language switch keeps it.
 */

/** The hosts a bash block may name in its meta (`host=worker`). */
export const CODE_HOSTS = ['master', 'worker'] as const;
export type CodeHost = (typeof CODE_HOSTS)[number];

export interface CodeMeta {
  host?: CodeHost;
}

/** Parses a fence's meta string (`host=worker`); throws on anything it does not know, naming it. */
export function parseCodeMeta(meta: string | undefined, lang: string): CodeMeta {
  const result: CodeMeta = {};
  for (const word of (meta ?? '').split(/\s+/).filter(Boolean)) {
    const [key, value] = word.split('=', 2);
    if (key === 'host' && (CODE_HOSTS as readonly string[]).includes(value ?? '')) {
      if (lang !== 'bash') throw new Error(`\`host=${value}\` is only for bash blocks, not ${lang}`);
      result.host = value as CodeHost;
    } else {
      throw new Error(`unknown code block meta \`${word}\` (known: host=master, host=worker)`);
    }
  }
  return result;
}

function langOf(code: Element): string {
  const data = (code.data ?? {}) as { lang?: unknown };
  if (typeof data.lang === 'string' && data.lang) return data.lang;
  const classes = code.properties['className'];
  const cls = Array.isArray(classes) ? classes.map(String).find((c) => c.startsWith('language-')) : undefined;
  return cls ? cls.slice('language-'.length) : 'text';
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

const attr = (name: string, value: string) => ({ type: 'mdxJsxAttribute', name, value });

export const lessonCodeBlocks: HastPluginDefinition = {
  name: 'k8s-labs:code-blocks',
  element: {
    filter: ['pre'],
    async visit(node, ctx) {
      const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      if (!code) return;
      const lang = langOf(code);
      const where = ctx.fileURL ? ` in ${ctx.fileURL.pathname}` : '';
      let meta: CodeMeta;
      try {
        meta = parseCodeMeta((code.data as { meta?: string } | undefined)?.meta, lang);
      } catch (err) {
        throw new Error(`A code block${where}: ${(err as Error).message}.`, { cause: err });
      }
      const pre = await highlightToHast(textOf(code).replace(/\n$/, ''), lang);
      pre.properties['dataLang'] = lang;
      if (ctx.sourceFormat !== 'mdx') return pre;
      const attributes = [attr('lang', lang), ...(meta.host ? [attr('host', meta.host)] : [])];
      // An MDX JSX element: MDX resolves `CodeBlock` from the components the page passes.
      return { type: 'mdxJsxFlowElement', name: 'CodeBlock', attributes, children: [pre] } as unknown as Element;
    },
  },
};

/** Ids for h2/h3 by position: the n-th h2 is `s-n`, the m-th h3 after it `s-n-m`. */
export function lessonSectionIds(): HastPluginDefinition {
  let h2 = 0;
  let h3 = 0;
  return {
    name: 'k8s-labs:section-ids',
    element: {
      filter: ['h2', 'h3'],
      visit(node, ctx) {
        if (node.tagName === 'h2') {
          h2 += 1;
          h3 = 0;
          ctx.setProperty(node, 'id', `s-${h2}`);
        } else {
          h3 += 1;
          ctx.setProperty(node, 'id', `s-${h2}-${h3}`);
        }
      },
    },
  };
}
