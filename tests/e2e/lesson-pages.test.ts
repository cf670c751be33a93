import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadLabs } from '../../src/labs/catalog.ts';
import { lessonFileName, QUIZ_FILE } from '../../src/lessons/lesson-source.ts';
import { parseQuiz } from '../../src/lessons/quiz-source.ts';
import type { LabMeta } from '../../src/shared/lab.ts';
import { chromiumSkip, collectPageErrors, launchBrowser, type Browser } from './browser.ts';
import { ensureBuilt, ROOT, startSite, type RunningSite } from './site-server.ts';

/**
 * The real lessons (labs/*) in Debian Chromium against the production build and server: each
 * written lesson renders in both languages without console errors or content errors; answer keys
 * are not in the pages; the lab page layout (tools beside the lesson, splitter, tabs, no layout
 * shift while the terminal loads, language switch keeping the section). Labs whose lesson is not
 * written are skipped; a lesson in one language only fails. Screenshots: .tmp/e2e/lessons/.
 */
const SHOTS = join(ROOT, '.tmp', 'e2e', 'lessons');
const LABS = join(ROOT, 'labs');
const labs: LabMeta[] = loadLabs(LABS);
const written = (lab: LabMeta) => (['zh', 'en'] as const).filter((lang) => existsSync(join(LABS, lab.id, lessonFileName(lang))));
const full = labs.filter((lab) => written(lab).length === 2);
let site: RunningSite | undefined;
let browser: Browser | undefined;

