import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions, type ConsoleMessage, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (which downloads no browser of its own). Each launch
 * gets a fresh profile, so no state leaks between tests or from a developer's own browsing.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Skip reason for `test(name, { skip: chromiumSkip }, …)`; false when Chromium is installed. */
export const chromiumSkip: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `${CHROMIUM_PATH} not found; skipping browser tests (install it with: apt-get install chromium)`;

// Headless, no sandbox (tests run as root), and nothing that reaches the network on its own.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: BrowserContextOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'k8s-labs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and uncaught page errors (CSP violations land here too). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? '';
    // A fetch still in flight when the test navigates away (e.g. a lab page's progress request)
    // is aborted by the browser: that is navigation, not a broken request.
    if (reason === 'net::ERR_ABORTED' && req.resourceType() === 'fetch') return;
    errors.push(`requestfailed: ${req.url()} ${reason}`);
  });
  return errors;
}
