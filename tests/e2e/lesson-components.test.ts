import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { chromiumSkip, collectPageErrors, launchBrowser, type Browser } from './browser.ts';
import { buildFixtureSite, FIXTURE, startFixtureSite, type FixtureSite } from './lesson-fixture.ts';
import { ROOT, type RunningSite } from './site-server.ts';
import { terminalHostsSkip, terminalTestHosts, type TerminalTestHosts } from './terminal-hosts.ts';
import { waitForPrompt, waitForText } from './terminal-page.ts';

/**
 * The lesson components in Debian Chromium, on the fixture course (lesson-fixture.ts) built and
 * served like production: code blocks (highlight classes, Copy, "Run in terminal"), quizzes of every
 * kind, the collapsed solution, figures, the notices for unwritten lessons, and search.
 * Screenshots go to .tmp/e2e/ for a human look.
 */
const SHOTS = join(ROOT, '.tmp', 'e2e');
let fixture: FixtureSite | undefined;
let site: RunningSite | undefined;
let browser: Browser | undefined;

// One build and one browser for both groups below.
before(async () => {
  if (chromiumSkip) return;
  mkdirSync(SHOTS, { recursive: true });
  fixture = buildFixtureSite();
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
});
after(async () => {
  await browser?.close();
  fixture?.remove();
});

