import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getTestbed } from '../labhosts/testbed.ts';
import { chromiumSkip, collectPageErrors, launchBrowser, type Browser } from './browser.ts';
import { api, openTool, startTestSite, swappedConfig, waitForCheck, type TestSite } from './check-site.ts';
import { ensureBuilt, ROOT } from './site-server.ts';

/**
 * "Check my work" in Debian's Chromium against the namespace testbed (real sshd, real collector,
 * real graders): passed and failed checks with messages, hints and evidence; the last result after a
 * reload; progress; hosts that cannot be read; no hosts at all; auto re-check and its pause.
 */
const tb = getTestbed();
const skip =
  chromiumSkip || (tb ? false : 'the namespace testbed is not up (run with --test-global-setup=tests/labhosts/global-setup.ts as root)');
const SHOTS = join(ROOT, '.tmp', 'e2e');
let browser: Browser | undefined;
let swapped: TestSite | undefined;

before(async () => {
  if (skip || !tb) return;
  ensureBuilt();
  mkdirSync(SHOTS, { recursive: true });
  [swapped, browser] = await Promise.all([startTestSite((dir) => swappedConfig(tb, dir)), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await swapped?.stop();
});

test(
  'the panel shows passed and failed checks with message, hint and evidence as text; reload keeps the result',
  { skip, timeout: 180_000 },
  async () => {
    assert.ok(browser && swapped);
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(new URL('/en/labs/lab-02/', swapped.site.url).href);
    await openTool(page, 'check');
    await page.waitForSelector('[data-check-panel][data-state="never"]');
    await page.click('[data-check-run]');
    assert.equal(await waitForCheck(page), 'graded');

    const checks = page.locator('[data-check-list] > li');
    const statuses = await checks.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    assert.deepEqual([...new Set(statuses)].sort(), ['failed', 'passed'], `statuses: ${statuses.join(', ')}`);
    const failed = page.locator('[data-check-list] > li[data-status="failed"]').first();
    assert.match((await failed.locator('.name').textContent()) ?? '', /master runs kube-apiserver/);
    assert.match((await failed.locator('.message').textContent()) ?? '', /\S/);
    assert.match((await failed.locator('.hint').textContent()) ?? '', /\S/, 'a failed check shows its hint');
    assert.match((await failed.locator('.verdict').textContent()) ?? '', /failed · 0\/2/);
    const passed = page.locator('[data-check-list] > li[data-status="passed"]').first();
    assert.equal(await passed.locator('.hint').count(), 0, 'a passed check has no hint');
    // Evidence is raw `ps` output from the VM: shown in <pre> as text, never parsed as HTML.
    await failed.locator('details.evidence summary').click();
    const pre = failed.locator('details.evidence pre').first();
    assert.match((await pre.textContent()) ?? '', /kubelet|USER/);
    assert.equal(await pre.evaluate((el) => el.children.length), 0);
    assert.match((await page.locator('[data-check-summary]').textContent()) ?? '', /Score 2\/5 · 2 passed, 2 failed/);
    assert.match((await page.locator('[data-check-best]').textContent()) ?? '', /Best: 2\/5/);
    await page.screenshot({ path: join(SHOTS, 'check-panel-lab02-en.png') });

    await page.reload();
    await openTool(page, 'check');
    await page.waitForFunction(() => document.querySelectorAll('[data-check-list] > li').length > 0);
    assert.match((await page.locator('[data-check-status]').textContent()) ?? '', /Last checked/);
    assert.equal(await page.locator('[data-check-list] > li[data-status="failed"]').count(), 2);

    const progress = await api(swapped, 'GET', '/api/progress');
    assert.deepEqual(
      (progress.json['labs'] as { lab: string; score: number; maxScore: number; passed: boolean }[]).map((b) => [
        b.lab,
        b.score,
        b.maxScore,
        b.passed,
      ]),
      [['lab-02', 2, 5, false]],
    );
    assert.deepEqual(errors, []);
    await page.close();
  },
);

test('a passing lab in Chinese; the lesson’s “check my work” event starts a check', { skip, timeout: 180_000 }, async () => {
  assert.ok(browser && swapped);
  const page = await browser.context.newPage();
  await page.goto(new URL('/labs/lab-07/', swapped.site.url).href);
  await openTool(page, 'check');
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('k8s-labs:check-my-work', { detail: { lab: 'lab-07' } })));
  assert.equal(await waitForCheck(page), 'passed');
  assert.equal(await page.locator('[data-check-list] > li[data-status="passed"]').count(), 5);
  assert.match((await page.locator('[data-check-summary]').textContent()) ?? '', /得分 10\/10/);
  assert.match((await page.locator('[data-check-list] .verdict').first().textContent()) ?? '', /通过/);
  await page.screenshot({ path: join(SHOTS, 'check-panel-lab07-zh.png') });
  await page.close();
});

