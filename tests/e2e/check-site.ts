import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Testbed } from '../labhosts/testbed.ts';
import { startSite, type RunningSite } from './site-server.ts';

/**
 * Helpers for the check panel, editor and host setup tests: the real production server on a free
 * loopback port with its own hosts config path and data folder (so tests never share a database,
 * a secret key or a known-hosts file), and plain HTTP calls that behave like our own pages.
 */
export interface TestSite {
  site: RunningSite;
  dir: string;
  configPath: string;
  dataDir: string;
  origin: string;
  stop(): Promise<void>;
}

/** `writeConfig(dir)` writes the hosts config inside the site's own temporary folder (none: no hosts yet). */
export async function startTestSite(writeConfig?: (dir: string) => string): Promise<TestSite> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-e2e-check-'));
  const config = writeConfig ? writeConfig(join(dir, 'config')) : join(dir, 'k8s-labs.yaml');
  const dataDir = join(dir, 'data');
  const site = await startSite({ K8S_LABS_CONFIG: config, K8S_LABS_DATA: dataDir });
  return {
    site,
    dir,
    configPath: config,
    dataDir,
    origin: site.url.origin,
    async stop() {
      await site.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A JSON request as our pages send it (same Origin), unless the test overrides headers. */
export async function api(
  ts: TestSite,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const init: RequestInit = { method, headers: { Origin: ts.origin, 'Content-Type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(new URL(path, ts.site.url), init);
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { raw: text };
  }
  return { status: res.status, json, headers: res.headers };
}

/**
 * The testbed's config with the two hosts swapped (the master entry points at the worker VM): the
 * mistake of a learner who typed the addresses the wrong way round. lab-02 then has checks that pass
 * (kubelet runs on both) and checks that fail (no control plane on the "master").
 */
export function swappedConfig(tb: Testbed, dir: string): string {
  const master = tb.hosts.find((h) => h.role === 'master');
  const worker = tb.hosts.find((h) => h.role === 'worker');
  if (!master || !worker) throw new Error('the testbed has no master or worker');
  return tb.writeConfig(dir, {
    hosts: {
      master: { host: worker.host, hostKey: worker.hostKeyFingerprint },
      worker: { host: master.host, hostKey: master.hostKeyFingerprint },
    },
  });
}

/** Opens a tool tab of a lab page's tools pane. */
export async function openTool(page: Page, tool: 'check' | 'editor' | 'terminal'): Promise<void> {
  await page.click(`#tool-tab-${tool}`);
  await page.waitForSelector(`#tool-${tool}:not([hidden])`);
}

/** Waits until the check panel has an answer (any state but checking). */
export async function waitForCheck(page: Page, timeout = 90_000): Promise<string> {
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-check-panel]')?.getAttribute('data-state');
      return s !== undefined && s !== null && s !== 'checking' && s !== 'never';
    },
    null,
    { timeout },
  );
  return (await page.getAttribute('[data-check-panel]', 'data-state')) ?? '';
}