before(async () => {
  if (chromiumSkip) return;
  const ms = ensureBuilt();
  if (ms > 0) console.log(`# built the site in ${(ms / 1000).toFixed(1)} s`);
  mkdirSync(SHOTS, { recursive: true });
  [site, browser] = await Promise.all([startSite(), launchBrowser({ viewport: { width: 1366, height: 768 } })]);
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
  return { page, errors };
}

describe('every written lesson renders in both languages', { skip: chromiumSkip, timeout: 300_000 }, () => {
  for (const lab of labs) {
    const langs = written(lab);
    const skip = langs.length === 0 ? `${lab.id}: lesson not written yet` : false;
    test(`${lab.id}`, { skip }, async () => {
      assert.deepEqual(
        langs,
        ['zh', 'en'],
        `${lab.id} has a lesson in ${langs.join(' and ')} only; write labs/${lab.id}/${lessonFileName(langs[0] === 'zh' ? 'en' : 'zh')}`,
      );
      for (const lang of langs) {
        const path = `${lang === 'zh' ? '' : '/en'}/labs/${lab.id}/`;
        const { page, errors } = await open(path, lang === 'en' ? 'dark' : 'light');
        assert.equal((await page.locator('h1').textContent())?.trim(), lab.title[lang]);
        assert.equal(await page.locator('html').getAttribute('lang'), lang === 'zh' ? 'zh-CN' : 'en');
        assert.equal(await page.locator('[data-lesson-body]').count(), 1, 'the lesson is rendered');
        assert.equal(await page.locator('[data-lesson-body] h2#s-1').count(), 1, 'sections carry language-neutral ids');
        assert.equal(await page.locator('.lesson-error').count(), 0, (await page.locator('.lesson-error').allTextContents()).join('\n'));
        assert.equal(await page.locator('[data-lesson-body] [style]').count(), 0, 'no inline style attribute (CSP)');
        const blocks = await page.locator('[data-code-block]').count();
        assert.equal(await page.locator('[data-code-block] button[data-copy]').count(), blocks, 'every code block has Copy');
        await page.screenshot({ path: join(SHOTS, `${lab.id}-${lang}.png`) });
        assert.deepEqual(errors, [], `${path}: no console errors, CSP violations or failed requests`);
        await page.close();
      }
    });
  }
});

test('answer keys and explanations are not in the lesson pages', { skip: chromiumSkip, timeout: 60_000 }, async () => {
  assert.ok(site);
  for (const lab of full) {
    const file = join(LABS, lab.id, QUIZ_FILE);
    if (!existsSync(file)) continue;
    const parsed = parseQuiz(readFileSync(file, 'utf8'));
    assert.ok(parsed.ok, `${file}: ${parsed.ok ? '' : parsed.message}`);
    for (const lang of ['zh', 'en'] as const) {
      const html = await (await fetch(new URL(`${lang === 'zh' ? '' : '/en'}/labs/${lab.id}/`, site.url))).text();
      for (const q of parsed.quiz.questions) {
        const escaped = q.explanation[lang].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        assert.ok(
          !html.includes(q.explanation[lang]) && !html.includes(escaped),
          `${lab.id} ${q.id}: the ${lang} explanation is in the page`,
        );
        if (q.kind === 'short')
          for (const p of q.accept) assert.ok(!html.includes(p), `${lab.id} ${q.id}: an accepted pattern is in the page`);
      }
      assert.doesNotMatch(html, /data-answer/);
    }
  }
});

describe(
  'the lab page layout',
  { skip: chromiumSkip || (full.length === 0 && 'no lesson written in both languages yet'), timeout: 120_000 },
  () => {
    const lab = full.find((l) => l.id === 'lab-10') ?? full[0];
    const path = `/labs/${lab?.id ?? 'lab-01'}/`;

    test('the tools sit beside the lesson on a laptop screen, and nothing shifts while the terminal loads', async () => {
      assert.ok(browser && site);
      for (const viewport of [
        { width: 1280, height: 720 },
        { width: 1366, height: 768 },
      ]) {
        const page = await browser.context.newPage();
        await page.setViewportSize(viewport);
        await page.addInitScript(() => {
          const w = window as unknown as { __cls: number };
          w.__cls = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
              if (!e.hadRecentInput) w.__cls += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
        });
        await page.goto(new URL(path, site.url).href, { waitUntil: 'load' });
        await page.waitForTimeout(1500);
        const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
        assert.ok(cls < 0.01, `cumulative layout shift ${cls} at ${viewport.width}×${viewport.height}`);
        const lesson = await page.locator('article.lesson').boundingBox();
        const tools = await page.locator('#lab-tools').boundingBox();
        assert.ok(lesson && tools, 'both panes are laid out');
        assert.ok(tools.x >= lesson.x + lesson.width - 1, 'the tools are to the right of the lesson');
        assert.ok(lesson.width >= 480 && tools.width >= 420, `lesson ${lesson.width}px, tools ${tools.width}px`);
        assert.ok(tools.height >= viewport.height - 100, 'the tools take the window height');
        assert.equal(
          await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
          true,
          'no horizontal scrolling',
        );
        await page.close();
      }
    });

    test('the splitter resizes by keyboard, and the layout survives a reload (server-rendered)', async () => {
      assert.ok(browser && site);
      const page = await browser.context.newPage();
      await page.goto(new URL(path, site.url).href);
      const splitter = page.locator('[data-splitter]');
      const before = (await page.locator('#lab-tools').boundingBox())?.width ?? 0;
      await splitter.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      assert.equal(await splitter.getAttribute('aria-valuenow'), '65');
      const after = (await page.locator('#lab-tools').boundingBox())?.width ?? 0;
      assert.ok(after < before - 50, `tools ${before}px → ${after}px`);
      await page.locator('[data-tool-tab="check"]').click();
      await page.reload();
      assert.equal(await page.locator('[data-splitter]').getAttribute('aria-valuenow'), '65');
      assert.equal(await page.locator('[data-tool-tab="check"]').getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('#tool-check').isVisible(), true);
      // Arrow keys move between tool tabs.
      await page.locator('[data-tool-tab="check"]').focus();
      await page.keyboard.press('ArrowLeft');
      assert.equal(await page.locator('[data-tool-tab="terminal"]').getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('#tool-terminal').isVisible(), true);
      // Hide the tools for a full-width lesson, then bring them back.
      await page.locator('[data-tools-toggle="hide"]').click();
      assert.equal(await page.locator('#lab-tools').isVisible(), false);
      await page.reload();
      assert.equal(await page.locator('#lab-tools').isVisible(), false);
      await page.locator('[data-tools-toggle="show"]').click();
      assert.equal(await page.locator('#lab-tools').isVisible(), true);
      await page.context().clearCookies();
      await page.close();
    });

    test('Check my work opens the check panel', async () => {
      const { page } = await open(path);
      const button = page.locator('button[data-check-my-work]');
      if ((await button.count()) === 0) return void (await page.close());
      await button.first().click();
      assert.equal(await page.locator('[data-tool-tab="check"]').getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('#tool-check').isVisible(), true);
      await page.context().clearCookies();
      await page.close();
    });

    test('the language switch keeps the section being read', async () => {
      assert.ok(lab);
      const { page, errors } = await open(path);
      const heading = page.locator('[data-lesson-body] h2#s-2');
      await heading.evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await Promise.all([page.waitForURL('**/en/labs/**'), page.locator('a.lang-switch').click()]);
      const url = new URL(page.url());
      assert.equal(`${url.pathname}${url.hash}`, `/en/labs/${lab.id}/#s-2`);
      const box = await page.locator('[data-lesson-body] h2#s-2').boundingBox();
      assert.ok(box && box.y >= -5 && box.y < 200, `the same section is at the top (y=${box?.y})`);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/en/')), page.locator('a.lang-switch').click()]);
      assert.equal(new URL(page.url()).hash, '#s-2');
      assert.deepEqual(errors, []);
      await page.close();
    });

    test('code keeps readable colours in dark mode', async () => {
      const { page } = await open(path, 'dark');
      const colours = await page.evaluate(() => {
        const block = document.querySelector('.code-block');
        const token = document.querySelector('.code-block .tk-function, .code-block .tk-keyword');
        return { bg: block ? getComputedStyle(block).backgroundColor : '', fg: token ? getComputedStyle(token).color : '' };
      });
      assert.equal(colours.bg, 'rgb(18, 25, 34)');
      assert.match(colours.fg, /^rgb\((121, 192, 255|210, 168, 255)\)$/);
      await page.close();
    });
  },
);
