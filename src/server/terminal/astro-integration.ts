import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AstroIntegration } from 'astro';
import { configTerminal } from './config-terminal.ts';

/**
 * `astro dev` support: Astro endpoints cannot take WebSocket upgrades, so this integration puts
 * the terminal endpoint on Vite's own HTTP server (other paths, such as Vite's HMR socket, are left
 * to Vite). The same config-reloading terminal as `npm start` (config-terminal.ts).
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
        const terminal = configTerminal(
          process.env,
          process.cwd(),
          () => http.address(),
          (line) => logger.warn(line),
        );
        const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void terminal.handleUpgrade(req, socket, head);
        http.on('upgrade', onUpgrade);
        http.once('close', () => {
          http.off('upgrade', onUpgrade);
          terminal.close();
        });
        logger.info('terminal WebSocket on /ws/terminal');
      },
    },
  };
}
