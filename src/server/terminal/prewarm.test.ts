import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { Client } from 'ssh2';
import { fakeOpener } from './fake-shell.ts';
import { createWarmPool, prewarmTerminal } from './prewarm.ts';
import type { SshLink } from './ssh-shell.ts';
import { openSocket, startTestServer } from './test-helpers.ts';
import { attachTerminalServer } from './attach.ts';
import { terminalToken } from './session-token.ts';
import { TERMINAL_COOKIE } from '../../shared/terminal-protocol.ts';

const host = { name: 'master', host: '198.18.0.10', port: 22, user: 'root' };

/** A connector whose links are plain event emitters standing in for ssh2 clients. */
function fakeConnector(fail = false) {
  const links: { client: EventEmitter; closed: boolean }[] = [];
  const connect = async (): Promise<SshLink> => {
    if (fail) throw new Error('auth failed');
    const entry = { client: new EventEmitter(), closed: false };
    links.push(entry);
    return { client: entry.client as unknown as Client, close: () => (entry.closed = true) };
  };
  return { connect, links };
}

test('a warmed connection is handed to the next shell, once', async () => {
  const c = fakeConnector();
  const pool = createWarmPool(c.connect);
  pool.warm(host);
  pool.warm(host); // already waiting: no second connection
  assert.equal(pool.size, 1);
  const link = await pool.connect(host);
  assert.equal(c.links.length, 1);
  assert.equal(link.client, c.links[0]!.client);
  assert.equal(pool.size, 0);
  await pool.connect(host); // nothing waiting: a fresh connection
  assert.equal(c.links.length, 2);
  pool.close();
});

test('an untaken connection is closed after its time; a dropped one is forgotten', async () => {
  const c = fakeConnector();
  const pool = createWarmPool(c.connect, { ttlMs: 30 });
  pool.warm(host);
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(pool.size, 0);
  assert.equal(c.links[0]!.closed, true);
  pool.warm(host);
  await new Promise((r) => setImmediate(r));
  c.links[1]!.client.emit('close');
  assert.equal(pool.size, 0, 'a connection the VM closed is not handed out');
  pool.close();
});

test('a failed warm-up is forgotten: the shell connects (and reports) on its own', async () => {
  const c = fakeConnector(true);
  const pool = createWarmPool(c.connect);
  pool.warm(host);
  await new Promise((r) => setImmediate(r));
  assert.equal(pool.size, 0);
  await assert.rejects(pool.connect(host), /auth failed/);
});

test('pages reach the pool through the hook in local mode, unless a shell is there to resume', async () => {
  const warmed: string[] = [];
  const warmPool = { warm: (h: { name: string }) => void warmed.push(h.name), close: () => undefined };
  const http = createServer();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  const terminal = attachTerminalServer(http, { hosts: [host], openShell: fakeOpener(), warmPool, log: () => undefined });
  try {
    prewarmTerminal('master');
    prewarmTerminal('not-configured');
    assert.deepEqual(warmed, ['master']);
    const s = await openSocket(port, { origin: `http://127.0.0.1:${port}`, cookie: `${TERMINAL_COOKIE}=${terminalToken()}` });
    s.hello();
    await s.until((x) => !!x.ready(), 5000, 'ready');
    prewarmTerminal('master');
    assert.deepEqual(warmed, ['master'], 'a reload resumes the live shell: nothing to warm');
    s.close();
  } finally {
    terminal.close();
    http.closeAllConnections();
    await new Promise((r) => http.close(r));
  }
  prewarmTerminal('master');
  assert.deepEqual(warmed, ['master'], 'the hook is gone with the server');
});

test('a hosted deployment (its own authenticate) gets no hook: pages cannot name its learner', async () => {
  const warmed: string[] = [];
  const warmPool = { warm: (h: { name: string }) => void warmed.push(h.name), close: () => undefined };
  const srv = await startTestServer({ hosts: [host], openShell: fakeOpener(), warmPool });
  try {
    prewarmTerminal('master');
    assert.deepEqual(warmed, []);
  } finally {
    await srv.stop();
  }
});
