import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pagefind from 'pagefind';
import { loadLabs } from '../../labs/catalog.ts';
import { LANGS } from '../../shared/i18n.ts';
import { lessonFileName } from '../lesson-source.ts';

/**
 * Builds the offline search index (Pagefind) of every written lesson, after `astro build`.
 * Lab pages are rendered on demand (they embed the terminal), so there are no HTML files to index:
 * the built server renders each lesson page on a loopback port and Pagefind indexes that HTML, the
 * very page a learner gets. Only the lesson column (`data-pagefind-body`) is indexed; solutions and
 * navigation carry `data-pagefind-ignore`. The index goes to `<client>/pagefind/`, served statically.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface SearchIndexOptions {
  /** The project root (holds `labs/`). */
  root: string;
  /** `dist/server/entry.mjs` of the build. */
  serverEntry: string;
  /** Where the index is written: `dist/client/pagefind`. */
  outputPath: string;
  log: (message: string) => void;
}

async function loadHandler(entry: string): Promise<Handler> {
  const mod = (await import(pathToFileURL(entry).href)) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new Error(`${entry} exports no handler (the Node adapter must run in middleware mode)`);
  return mod.handler as Handler;
}

/** The lesson pages to index: every lab and language with a lesson file. */
export function lessonPages(root: string): { url: string; lab: string }[] {
  const labsDir = join(root, 'labs');
  return loadLabs(labsDir).flatMap((lab) =>
    LANGS.filter((lang) => existsSync(join(labsDir, lab.id, lessonFileName(lang)))).map((lang) => ({
      url: `${lang === 'zh' ? '' : `/${lang}`}/labs/${lab.id}/`,
      lab: lab.id,
    })),
  );
}

export async function buildSearchIndex(options: SearchIndexOptions): Promise<number> {
  const handler = await loadHandler(options.serverEntry);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const pages = lessonPages(options.root);
    for (const page of pages) {
      const response = await fetch(`http://127.0.0.1:${port}${page.url}`);
      const html = await response.text();
      if (response.status !== 200) {
        throw new Error(
          `${page.url} answered ${response.status} while building the search index; open it with \`npm run dev\` to see why.`,
        );
      }
      const added = await index.addHTMLFile({ url: page.url, content: html });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${page.url}: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: options.outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write ${options.outputPath}: ${written.errors.join('; ')}`);
    options.log(`search index: ${pages.length} lesson pages → ${options.outputPath}`);
    return pages.length;
  } finally {
    server.close();
    await pagefind.close();
  }
}
