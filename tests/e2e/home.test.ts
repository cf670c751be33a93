import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadLabs } from '../../src/labs/catalog.ts';
import type { LabMeta } from '../../src/shared/lab.ts';
import { chromiumSkip, collectPageErrors, launchBrowser, type Browser } from './browser.ts';
import { ensureBuilt, ROOT, startSite, type RunningSite } from './site-server.ts';

/**
 * The home page and the lab pages in a real browser against the real production server: every lab
 * in labs/ is listed in the page's language, the language switch keeps the place, no console errors
 * (a CSP violation is one). Screenshots go to .tmp/e2e/ for a human look.
 */
const SHOTS = join(ROOT, '.tmp', 'e2e');
let labs: LabMeta[] = [];
let site: RunningSite | undefined;
let browser: Browser | undefined;

before(async () => {
  if (chromiumSkip) return;
  labs = loadLabs(join(ROOT, 'labs'));
  const buildMs = ensureBuilt();
  if (buildMs > 0) console.log(`# built the site in ${(buildMs / 1000).toFixed(1)} s`);
  mkdirSync(SHOTS, { recursive: true });
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[] }> {
  assert.ok(site && browser);
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  const errors = collectPageErrors(page);
  const response = await page.goto(new URL(path, site.url).href, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `${path} answered ${response?.status()}`);
  assert.match(response.headers()['content-security-policy'] ?? '', /frame-ancestors 'none'/);
  return { page, errors };
}

/** Undoes the escaping Astro applies to text (`'` → `&#39;`, `&` → `&amp;`, …). */
function decodeEntities(html: string): string {
  return html.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, code: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (code[0] !== '#') return named[code.toLowerCase()] ?? '';
    return String.fromCodePoint(code[1]?.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10));
  });
}

async function checkListed(page: Page, lang: 'zh' | 'en'): Promise<void> {
  const cards = page.locator('li[data-lab-id]');
  assert.deepEqual(
    await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-lab-id'))),
    labs.map((lab) => lab.id),
    'the home page lists exactly the labs in labs/, in course order',
  );
  for (const lab of labs) {
    const card = page.locator(`li[data-lab-id="${lab.id}"]`);
    const link = card.locator('h3 a');
    assert.equal((await link.textContent())?.trim(), lab.title[lang]);
    assert.equal(await link.getAttribute('href'), lang === 'zh' ? `/labs/${lab.id}/` : `/en/labs/${lab.id}/`);
    assert.equal((await card.locator('.question').textContent())?.trim(), lab.question[lang]);
    assert.ok((await card.locator('.graded').textContent())?.includes(lab.summary[lang]));
  }
}

async function checkLandmarks(page: Page, htmlLang: string): Promise<void> {
  assert.equal(await page.locator('html').getAttribute('lang'), htmlLang);
  assert.equal(await page.locator('header').count(), 1);
  assert.equal(await page.locator('main#main').count(), 1);
  assert.equal(await page.locator('footer').count(), 1);
  assert.equal(await page.locator('h1').count(), 1);
  // The first Tab reaches the skip link, and it is shown while focused.
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  const box = await skip.boundingBox();
  assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
}

test('the Chinese home page lists every lab in Chinese', { skip: chromiumSkip, timeout: 60_000 }, async () => {
  const { page, errors } = await open('/');
  await checkListed(page, 'zh');
  await page.screenshot({ path: join(SHOTS, 'home-zh.png'), fullPage: true });
  await checkLandmarks(page, 'zh-CN');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the home page ships almost no JavaScript', { skip: chromiumSkip, timeout: 60_000 }, async (t) => {
  const { page } = await open('/');
  const js = await page.evaluate(() => {
    const external = performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script');
    const inline = [...document.querySelectorAll('script:not([src])')].map((s) => new TextEncoder().encode(s.textContent ?? '').length);
    return {
      externalBytes: external.reduce((n, e) => n + (e as PerformanceResourceTiming).decodedBodySize, 0),
      inlineBytes: inline.reduce((n, b) => n + b, 0),
    };
  });
  t.diagnostic(`home page JS: ${js.externalBytes} B external, ${js.inlineBytes} B inline`);
  // A budget, not a target: the home page is a list of links; heavy code belongs on the lab pages.
  assert.ok(js.externalBytes + js.inlineBytes <= 4096, `home page JS is ${js.externalBytes + js.inlineBytes} B; the budget is 4 KiB`);
  await page.close();
});

test('the English home page lists every lab in English (dark scheme)', { skip: chromiumSkip, timeout: 60_000 }, async () => {
  const { page, errors } = await open('/en/', 'dark');
  await checkListed(page, 'en');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(14, 19, 26)', 'prefers-color-scheme: dark gives the dark palette');
  await page.screenshot({ path: join(SHOTS, 'home-en-dark.png'), fullPage: true });
  await checkLandmarks(page, 'en');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the language switch keeps the place', { skip: chromiumSkip, timeout: 60_000 }, async (t) => {
  const lab = labs[labs.length - 1];
  if (!lab) return t.skip('no lab.yaml in labs/ yet');
  const { page, errors } = await open(`/labs/${lab.id}/`);
  assert.equal((await page.locator('h1').textContent())?.trim(), lab.title.zh);
  await page.screenshot({ path: join(SHOTS, `${lab.id}-zh.png`), fullPage: true });

  await Promise.all([page.waitForURL('**/en/labs/**'), page.locator('a.lang-switch').click()]);
  assert.equal(new URL(page.url()).pathname, `/en/labs/${lab.id}/`);
  assert.equal((await page.locator('h1').textContent())?.trim(), lab.title.en);

  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/en/')), page.locator('a.lang-switch').click()]);
  assert.equal(new URL(page.url()).pathname, `/labs/${lab.id}/`);

  // From a lab's card on the home page, the switch lands on the same card in the other language.
  await page.goto(new URL(`/#${lab.id}`, site?.url).href);
  await Promise.all([page.waitForURL('**/en/**'), page.locator('a.lang-switch').click()]);
  const url = new URL(page.url());
  assert.equal(`${url.pathname}${url.hash}`, `/en/#${lab.id}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the CSP blocks an inline script the build did not hash', { skip: chromiumSkip, timeout: 60_000 }, async () => {
  const { page, errors } = await open('/en/');
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'document.documentElement.dataset.injected = "yes"';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return document.documentElement.dataset.injected ?? 'no';
  });
  assert.equal(ran, 'no');
  assert.ok(
    errors.some((e) => /Content Security Policy/.test(e)),
    `expected a CSP report, saw ${JSON.stringify(errors)}`,
  );
  await page.close();
});

test('every lab has its page in both languages', { skip: chromiumSkip, timeout: 30_000 }, async () => {
  assert.ok(site);
  for (const lab of labs) {
    for (const [prefix, lang] of [
      ['', 'zh'],
      ['/en', 'en'],
    ] as const) {
      const response: Response = await fetch(new URL(`${prefix}/labs/${lab.id}/`, site.url));
      assert.equal(response.status, 200, `${prefix}/labs/${lab.id}/`);
      const h1 = /<h1[^>]*>([^<]*)<\/h1>/.exec(await response.text())?.[1] ?? '';
      assert.equal(decodeEntities(h1), lab.title[lang], `${prefix}/labs/${lab.id}/ shows the ${lang} title`);
    }
  }
});

test('an unknown path gets the 404 page', { skip: chromiumSkip, timeout: 30_000 }, async () => {
  assert.ok(site);
  const response = await fetch(new URL('/en/no-such-page/', site.url));
  assert.equal(response.status, 404);
  assert.match(await response.text(), /Page not found/);
});
