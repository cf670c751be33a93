import { defaultConfigPath, type HostsConfig } from '../../config/hosts-config.ts';
import { loadHostsConfigWithSecrets } from '../hosts/load-with-secrets.ts';
import type { Localized } from '../../shared/i18n.ts';

/**
 * What a page needs to draw the terminal's tabs: host names and roles only (no address, no
 * credential). The server entry records the config it loaded at start-up; a page rendered before
 * that (or by a bare `astro dev` without the integration) loads it once itself.
 * On globalThis for the same reason as the session token (two module instances under `astro dev`).
 */
export type PageHosts = { hosts: { name: string; role: string }[] } | { error: Localized };

const KEY = Symbol.for('k8s-labs.terminal.page-hosts');
type Slot = Record<symbol, PageHosts | undefined>;

export function recordTerminalHosts(config: HostsConfig | { error: Localized }): void {
  (globalThis as unknown as Slot)[KEY] =
    'error' in config ? { error: config.error } : { hosts: config.hosts.map((h) => ({ name: h.name, role: h.role })) };
}

const REFRESH = Symbol.for('k8s-labs.terminal.hosts-refresh');
type RefreshSlot = Record<symbol, (() => void) | undefined>;

/** The running terminal's "reload the config if the file changed" (config-terminal.ts). */
export function setHostsRefresh(fn: (() => void) | undefined): void {
  (globalThis as unknown as RefreshSlot)[REFRESH] = fn;
}

export function terminalHostsForPage(): PageHosts {
  (globalThis as unknown as RefreshSlot)[REFRESH]?.();
  const slot = globalThis as unknown as Slot;
  let value = slot[KEY];
  if (!value) {
    try {
      recordTerminalHosts(loadHostsConfigWithSecrets(defaultConfigPath(process.env, process.cwd()), process.env, process.cwd()));
    } catch (err) {
      const detail = (err as { detail?: Localized }).detail;
      recordTerminalHosts({ error: detail ?? { zh: String(err), en: String(err) } });
    }
    value = slot[KEY]!;
  }
  return value;
}
