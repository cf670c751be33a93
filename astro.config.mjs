// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { satteri } from '@astrojs/markdown-satteri';
import terminal from './src/server/terminal/astro-integration.ts';
import lessonSearch from './src/lessons/search/search-integration.ts';
import { lessonCodeBlocks, lessonSectionIds } from './src/lessons/markdown/lesson-plugins.ts';

// The site is served by our own node:http server (src/server/main.ts), which mounts the adapter's
// handler and later the terminal WebSocket on the same port; hence `middleware` mode, not standalone.
export default defineConfig({
  output: 'server',
  // Request bodies are small here (quiz answers, hosts form, one YAML manifest): cap them at 1 MiB
  // instead of the adapter's 1 GB default (SECURITY.md W7).
  adapter: node({ mode: 'middleware', bodySizeLimit: 1024 * 1024 }),
  integrations: [mdx(), terminal(), lessonSearch()],
  markdown: {
    // Astro's own Shiki emits inline `style` attributes, which this site's CSP blocks (hashes cover
    // elements, not attributes). Lessons are highlighted by lessonCodeBlocks instead, with classes
    // (src/lessons/markdown/highlight.ts); lessonSectionIds gives sections language-neutral ids.
    syntaxHighlight: false,
    processor: satteri({ hastPlugins: [lessonCodeBlocks, lessonSectionIds] }),
  },
  i18n: {
    defaultLocale: 'zh',
    locales: ['zh', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  build: {
    // One cacheable stylesheet per page instead of inline <style>: fewer CSP hashes per page.
    inlineStylesheets: 'never',
  },
  security: {
    // Astro hashes every script and style it emits into the page's CSP (a <meta> on prerendered
    // pages, a header on rendered ones), so no 'unsafe-inline' is needed. The server adds what a
    // <meta> cannot carry (frame-ancestors); see src/server/http/security-headers.ts.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
    },
  },
  devToolbar: { enabled: false },
});
