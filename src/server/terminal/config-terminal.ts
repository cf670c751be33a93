import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ConfigError, defaultConfigPath } from '../../config/hosts-config.ts';
import { loadHostsConfigWithSecrets } from '../hosts/load-with-secrets.ts';
import { createTerminalServer, type TerminalServer } from './attach.ts';
import { terminalDepsFromConfig } from './from-config.ts';
import { isTerminalPath } from './gate.ts';
import { recordTerminalHosts, setHostsRefresh } from './page-hosts.ts';
import { TerminalFailure } from './types.ts';

/**
 * The terminal built from k8s-labs.yaml, for `npm start` and `astro dev`, rebuilt when the file
 * changes: the host setup page saves it, or the learner edits it. Each terminal page render and
 * each WebSocket upgrade reads the file (a few hundred bytes) and compares it with the text last
 * loaded, so a saved host works on the next page without restarting the server. Shells already
 * open stay on the terminal they were opened with until they end. A missing or broken config does
 * not stop the site: pages show the config error and upgrades are refused until it is fixed.
 */
export function configTerminal(
  env: Record<string, string | undefined>,
  cwd: string,
  address: () => AddressInfo | string | null,
  log: (line: string) => void = (line) => console.warn(line),
): TerminalServer {
  const path = defaultConfigPath(env, cwd);
  const build = (): TerminalServer => {
    try {
      const config = loadHostsConfigWithSecrets(path, env, cwd);
      recordTerminalHosts(config);
      return createTerminalServer(address, terminalDepsFromConfig(config, env));
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      recordTerminalHosts({ error: err.detail });
      log(`The web terminal is off until the hosts config is fixed:\n${err.detail.en}`);
      return createTerminalServer(address, { hosts: [], openShell: () => Promise.reject(new TerminalFailure('internal', err.detail)) });
    }
  };
  let seen = fileStamp(path);
  let current = build();
  const retired: TerminalServer[] = [];
  const refresh = () => {
    const now = fileStamp(path);
    if (now === seen) return;
    seen = now;
    retired.push(current);
    current = build();
  };
  setHostsRefresh(refresh);
  return {
    get registry() {
      return current.registry;
    },
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      if (isTerminalPath(req.url)) refresh();
      return current.handleUpgrade(req, socket, head);
    },
    close() {
      setHostsRefresh(undefined);
      for (const t of [...retired, current]) t.close();
    },
  };
}

/** The file's text, or null when it cannot be read (missing: the config error says so). */
function fileStamp(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
