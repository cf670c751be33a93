import { join } from 'node:path';
import { createAppServer, type AppServer } from './http/app-server.ts';
import { loadAstroHandler } from './http/astro-entry.ts';
import { isLoopback, loadServerConfig } from './http/server-config.ts';
import { configTerminal } from './terminal/config-terminal.ts';

/**
 * The production entry (`npm start` builds, then runs this file): one node:http server for the
 * built Astro site, its static files and, later, the terminal WebSocket on the same port.
 */
export { createAppServer, type AppServer, type AppServerOptions, type UpgradeHook } from './http/app-server.ts';

async function main(): Promise<void> {
  const config = loadServerConfig(process.env);
  const handler = await loadAstroHandler(config.distDir);
  // The terminal WebSocket (/ws/terminal) shares the port; it reads where the server is bound lazily.
  const terminal = configTerminal(process.env, process.cwd(), () => app.server.address());
  const app = createAppServer({ handler, clientDir: join(config.distDir, 'client'), onUpgrade: terminal.handleUpgrade });
  const url = await app.listen(config.port, config.host).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      throw new Error(`Port ${config.port} on ${config.host} is in use. Stop the other server or pick another port: PORT=4322 npm start`);
    throw err;
  });
  console.log(
    `k8s-labs is serving on ${url.href}${isLoopback(config.host) ? '' : ' (reachable from other machines: the site has no login yet)'}`,
  );
  stopOnSignals(app);
}

function stopOnSignals(app: AppServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while draining means "now".
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`${signal}: closing the server`);
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    console.error(`k8s-labs could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
