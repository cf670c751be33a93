import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { getTestbed } from '../labhosts/testbed.ts';
import { chromiumSkip, collectPageErrors, launchBrowser, type Browser } from './browser.ts';
import { openTool, startTestSite, type TestSite } from './check-site.ts';
import { ensureBuilt, ROOT } from './site-server.ts';

/**
 * The YAML editor in Debian's Chromium: Monaco is not in the lab page's initial JavaScript and loads
 * when the editor tab opens; the bundled schemas underline `containerPort: "8080x"` and `replica: 3`
 * with the reason; "Apply to my cluster" reaches the testbed master's `kubectl apply -f -` with the
 * exact YAML, after a server-side dry run.
 */
const tb = getTestbed();
const SHOTS = join(ROOT, '.tmp', 'e2e');
let browser: Browser | undefined;
let site: TestSite | undefined;

before(async () => {
  if (chromiumSkip) return;
  ensureBuilt();
  [site, browser] = await Promise.all([startTestSite(tb ? (dir) => tb.writeConfig(dir) : undefined), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

const scripts = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => ['script', 'other'].includes((e as PerformanceResourceTiming).initiatorType) || e.name.endsWith('.js'))
      .map((e) => e.name),
  );

/**
 * Puts text in the editor's textarea before the tab opens: Monaco starts from it. (Typing into
 * Monaco would re-indent every line, as it does for a person.)
 */
async function setText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const area = document.querySelector<HTMLTextAreaElement>('[data-editor-source]');
    if (area) area.value = t;
  }, text);
}

const BAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: deployment1
spec:
  replica: 3
  selector:
    matchLabels:
      app: app2
  template:
    metadata:
      labels:
        app: app2
    spec:
      containers:
      - name: fileserver
        image: nginx
        ports:
        - containerPort: "8080x"
`;

test(
  'Monaco loads only when the editor opens, then underlines schema errors with the reason',
  { skip: chromiumSkip, timeout: 180_000 },
  async (t) => {
    assert.ok(browser && site);
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(new URL('/en/labs/lab-07/', site.site.url).href, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const initial = await scripts(page);
    assert.ok(!initial.some((u) => /monaco|worker/i.test(u)), `no Monaco in the initial scripts: ${initial.join(', ')}`);
    const own = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /(CheckPanel|YamlEditor).*\.js$/.test(e.name))
        .reduce((n, e) => n + (e as PerformanceResourceTiming).decodedBodySize, 0),
    );
    t.diagnostic(`check panel + editor scripts in the initial page: ${own} bytes`);
    assert.ok(own > 0 && own < 20_000, `the panel and editor scripts are small (${own} B)`);
    assert.equal(await page.getAttribute('[data-yaml-editor]', 'data-editor'), 'textarea');

    await setText(page, BAD);
    await openTool(page, 'editor');
    await page.waitForSelector('[data-yaml-editor][data-editor="monaco"]', { timeout: 60_000 });
    assert.ok(
      (await scripts(page)).some((u) => /monaco-setup/.test(u)),
      'Monaco was fetched when the editor opened',
    );
    await page.waitForFunction(() => Number(document.querySelector('[data-yaml-editor]')?.getAttribute('data-markers')) >= 2, null, {
      timeout: 30_000,
    });
    const problems = (await page.locator('[data-editor-problems]').textContent()) ?? '';
    assert.match(problems, /line 6, column 3.*Property replica is not allowed/s);
    assert.match(problems, /line 19, column 26.*Incorrect type\. Expected "integer"/s);
    // The underline itself, on the offending text.
    await page.waitForSelector('[data-editor-monaco] .squiggly-error, [data-editor-monaco] .squiggly-warning');
    assert.ok((await page.locator('[data-editor-monaco] .squiggly-error, [data-editor-monaco] .squiggly-warning').count()) >= 2);
    await page.screenshot({ path: join(SHOTS, 'editor-schema-errors.png') });

    // Server-side validation refuses the same text before anything reaches a VM.
    await page.click('[data-editor-apply]');
    await page.waitForSelector('[data-yaml-editor][data-result="invalid"]');
    const output = (await page.locator('[data-editor-output]').textContent()) ?? '';
    assert.match(output, /2 problems; nothing was sent to the cluster/);
    assert.match(output, /spec has no field "replica"\. Did you mean "replicas"\?/);
    assert.match(output, /containerPort must be a whole number; "8080x" is a string/);
    assert.deepEqual(
      errors.filter((e) => !/status of 422/.test(e)),
      [],
      'no CSP violation or page error (Monaco’s workers and styles are allowed)',
    );
    await page.close();
  },
);

test(
  '“Apply to my cluster” sends the exact YAML to kubectl apply -f - on the testbed master, after a dry run',
  { skip: chromiumSkip || (tb ? false : 'the namespace testbed is not up'), timeout: 180_000 },
  async () => {
    assert.ok(browser && site && tb);
    const page = await browser.context.newPage();
    await page.goto(new URL('/en/labs/lab-04/', site.site.url).href);
    const yaml = `# pod1 of Q4 — ünïcödé, 'quotes' and $(not run)
apiVersion: v1
kind: Pod
metadata:
  name: pod1
spec:
  containers:
  - name: fileserver
    image: nginx
    ports:
    - containerPort: 8080
`;
    await setText(page, yaml);
    await openTool(page, 'editor');
    await page.waitForSelector('[data-yaml-editor][data-editor="monaco"]', { timeout: 60_000 });
    tb.clearApplied('master');
    await page.click('[data-editor-dry]');
    await page.waitForSelector('[data-yaml-editor][data-result="ran"]', { timeout: 60_000 });
    assert.match((await page.locator('[data-editor-output]').textContent()) ?? '', /dry run passed.*pod\/pod1 \w+ \(server dry run\)/s);
    const dry = tb.lastApplied('master');
    assert.deepEqual(dry && { seq: dry.seq, dryRun: dry.dryRun, yaml: dry.yaml }, { seq: 1, dryRun: 'server', yaml });

    await page.evaluate(() => document.querySelector('[data-yaml-editor]')?.removeAttribute('data-result'));
    await page.click('[data-editor-apply]');
    await page.waitForSelector('[data-yaml-editor][data-result="ran"]', { timeout: 60_000 });
    const output = (await page.locator('[data-editor-output]').textContent()) ?? '';
    assert.match(output, /kubectl apply --dry-run=server -f -/);
    assert.match(output, /Applied\. kubectl said: \(kubectl apply -f -\)pod\/pod1 \w+\n?$/);
    const applied = tb.lastApplied('master');
    assert.deepEqual(applied && { seq: applied.seq, dryRun: applied.dryRun, yaml: applied.yaml, exitCode: applied.exitCode }, {
      seq: 3,
      dryRun: 'none',
      yaml,
      exitCode: 0,
    });
    await page.screenshot({ path: join(SHOTS, 'editor-applied.png') });
    await page.close();
  },
);
