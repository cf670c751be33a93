import type { AddressInfo } from 'node:net';
import { ConfigError, defaultConfigPath } from '../../config/hosts-config.ts';
import { loadHostsConfigWithSecrets } from '../hosts/load-with-secrets.ts';
import { createTerminalServer, type TerminalServer } from './attach.ts';
import { terminalDepsFromConfig } from './from-config.ts';
import { recordTerminalHosts } from './page-hosts.ts';
import { TerminalFailure } from './types.ts';

/**
 * The terminal for `npm start` (src/server/main.ts): loads k8s-labs.yaml once, records the host
 * names for the pages, and returns the endpoint whose `handleUpgrade` goes to
 * `createAppServer({ onUpgrade })`. A missing or broken config does not stop the site: the page
 * shows the config error and every upgrade is answered 404.
 */
export function terminalFromEnv(
  env: Record<string, string | undefined>,
  cwd: string,
  address: () => AddressInfo | string | null,
): TerminalServer {
  try {
    const config = loadHostsConfigWithSecrets(defaultConfigPath(env, cwd), env, cwd);
    recordTerminalHosts(config);
    return createTerminalServer(address, terminalDepsFromConfig(config, env));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    recordTerminalHosts({ error: err.detail });
    console.warn(`The web terminal is off until the hosts config is fixed:\n${err.detail.en}`);
    return createTerminalServer(address, {
      hosts: [],
      openShell: () => Promise.reject(new TerminalFailure('internal', err.detail)),
    });
  }
}
