import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppHandler } from './app-server.ts';

/** Imports the built site's Node middleware from `<distDir>/server/entry.mjs`. */
export async function loadAstroHandler(distDir: string): Promise<AppHandler> {
  const entry = join(distDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) {
    throw new Error(`The site is not built: ${entry} does not exist. Run \`npm run build\` first (\`npm start\` builds, then serves).`);
  }
  const mod: unknown = await import(pathToFileURL(entry).href);
  if (typeof mod !== 'object' || mod === null || !('handler' in mod) || typeof mod.handler !== 'function') {
    throw new Error(
      `${entry} exports no \`handler\`: the site must be built with @astrojs/node in mode 'middleware' (astro.config.mjs). Run \`npm run build\` again.`,
    );
  }
  return mod.handler as AppHandler;
}
