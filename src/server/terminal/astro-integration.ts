import type { Server as HttpServer } from 'node:http';
import type { AstroIntegration } from 'astro';
import { ConfigError, defaultConfigPath, type HostsConfig } from '../../config/hosts-config.ts';
import { loadHostsConfigWithSecrets } from '../hosts/load-with-secrets.ts';
import { attachTerminalServer } from './attach.ts';
import { terminalDepsFromConfig } from './from-config.ts';
import { recordTerminalHosts } from './page-hosts.ts';

/**
 * `astro dev` support: Astro endpoints cannot take WebSocket upgrades, so this integration attaches
 * the terminal endpoint to Vite's own HTTP server. (`npm start` attaches it in src/server/main.ts.)
 * A broken hosts config does not stop the dev server: the page shows the config error instead.
 */
export default function terminalIntegration(): AstroIntegration {
  return {
    name: 'k8s-labs-terminal',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        const http = server.httpServer as HttpServer | null;
        if (!http) {
          logger.warn('no HTTP server (middleware mode): the terminal WebSocket is not available');
          return;
        }
        let config: HostsConfig | undefined;
        try {
          config = loadHostsConfigWithSecrets(defaultConfigPath(process.env, process.cwd()), process.env, process.cwd());
          recordTerminalHosts(config);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          recordTerminalHosts({ error: err.detail });
          logger.warn(`terminal disabled until the hosts config is fixed:\n${err.detail.en}`);
          return;
        }
        const terminal = attachTerminalServer(http, terminalDepsFromConfig(config, process.env));
        http.once('close', () => terminal.close());
        logger.info(`terminal WebSocket on /ws/terminal for ${config.hosts.map((h) => h.name).join(', ')}`);
      },
    },
  };
}