describe('lesson components (fixture course)', { skip: chromiumSkip, timeout: 240_000 }, () => {
  before(async () => {
    assert.ok(fixture);
    site = await startFixtureSite(fixture);
  });
  after(async () => {
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

  const quiz = (page: Page, id: string): Locator => page.locator(`form[data-quiz][data-question="${id}"]`);
  async function submit(form: Locator): Promise<string> {
    await form.locator('button[type=submit]').click();
    await form.locator('[data-result][data-verdict]:not([data-verdict="checking"])').waitFor();
    return (await form.getAttribute('data-state')) ?? '';
  }

  test('the lesson renders in both languages with every component and no console error', async () => {
    for (const [path, lang] of [
      ['/labs/lab-01/', 'zh-CN'],
      ['/en/labs/lab-01/', 'en'],
    ] as const) {
      const { page, errors } = await open(path, lang === 'en' ? 'dark' : 'light');
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.deepEqual(await page.locator('[data-lesson-body] h2').evaluateAll((hs) => hs.map((h) => h.id)), ['s-1', 's-2', 's-3', 's-4']);
      assert.equal(await page.locator('[data-code-block]').count(), 4, 'three fences and the solution');
      assert.equal(await page.locator('[data-lesson-body] [style]').count(), 0, 'no inline style attribute (CSP)');
      assert.ok((await page.locator('.code .tk-function').count()) > 0, 'highlighted with token classes');
      assert.equal(await page.locator('.steps ol > li').count(), 3);
      assert.equal(await page.locator('[role=note].aside-caution').count(), 1);
      assert.equal(await page.locator('form[data-quiz]').count(), 4);
      assert.equal(await page.locator('.lesson-error').count(), 0);
      const svg = page.locator('.figure svg');
      assert.equal(await svg.getAttribute('role'), 'img');
      assert.match((await svg.getAttribute('aria-label')) ?? '', lang === 'en' ? /Two boxes/ : /两个方框/);
      assert.match((await svg.locator('path[marker-end]').getAttribute('marker-end')) ?? '', /^url\(#fig-diagram-(zh|en)-svg-arrow\)$/);
      await page.screenshot({ path: join(SHOTS, `fixture-lesson-${lang}.png`), fullPage: true });
      assert.deepEqual(errors, [], 'no console errors, CSP violations or failed requests');
      await page.close();
    }
  });

  test('Copy puts exactly the code on the clipboard', async () => {
    assert.ok(site && browser);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url.origin });
    const { page, errors } = await open('/en/labs/lab-01/');
    const block = page.locator('[data-code-block][data-host="master"]');
    const copy = block.locator('button[data-copy]');
    assert.equal(await copy.textContent(), 'Copy');
    await copy.click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), FIXTURE.runCommand);
    assert.equal((await copy.textContent())?.trim(), 'Copied');
    // The output block copies as text too, with its long line intact.
    await page.locator('[data-code-block][data-lang="text"] button[data-copy]').click();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^-A KUBE-SVC-ABC .* -j KUBE-SEP-XYZ$/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('without a terminal host the Run button stays hidden', async () => {
    const { page } = await open('/labs/lab-01/');
    assert.equal(await page.locator('button[data-run="master"]').count(), 1);
    assert.equal(await page.locator('button[data-run="master"]').isVisible(), false);
    await page.close();
  });

  test('quizzes mark right and wrong answers on the server, with the explanation', async () => {
    const { page, errors } = await open('/en/labs/lab-01/');
    const single = quiz(page, FIXTURE.quiz.single.id);
    await single.locator(`input[value="${FIXTURE.quiz.single.wrong}"]`).check();
    assert.equal(await submit(single), 'wrong');
    assert.equal((await single.locator('[data-result]').textContent())?.trim(), 'Not quite. Think again.');
    await single.locator(`input[value="${FIXTURE.quiz.single.right}"]`).check();
    assert.equal(await submit(single), 'right');
    assert.equal((await single.locator('[data-explanation]').textContent())?.trim(), FIXTURE.quiz.single.explanation);

    const multiple = quiz(page, FIXTURE.quiz.multiple.id);
    for (const id of FIXTURE.quiz.multiple.wrong) await multiple.locator(`input[value="${id}"]`).check();
    assert.equal(await submit(multiple), 'wrong');
    for (const id of FIXTURE.quiz.multiple.right) await multiple.locator(`input[value="${id}"]`).check();
    assert.equal(await submit(multiple), 'right');

    const short = quiz(page, FIXTURE.quiz.short.id);
    await short.locator('input[type=text]').fill(FIXTURE.quiz.short.wrong);
    assert.equal(await submit(short), 'wrong');
    // Keyboard only: type, then Enter submits the form.
    await short.locator('input[type=text]').fill('');
    await short.locator('input[type=text]').type(` ${FIXTURE.quiz.short.right} `);
    await short.locator('input[type=text]').press('Enter');
    await short.locator('[data-result][data-verdict="right"]').waitFor();

    const cluster = quiz(page, FIXTURE.quiz.cluster.id);
    await cluster.locator('input[type=text]').fill('10.244.1.3');
    assert.equal(await submit(cluster), 'no-snapshot');
    assert.match((await cluster.locator('[data-result]').textContent()) ?? '', /run Check my work/);

    await single.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'fixture-quiz-en.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a quiz is usable by keyboard: fieldset and legend, arrow keys pick, Space and Enter submit', async () => {
    const { page } = await open('/labs/lab-01/');
    const single = quiz(page, FIXTURE.quiz.single.id);
    assert.match((await single.locator('fieldset > legend').textContent()) ?? '', /哪个对？/);
    await single.locator('input[value="a"]').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await single.locator('input[value="b"]').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await single.locator('button[type=submit]').evaluate((b) => b === document.activeElement), true);
    await page.keyboard.press('Enter');
    await single.locator('[data-result][data-verdict="right"]').waitFor();
    assert.equal((await single.locator('[data-result]').textContent())?.trim(), '回答正确。');
    assert.equal(await single.locator('[data-result]').getAttribute('role'), 'status');
    await page.close();
  });

  test('Check my work opens the check panel and asks for a check of this lab', async () => {
    const { page } = await open('/en/labs/lab-01/');
    await page.evaluate(() => {
      document.addEventListener('k8s-labs:check-my-work', (e) => {
        document.body.dataset['asked'] = String((e as CustomEvent<{ lab: string }>).detail.lab);
      });
    });
    await page.locator('button[data-check-my-work]').click();
    assert.equal(await page.locator('body').getAttribute('data-asked'), 'lab-01');
    assert.equal(await page.locator('[data-tool-tab="check"]').getAttribute('aria-selected'), 'true');
    await page.context().clearCookies();
    await page.close();
  });

  test('the answer key never reaches the page', async () => {
    assert.ok(site);
    for (const path of ['/labs/lab-01/', '/en/labs/lab-01/']) {
      const html = await (await fetch(new URL(path, site.url))).text();
      assert.ok(!html.includes(FIXTURE.quiz.single.explanation), 'explanations come only with a verdict');
      assert.ok(!html.includes(FIXTURE.quiz.short.explanation));
      assert.ok(!html.includes('1\\s*/\\s*3'), 'accepted patterns stay on the server');
      assert.ok(!html.includes('pod1.ip'), 'the cluster fact stays on the server');
      assert.doesNotMatch(html, /data-answer|"answer"/);
    }
  });

  test('the solution stays hidden until the learner opens it', async () => {
    const { page } = await open('/en/labs/lab-01/');
    const solution = page.locator('details[data-solution="pod1.yaml"]');
    assert.equal(await solution.getAttribute('open'), null);
    const code = solution.locator('pre');
    assert.equal(await code.isVisible(), false);
    assert.equal(await page.getByText('zebracorn').isVisible(), false);
    await solution.locator('summary').click();
    assert.equal(await code.isVisible(), true);
    assert.equal(await code.textContent(), FIXTURE.solution.replace(/\n$/, ''));
    await solution.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'fixture-solution-open.png') });
    await page.close();
  });

  test('an unwritten lesson and a one-language lesson say so', async () => {
    const unwritten = await open('/en/labs/lab-02/');
    assert.match((await unwritten.page.locator('.notice h2').textContent()) ?? '', /still being written/);
    await unwritten.page.close();
    const zhOnly = await open('/en/labs/lab-03/');
    assert.match((await zhOnly.page.locator('.notice h2').textContent()) ?? '', /only in Chinese/);
    assert.equal(await zhOnly.page.locator('.notice a').getAttribute('href'), '/labs/lab-03/');
    await zhOnly.page.close();
    assert.ok(site);
    assert.equal((await fetch(new URL('/labs/lab-1/', site.url), { redirect: 'manual' })).headers.get('location'), '/labs/lab-01/');
    assert.equal((await fetch(new URL('/en/labs/lab-99/', site.url))).status, 404);
  });

  test('search finds the lesson offline, in its language, and never the solution', async () => {
    for (const [path, title] of [
      [`/en/search/?q=${FIXTURE.searchWord}`, 'Fixture lab 1'],
      [`/search/?q=${FIXTURE.searchWord}`, '夹具实验 1'],
    ] as const) {
      const { page, errors } = await open(path);
      const first = page.locator('[data-search-results] > li h2 a').first();
      await first.waitFor({ timeout: 10_000 });
      assert.equal((await first.textContent())?.trim(), title);
      assert.equal(await first.getAttribute('href'), path.startsWith('/en/') ? '/en/labs/lab-01/' : '/labs/lab-01/');
      assert.deepEqual(errors, [], 'Pagefind runs under the page CSP');
      await page.close();
    }
    const { page } = await open(`/en/search/?q=${FIXTURE.solutionWord}`);
    await page.locator('[data-search-status]', { hasText: 'Nothing found' }).waitFor({ timeout: 10_000 });
    await page.close();
  });
});

describe('Run in terminal (fixture course, real sshd)', { skip: chromiumSkip || terminalHostsSkip(), timeout: 240_000 }, () => {
  let hosts: TerminalTestHosts | undefined;
  let withHosts: RunningSite | undefined;
  before(async () => {
    assert.ok(fixture);
    hosts = await terminalTestHosts();
    withHosts = await startFixtureSite(fixture, { K8S_LABS_CONFIG: hosts.configPath });
  });
  after(async () => {
    await withHosts?.stop();
    hosts?.stop();
  });

  test('the button runs the block on the tab of its host', async () => {
    assert.ok(browser && withHosts && hosts);
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(new URL('/en/labs/lab-01/', withHosts.url).href);
    await waitForPrompt(page);
    const run = page.locator('button[data-run="master"]');
    await run.waitFor({ state: 'visible' });
    await run.click();
    await waitForText(page, new RegExp(`^${FIXTURE.runOutput}$`, 'm'));
    const master = hosts.hosts.find((h) => h.name !== 'worker')?.name ?? '';
    assert.equal(await page.locator(`[data-terminal] [data-tab="${master}"]`).getAttribute('aria-selected'), 'true');
    await page.screenshot({ path: join(SHOTS, 'fixture-run-in-terminal.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
