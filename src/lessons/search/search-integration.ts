import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex } from './search-index.ts';

/**
 * Astro integration: after `astro build`, index the lessons for the offline search (Pagefind).
 * `astro dev` has no index; the search page says so and how to build one.
 */
export default function lessonSearch(): AstroIntegration {
  let root: URL | undefined;
  let serverDir: URL | undefined;
  let clientDir: URL | undefined;
  return {
    name: 'k8s-labs-search',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
        serverDir = config.build.server;
        clientDir = config.build.client;
      },
      'astro:build:done': async ({ logger }) => {
        if (!root || !serverDir || !clientDir) throw new Error('k8s-labs-search: the build finished before the config was known');
        await buildSearchIndex({
          root: fileURLToPath(root),
          serverEntry: fileURLToPath(new URL('entry.mjs', serverDir)),
          outputPath: fileURLToPath(new URL('pagefind/', clientDir)),
          log: (message) => logger.info(message),
        });
      },
    },
  };
}
