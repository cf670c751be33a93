import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { sshdSkip, startSshd } from '../../src/ssh/test-sshd.ts';
import { getTestbed } from '../labhosts/testbed.ts';
import { chromiumSkip, collectPageErrors, launchBrowser, type Browser } from './browser.ts';
import { api, startTestSite, type TestSite } from './check-site.ts';
import { ensureBuilt, ROOT } from './site-server.ts';
import { runCommand, waitForPrompt } from './terminal-page.ts';
import { join } from 'node:path';

/**
 * The host setup page in Debian's Chromium against the testbed's real sshd: a wrong password is
 * reported as such, the right one shows hostname, OS and kubelet version; saving writes the CLI's
 * k8s-labs.yaml with the password encrypted, never sent back; a changed host key is refused.
 */
const tb = getTestbed();
const skip = chromiumSkip || (tb ? false : 'the namespace testbed is not up');
const SHOTS = join(ROOT, '.tmp', 'e2e');
let browser: Browser | undefined;
let site: TestSite | undefined;

before(async () => {
  if (chromiumSkip) return;
  ensureBuilt();
  [site, browser] = await Promise.all([startTestSite(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

async function fillMaster(page: Page, password: string, port = '22'): Promise<void> {
  const master = page.locator('fieldset[data-role="master"]');
  await master.locator('input[name="host"]').fill('192.168.157.133');
  await master.locator('input[name="port"]').fill(port);
  await master.locator('input[name="user"]').fill(tb?.user ?? 'labuser');
  await master.locator('input[value="password"]').check();
  await master.locator('input[name="password"]').fill(password);
}

async function testMaster(page: Page): Promise<string> {
  const master = page.locator('fieldset[data-role="master"]');
  await master.locator('[data-test-result]').evaluate((el) => el.removeAttribute('data-state'));
  await master.locator('[data-test]').click();
  await page.waitForFunction(
    () => {
      const s = document.querySelector('fieldset[data-role="master"] [data-test-result]')?.getAttribute('data-state');
      return s !== null && s !== undefined && s !== 'testing';
    },
    null,
    { timeout: 60_000 },
  );
  return (await master.locator('[data-test-result]').textContent()) ?? '';
}

test(
  'a wrong password is reported clearly; the right one shows hostname, OS and kubelet; saving encrypts it',
  { skip, timeout: 180_000 },
  async () => {
    assert.ok(browser && site && tb);
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(new URL('/en/hosts/', site.site.url).href);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Host setup');

    await fillMaster(page, 'not-the-password');
    const wrong = await testMaster(page);
    assert.match(
      wrong,
      /^Connection failed: Login to master \(192\.168\.157\.133:22\) failed: the password or key of user labuser was not accepted\./,
    );
    assert.equal(await page.getAttribute('fieldset[data-role="master"] [data-test-result]', 'data-state'), 'failed-auth');
    await page.screenshot({ path: join(SHOTS, 'hosts-wrong-password.png'), fullPage: true });

    await fillMaster(page, tb.password, '2222');
    assert.match(await testMaster(page), /refused the connection: the VM is up but nothing listens for SSH on port 2222/);

    await fillMaster(page, tb.password);
    const ok = await testMaster(page);
    assert.match(ok, /^Connected: hostname ubuntu, OS .+, kubelet v1\.\d+\.\d+/);
    // The key was trusted on first use by the first attempt (checked before the password is sent).
    const master = tb.hosts.find((h) => h.role === 'master');
    assert.ok(ok.includes(`Host key ${master?.hostKeyFingerprint} (matches the recorded one)`), ok);
    assert.match(readFileSync(site.configPath.replace(/\.yaml$/, '.known_hosts'), 'utf8'), /^192\.168\.157\.133 ssh-ed25519 /m);

    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-save-result][data-state="saved"]');
    const text = readFileSync(site.configPath, 'utf8');
    assert.ok(!text.includes(tb.password), 'the password is not in the config file');
    assert.match(text, /passwordEncrypted: k8slabs-secret:v1:/);
    assert.equal(await page.inputValue('fieldset[data-role="master"] input[name="password"]'), '', 'the typed password is cleared');

    // Never sent back: not in the API, not in the page.
    const view = await api(site, 'GET', '/api/hosts?lang=en');
    assert.ok(!JSON.stringify(view.json).includes(tb.password));
    assert.deepEqual(
      (view.json['hosts'] as { name: string; hasPassword: boolean }[]).map((h) => [h.name, h.hasPassword]),
      [['master', true]],
    );
    await page.reload();
    assert.ok(!(await page.content()).includes(tb.password));
    assert.equal(
      await page.getAttribute('fieldset[data-role="master"] input[name="password"]', 'placeholder'),
      'saved (leave blank to keep it)',
    );

    // The saved (encrypted) password is what grading uses.
    const graded = await api(site, 'POST', '/api/grade', { lab: 'lab-04', lang: 'en', trigger: 'manual' });
    assert.equal(graded.json['state'], 'graded', JSON.stringify(graded.json).slice(0, 300));
    // …and the web terminal, on the next page, without restarting the server.
    await page.goto(new URL('/en/terminal', site.site.url).href);
    await waitForPrompt(page);
    assert.match(await runCommand(page, 'hostname'), /^ubuntu$/m);
    assert.deepEqual(errors, []);
    await page.close();
  },
);

test(
  'a changed host key is refused before any password is sent, naming both fingerprints',
  { skip: chromiumSkip || sshdSkip, timeout: 120_000 },
  async () => {
    assert.ok(site);
    const sshd = await startSshd();
    try {
      const host = {
        name: 'master',
        role: 'master',
        host: '127.0.0.1',
        port: sshd.port,
        user: 'root',
        auth: 'key',
        privateKey: sshd.clientKeyPath,
      };
      const first = await api(site, 'POST', '/api/hosts/test', { lang: 'en', host });
      assert.equal(first.json['ok'], true, JSON.stringify(first.json));
      const before = sshd.hostKeyFingerprint;
      await sshd.changeHostKey();
      const changed = await api(site, 'POST', '/api/hosts/test', { lang: 'en', host });
      assert.equal(changed.json['ok'], false);
      assert.equal(changed.json['kind'], 'host-key');
      assert.match(String(changed.json['message']), new RegExp(sshd.hostKeyFingerprint.replace(/[+/]/g, '\\$&')));
      assert.match(String(changed.json['message']), new RegExp(before.replace(/[+/]/g, '\\$&')));
      // The impostor saw no login attempt: one accepted key (the first test), nothing after.
      assert.equal(sshd.log().match(/Accepted publickey/g)?.length, 1);
      assert.doesNotMatch(sshd.log(), /Failed (publickey|password)/);
    } finally {
      await sshd.stop();
    }
  },
);