test(
  'auto re-check is off by default, runs every N seconds when on, and pauses while the tab is hidden',
  { skip, timeout: 180_000 },
  async () => {
    assert.ok(browser && swapped);
    const page = await browser.context.newPage();
    const posts: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/api/grade')) posts.push(String(req.postDataJSON()?.trigger));
    });
    await page.goto(new URL('/en/labs/lab-04/', swapped.site.url).href);
    await openTool(page, 'check');
    assert.equal(await page.isChecked('[data-check-auto]'), false);
    await page.waitForTimeout(2_000);
    assert.deepEqual(posts, [], 'nothing is checked until the learner asks');

    await page.selectOption('[data-check-interval]', '10');
    await page.check('[data-check-auto]');
    await waitForCheck(page);
    await page.waitForFunction(() => document.querySelector('[data-check-panel]')?.getAttribute('data-state') === 'checking', null, {
      timeout: 30_000,
    });
    await waitForCheck(page);
    assert.deepEqual(posts, ['auto', 'auto']);

    // Hidden tab: no further checks; visible again: one at once.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForTimeout(13_000);
    assert.equal(posts.length, 2, 'no check while hidden');
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page
      .waitForFunction(() => document.querySelector('[data-check-panel]')?.getAttribute('data-state') === 'checking', null, {
        timeout: 5_000,
      })
      .catch(() => undefined);
    await waitForCheck(page);
    assert.equal(posts.length, 3);
    await page.uncheck('[data-check-auto]');
    await page.close();
  },
);

test('hosts that cannot be read, and no hosts at all, are explained with the next step', { skip, timeout: 180_000 }, async () => {
  assert.ok(browser && tb);
  const wrong = await startTestSite((dir) =>
    tb.writeConfig(dir, { hosts: { master: { privateKey: null, password: 'not-the-password' } } }),
  );
  const none = await startTestSite();
  try {
    const page = await browser.context.newPage();
    await page.goto(new URL('/en/labs/lab-10/', wrong.site.url).href);
    await openTool(page, 'check');
    await page.click('[data-check-run]');
    assert.equal(await waitForCheck(page), 'not-collected');
    const notice = (await page.locator('[data-check-notice]').textContent()) ?? '';
    assert.match(notice, /could not be read/);
    assert.match(notice, /master: Login to master \(192\.168\.157\.133:22\) failed: the password or key of user labuser was not accepted/);
    assert.equal(await page.locator('[data-check-list] > li').count(), 0);
    await page.screenshot({ path: join(SHOTS, 'check-panel-not-collected.png') });

    await page.goto(new URL('/labs/lab-10/', none.site.url).href);
    await openTool(page, 'check');
    await page.click('[data-check-run]');
    assert.equal(await waitForCheck(page), 'no-hosts');
    assert.match((await page.locator('[data-check-notice]').textContent()) ?? '', /还没有配置虚拟机/);
    assert.equal(await page.locator('[data-check-notice] a.setup-link').getAttribute('href'), '/hosts/');
    await Promise.all([page.waitForURL('**/hosts/'), page.click('[data-check-notice] a.setup-link')]);
    await page.close();
  } finally {
    await wrong.stop();
    await none.stop();
  }
});
