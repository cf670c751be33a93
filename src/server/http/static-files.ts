import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * Serves Astro's `dist/client` (prerendered pages and hashed assets). The adapter's middleware mode
 * leaves static files to the host server; this is that part, with no dependency beyond node:fs.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Answers the request from `root` and returns true, or returns false so the app can handle it. */
export type StaticFiles = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function createStaticFiles(root: string, assetsPrefix = '/_astro/'): StaticFiles {
  const base = resolve(root);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = await locate(base, url.pathname);
    if (file === undefined) return false;
    if (file.redirect) {
      // `/labs/lab-10` → `/labs/lab-10/`, so relative links in the page resolve as built. The target is
      // rebuilt from the checked segments: a raw `//host/dir` would make it an open redirect.
      res.writeHead(301, { Location: `${file.canonical}${url.search}`, 'Content-Length': 0 });
      res.end();
      return true;
    }
    const etag = `W/"${file.stats.size.toString(16)}-${Math.floor(file.stats.mtimeMs).toString(16)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', file.stats.mtime.toUTCString());
    // Astro's assets carry a content hash in their name; everything else revalidates each time.
    res.setHeader('Cache-Control', url.pathname.startsWith(assetsPrefix) ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304);
      res.end();
      return true;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': file.stats.size,
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
    return true;
  };
}

interface Located {
  path: string;
  stats: Stats;
  redirect: boolean;
  /** The directory's URL path with its trailing slash, for the redirect. */
  canonical: string;
}

/** The file for a URL path inside `base`, or undefined. Refuses escapes, dotfiles and NUL bytes. */
async function locate(base: string, pathname: string): Promise<Located | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || (s.startsWith('.') && s !== '.well-known'))) return undefined;
  const path = join(base, ...segments);
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  const stats = await stat(path).catch(() => undefined);
  const canonical = `/${segments.map(encodeURIComponent).join('/')}/`.replace('//', '/');
  if (stats?.isFile()) return pathname.endsWith('/') ? undefined : { path, stats, redirect: false, canonical };
  if (!stats?.isDirectory()) return undefined;
  const index = join(path, 'index.html');
  const indexStats = await stat(index).catch(() => undefined);
  if (!indexStats?.isFile()) return undefined;
  return { path: index, stats: indexStats, redirect: !pathname.endsWith('/'), canonical };
}
