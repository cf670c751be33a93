/**
 * `npm run bench:site`: the JavaScript a lesson page makes the browser download before the learner
 * does anything (the YAML editor loads only when its pane opens, so it is not part of it), gzipped,
 * per lesson page in both languages. Budget: 200 KB (200 000 bytes) per page (issue 3).
 *
 * Two measures:
 * - static: the page's module scripts, inline scripts and every module they import statically
 *   (dynamic `import()` excluded), read from the built site;
 * - browser (when /usr/bin/chromium exists): every script Chromium fetched until the page settled,
 *   which adds what scripts import by themselves at start-up (e.g. terminal add-ons).
 * The budget applies to the larger of the two. Sizes are gzip level 6 of each file on its own.
 *
 * Usage: npm run bench:site [-- --json] ; exit code 1 when a page is over budget.
 */
import { gzipSync } from 'node:zlib';
import { chromiumSkip, launchBrowser } from '../tests/e2e/browser.ts';
import { ensureBuilt, ROOT, startSite } from '../tests/e2e/site-server.ts';
import { lessonPages } from '../src/lessons/search/search-index.ts';

export const BUDGET_BYTES = 200_000;

const gz = (text: string | Uint8Array) => gzipSync(text, { level: 6 }).byteLength;

/** Static imports of a built ES module (`import{a}from"./x.js"`, `import"./y.js"`, `export*from"./z.js"`). */
export function staticImports(code: string): string[] {
  const specs = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${},\s]+?\s*from\s*)?["']([^"']+)["']/g)) specs.add(m[1] ?? '');
  return [...specs].filter(Boolean);
}

/** Module scripts, module preloads and inline scripts of a page. */
export function pageScripts(html: string): { urls: string[]; inline: string[] } {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) urls.add(m[1] ?? '');
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) urls.add(m[1] ?? '');
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').filter((s) => s.trim());
  return { urls: [...urls].filter(Boolean), inline };
}

interface PageMeasure {
  url: string;
  staticGz: number;
  browserGz: number | undefined;
  files: { url: string; gz: number }[];
}

async function measureStatic(base: URL, path: string): Promise<{ gzTotal: number; files: { url: string; gz: number }[] }> {
  const html = await (await fetch(new URL(path, base))).text();
  const { urls, inline } = pageScripts(html);
  const seen = new Map<string, number>();
  const queue = urls.map((u) => new URL(u, new URL(path, base)).href);
  for (const code of inline) for (const spec of staticImports(code)) queue.push(new URL(spec, new URL(path, base)).href);
  while (queue.length > 0) {
    const url = queue.shift() ?? '';
    if (seen.has(url)) continue;
    const code = await (await fetch(url)).text();
    seen.set(url, gz(code));
    for (const spec of staticImports(code)) if (spec.startsWith('.') || spec.startsWith('/')) queue.push(new URL(spec, url).href);
  }
  const files = [...seen].map(([url, size]) => ({ url: new URL(url).pathname, gz: size }));
  const inlineGz = inline.reduce((n, code) => n + gz(code), 0);
  if (inlineGz > 0) files.push({ url: '(inline scripts)', gz: inlineGz });
  return { gzTotal: files.reduce((n, f) => n + f.gz, 0), files };
}

async function measureBrowser(base: URL, paths: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
  try {
    for (const path of paths) {
      const page = await browser.context.newPage();
      const scripts = new Set<string>();
      page.on('request', (req) => {
        if (req.resourceType() === 'script') scripts.add(req.url());
      });
      await page.goto(new URL(path, base).href, { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? ''));
      let total = inline.reduce((n, code) => n + gz(code), 0);
      for (const url of scripts) total += gz(new Uint8Array(await (await fetch(url)).arrayBuffer()));
      result.set(path, total);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return result;
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const built = ensureBuilt();
  if (built > 0 && !json) console.log(`built the site in ${(built / 1000).toFixed(1)} s`);
  const site = await startSite();
  try {
    const paths = lessonPages(ROOT).map((p) => p.url);
    if (paths.length === 0) throw new Error('no lesson page to measure: labs/*/lesson.*.mdx are missing');
    const browser = chromiumSkip ? undefined : await measureBrowser(site.url, paths);
    const pages: PageMeasure[] = [];
    for (const path of paths) {
      const s = await measureStatic(site.url, path);
      pages.push({ url: path, staticGz: s.gzTotal, browserGz: browser?.get(path), files: s.files });
    }
    const worst = (p: PageMeasure) => Math.max(p.staticGz, p.browserGz ?? 0);
    const over = pages.filter((p) => worst(p) > BUDGET_BYTES);
    if (json) {
      console.log(JSON.stringify({ budgetBytes: BUDGET_BYTES, pages }, null, 2));
    } else {
      if (chromiumSkip) console.log(`# ${chromiumSkip}: static measure only`);
      console.log(`initial JavaScript per lesson page, gzipped (budget ${kb(BUDGET_BYTES)})`);
      for (const p of pages) {
        console.log(
          `  ${p.url.padEnd(20)} static ${kb(p.staticGz).padStart(9)}   browser ${p.browserGz === undefined ? '      n/a' : kb(p.browserGz).padStart(9)}`,
        );
      }
      const sample = pages[0];
      if (sample) {
        console.log(`files of ${sample.url}:`);
        for (const f of [...sample.files].sort((a, b) => b.gz - a.gz)) console.log(`  ${kb(f.gz).padStart(9)}  ${f.url}`);
      }
      console.log(
        over.length === 0
          ? `all ${pages.length} pages within budget; largest ${kb(Math.max(...pages.map(worst)))}`
          : `${over.length} page(s) over budget`,
      );
    }
    process.exitCode = over.length === 0 ? 0 : 1;
  } finally {
    await site.stop();
  }
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    console.error(`bench:site failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  });
}
