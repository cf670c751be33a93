import { join } from 'node:path';
import { defaultConfigPath, type HostsConfig } from '../../config/hosts-config.ts';
import { loadLabs } from '../../labs/catalog.ts';
import type { LabMeta } from '../../shared/lab.ts';
import { DATA_FILES, dataDirFromEnv } from '../db/data-dir.ts';
import type { ProgressStore } from '../db/progress-store.ts';
import { progressStore } from '../db/store.ts';
import { loadSiteHostsConfig } from '../hosts/site-hosts-config.ts';
import { loadOrCreateKey } from '../secrets/secret-key.ts';

/**
 * Where the site's API routes find things, resolved once per process from the environment the
 * server started with (the same rules as the CLI): the hosts config (`K8S_LABS_CONFIG`, else
 * `k8s-labs.yaml` in the folder the server runs in), the data folder (`K8S_LABS_DATA`, else `data/`),
 * the labs (`labs/`). The config itself is read on each use: the host setup page changes it.
 */
export interface SiteContext {
  configPath: string;
  dataDir: string;
  /** The secret key (created on first use). */
  key(): Buffer;
  store(): ProgressStore;
  labs(): readonly LabMeta[];
  /** The hosts config with secrets opened; throws NoHostsConfigError or ConfigError. */
  loadConfig(): HostsConfig;
}

const KEY = Symbol.for('k8s-labs.site-context');
type Slot = Record<symbol, SiteContext | undefined>;

export function createSiteContext(env: Record<string, string | undefined>, cwd: string): SiteContext {
  const configPath = defaultConfigPath(env, cwd);
  const dataDir = dataDirFromEnv(env, cwd);
  let key: Buffer | undefined;
  let labs: readonly LabMeta[] | undefined;
  const ctx: SiteContext = {
    configPath,
    dataDir,
    key: () => (key ??= loadOrCreateKey(join(dataDir, DATA_FILES.secretKey))),
    store: () => progressStore({ env, cwd }),
    labs: () => (labs ??= loadLabs(join(cwd, 'labs'))),
    loadConfig: () => loadSiteHostsConfig(configPath, ctx.key()),
  };
  return ctx;
}

export function siteContext(): SiteContext {
  const slot = globalThis as unknown as Slot;
  return (slot[KEY] ??= createSiteContext(process.env, process.cwd()));
}
