import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { createAppServer, type AppServer, type UpgradeHook } from './app-server.ts';
import { SERVER_CSP } from './security-headers.ts';

let clientDir: string;
const outside = mkdtempSync(join(tmpdir(), 'k8s-labs-outside-'));

before(() => {
  clientDir = mkdtempSync(join(tmpdir(), 'k8s-labs-client-'));
  mkdirSync(join(clientDir, '_astro'));
  mkdirSync(join(clientDir, 'labs', 'lab-10'), { recursive: true });
  writeFileSync(join(clientDir, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(clientDir, 'labs', 'lab-10', 'index.html'), '<h1>lab 10</h1>');
  writeFileSync(join(clientDir, '_astro', 'page.abc123.css'), 'body{}');
  writeFileSync(join(clientDir, '.env'), 'SECRET=1');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
});

after(() => {
  rmSync(clientDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

/** A raw request: the path is sent exactly as given (fetch would normalize `/./` and `..`). */
function get(url: URL, path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends an upgrade request on a raw socket; resolves with what the server wrote before closing. */
function upgrade(url: URL, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

async function withServer(onUpgrade: UpgradeHook | undefined, run: (url: URL, app: AppServer) => Promise<void>): Promise<void> {
  const app = createAppServer({
    clientDir,
    handler: (req, res) => {
      if (req.url === '/throws') throw new Error('boom');
      if (req.url === '/csp') {
        res.writeHead(200, { 'content-security-policy': "script-src 'self' 'sha256-abc'", 'content-type': 'text/html' });
        res.end('<p>rendered</p>');
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`app: ${req.method} ${req.url}`);
    },
    ...(onUpgrade ? { onUpgrade } : {}),
  });
  const url = await app.listen(0, '127.0.0.1');
  try {
    await run(url, app);
  } finally {
    await app.close(200);
  }
}

test('serves prerendered pages and assets with security headers', async () => {
  await withServer(undefined, async (url) => {
    const home = await get(url, '/');
    assert.equal(home.status, 200);
    assert.equal(home.body, '<h1>home</h1>');
    assert.equal(home.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(home.headers['content-security-policy'], SERVER_CSP);
    assert.match(SERVER_CSP, /frame-ancestors 'none'/);
    assert.equal(home.headers['x-content-type-options'], 'nosniff');
    assert.equal(home.headers['referrer-policy'], 'no-referrer');
    assert.equal(home.headers['cache-control'], 'no-cache');

    const css = await get(url, '/_astro/page.abc123.css');
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');

    const again = await get(url, '/', { headers: { 'if-none-match': String(home.headers.etag) } });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');

    const head = await get(url, '/labs/lab-10/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String('<h1>lab 10</h1>'.length));
  });
});

test('a directory without its slash redirects to the canonical path, never to another host', async () => {
  await withServer(undefined, async (url) => {
    const plain = await get(url, '/labs/lab-10?x=1');
    assert.equal(plain.status, 301);
    assert.equal(plain.headers.location, '/labs/lab-10/?x=1');
    // `/.//labs/lab-10` parses to the path `//labs/lab-10`; echoing it would send the browser to host "labs".
    const sneaky = await get(url, '/.//labs/lab-10');
    assert.equal(sneaky.status, 301);
    assert.equal(sneaky.headers.location, '/labs/lab-10/');
  });
});

test('never serves files outside the client folder or dotfiles; those fall through to the app', async () => {
  const rel = `/../${outside.split('/').pop()}/secret.txt`;
  await withServer(undefined, async (url) => {
    for (const path of [rel, '/%2e%2e/package.json', '/..%2f..%2fetc/passwd', '/.env', '/labs/lab-10/index.html/', '/a%00b']) {
      const reply = await get(url, path);
      assert.equal(reply.status, 404, path);
      assert.match(reply.body, /^app: GET /, path);
    }
    const post = await get(url, '/', { method: 'POST' });
    assert.equal(post.body, 'app: POST /');
  });
});

test("keeps the server's CSP beside a policy the app sends, and answers 500 when the app throws", async () => {
  await withServer(undefined, async (url) => {
    const reply = await get(url, '/csp');
    const policies = reply.rawHeaders.filter((_, i) => i % 2 === 0 && reply.rawHeaders[i]?.toLowerCase() === 'content-security-policy');
    assert.equal(policies.length, 2);
    const values = reply.rawHeaders.filter((_, i) => i % 2 === 1 && reply.rawHeaders[i - 1]?.toLowerCase() === 'content-security-policy');
    assert.deepEqual(values.sort(), [SERVER_CSP, "script-src 'self' 'sha256-abc'"].sort());
    assert.equal(reply.body, '<p>rendered</p>');

    const boom = await get(url, '/throws');
    assert.equal(boom.status, 500);
    assert.equal(boom.headers['x-content-type-options'], 'nosniff');
  });
});

test('refuses every upgrade with 404 when no hook takes it', async () => {
  await withServer(undefined, async (url) => {
    assert.match(await upgrade(url, '/ws/terminal'), /^HTTP\/1\.1 404 Not Found\r\n/);
  });
  const seen: string[] = [];
  await withServer(
    (req) => {
      seen.push(req.url ?? '');
      return false;
    },
    async (url) => {
      assert.match(await upgrade(url, '/elsewhere'), /^HTTP\/1\.1 404 /);
    },
  );
  assert.deepEqual(seen, ['/elsewhere']);
});

test('hands upgrades to the hook, and close() cuts sockets the hook still holds after the grace time', async () => {
  let held = false;
  await withServer(
    (req, socket) => {
      if (req.url !== '/ws/terminal') return false;
      held = true;
      socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n');
      return true;
    },
    async (url, app) => {
      const reply = upgrade(url, '/ws/terminal');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(held);
      const started = Date.now();
      await app.close(150);
      assert.ok(Date.now() - started < 2_000, 'close() waited for the held socket');
      assert.match(await reply, /^HTTP\/1\.1 101 /);
    },
  );
});
