import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { fakeOpener } from './fake-shell.ts';
import { openSocket, startTestServer } from './test-helpers.ts';
import { TERMINAL_LIMITS } from '../../shared/terminal-protocol.ts';

const hosts = [
  { name: 'master', host: '198.18.0.10', port: 22, user: 'root' },
  { name: 'worker', host: '198.18.0.11', port: 22, user: 'root' },
];

describe('upgrade gate: refused before any SSH connection', () => {
  const opener = fakeOpener();
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    srv = await startTestServer({ hosts, openShell: opener });
  });
  after(() => srv.stop());

  const refused = async (o: Parameters<typeof openSocket>[1], status: number) => {
    await assert.rejects(openSocket(srv.port, o), new RegExp(`status ${status}`), JSON.stringify(o));
  };

  test('foreign, missing, null and look-alike origins get 403 even with a valid token (T1, T2)', async () => {
    const p = srv.port;
    const bad = [
      'https://evil.example',
      undefined,
      'null',
      '',
      `http://127.0.0.1:${p}.evil.com`,
      `http://evil127.0.0.1:${p}`,
      `http://127.0.0.1:${p + 1}`,
      `https://127.0.0.1:${p}`,
      `http://127.0.0.1:${p}/`,
      `HTTP://127.0.0.1:${p}`,
      `http://127.0.0.1.:${p}`,
      `http://127.000.000.001:${p}`,
      `http://2130706433:${p}`,
      `http://0x7f.1:${p}`,
      `http://127.0.0.2:${p}`,
      `http://app.course.test:${p}`,
      'file://',
      `ws://127.0.0.1:${p}`,
    ];
    for (const origin of bad) await refused({ origin, cookie: srv.cookie }, 403);
    assert.equal(opener.calls.length, 0);
  });

  test('missing or wrong session token gets 403 (T4)', async () => {
    await refused({ origin: srv.origin }, 403);
    await refused({ origin: srv.origin, cookie: 'k8s_labs_terminal=wrong' }, 403);
    await refused({ origin: srv.origin, cookie: 'other=test-token-0123456789' }, 403);
    assert.equal(opener.calls.length, 0);
  });

  test('a Host header that is not this site gets 403 (DNS rebinding)', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/ws/terminal?host=master`, {
      headers: { Origin: srv.origin, Cookie: srv.cookie, Host: `rebind.evil:${srv.port}` },
    });
    const status = await new Promise((r) => ws.once('unexpected-response', (_q, res) => r(res.statusCode)));
    assert.equal(status, 403);
    assert.equal(opener.calls.length, 0);
  });

  test('unknown host names and addresses get 404/400; extra target parameters are ignored (T6)', async () => {
    const ok = { origin: srv.origin, cookie: srv.cookie };
    for (const host of ['nope', '127.0.0.1', '169.254.169.254', 'master.evil', 'MASTER']) await refused({ ...ok, host }, 404);
    for (const host of ['', '../master', 'a b', '[::1]', '-oProxyCommand=x']) await refused({ ...ok, host }, 400);
    await refused({ ...ok, path: '/ws/terminal' }, 400);
    assert.equal(opener.calls.length, 0);
    const s = await openSocket(srv.port, { ...ok, path: '/ws/terminal?host=worker&port=5432&addr=127.0.0.1&user=x' });
    s.hello();
    await s.until((x) => !!x.ready(), 5000, 'ready');
    assert.deepEqual(
      opener.calls.map((c) => c.host),
      [hosts[1]],
      'only the configured worker entry was used',
    );
    s.close();
  });
});

describe('bridge: frames, limits, flow control, re-attach', () => {
  const opener = fakeOpener();
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    srv = await startTestServer({
      hosts,
      openShell: opener,
      options: {
        graceSeconds: 1,
        maxSessionsPerLearner: 50,
        helloTimeoutMs: 300,
        watermarks: { high: 1000, low: 100 },
        adaptiveFlow: false,
      },
    });
  });
  after(() => srv.stop());
  const open = () => openSocket(srv.port, { origin: srv.origin, cookie: srv.cookie });
  const settle = () => new Promise((r) => setTimeout(r, 150));

  test('keystrokes reach the shell as bytes, output reaches the socket, resize is clamped', async () => {
    const s = await open();
    s.hello({ cols: 1e9, rows: 0 });
    await s.until((x) => !!x.ready(), 5000, 'ready');
    const shell = opener.shells.at(-1)!;
    assert.deepEqual(shell.sizes[0], { cols: TERMINAL_LIMITS.maxCols, rows: TERMINAL_LIMITS.minRows });
    s.type('echo é\r');
    s.control({ type: 'resize', cols: 132, rows: 43 });
    shell.emit(Buffer.from([0xc3])); // split UTF-8 passes through untouched
    shell.emit(Buffer.from([0xa9]));
    await s.until((x) => x.outputBytes === 2, 5000, 'output');
    assert.equal(s.output, 'é');
    await settle();
    assert.equal(shell.typed, 'echo é\r');
    assert.deepEqual(shell.sizes.at(-1), { cols: 132, rows: 43 });
    shell.exit(0);
    await s.until((x) => x.closeCode !== undefined, 5000, 'close');
    assert.deepEqual(s.messages.at(-1), { type: 'exit', code: 0, signal: null });
    assert.equal(s.closeCode, 1000);
  });

  test('invalid control frames get a typed error and close 1008; oversized frames close 1009 (T7)', async () => {
    for (const bad of ['not json', '{"type":"exec","cmd":"id"}', '{"type":"resize","cols":"x","rows":1}']) {
      const s = await open();
      s.hello();
      await s.until((x) => !!x.ready(), 5000, 'ready');
      s.ws.send(bad);
      await s.until((x) => x.closeCode !== undefined, 5000, 'close');
      assert.equal(s.closeCode, 1008, bad);
      assert.equal(s.error()?.code, 'protocol');
    }
    const s = await open();
    s.hello();
    await s.until((x) => !!x.ready(), 5000, 'ready');
    s.ws.send(Buffer.alloc(TERMINAL_LIMITS.maxFrameBytes + 1), { binary: true });
    await s.until((x) => x.closeCode !== undefined, 5000, 'close');
    assert.equal(s.closeCode, 1009);
  });

  test('the first frame must be hello, of this version, and soon', async () => {
    const a = await open();
    a.type('ls\r');
    await a.until((x) => x.closeCode !== undefined, 5000, 'close');
    assert.equal(a.error()?.code, 'protocol');
    const b = await open();
    b.hello({ v: 99 });
    await b.until((x) => x.closeCode !== undefined, 5000, 'close');
    assert.equal(b.error()?.code, 'version');
    const c = await open();
    await c.until((x) => x.closeCode !== undefined, 5000, 'close');
    assert.equal(c.error()?.code, 'protocol', 'hello timeout');
  });

  test('output pauses the shell above the high watermark and resumes after acks (R8, R9)', async () => {
    const s = await open();
    s.hello();
    await s.until((x) => !!x.ready(), 5000, 'ready');
    const shell = opener.shells.at(-1)!;
    shell.emit('x'.repeat(600));
    await settle();
    assert.equal(shell.paused, false);
    shell.emit('y'.repeat(600));
    await settle(); // output leaves (and is counted) at the end of the event-loop turn
    assert.equal(shell.paused, true, '1200 unacked > 1000');
    await s.until((x) => x.outputBytes === 1200, 5000, 'output');
    s.control({ type: 'ack', bytes: 600 });
    await settle();
    assert.equal(shell.paused, true, '600 unacked > low 100');
    s.control({ type: 'ack', bytes: 600 });
    await settle();
    assert.equal(shell.paused, false);
    s.close();
  });

  test('a re-attach within the grace period gets the same shell and exactly what it missed', async () => {
    const a = await open();
    a.hello();
    await a.until((x) => !!x.ready(), 5000, 'ready');
    const ready = a.ready()!;
    const shell = opener.shells.at(-1)!;
    shell.emit('before\n');
    await a.until((x) => x.output === 'before\n', 5000, 'output');
    a.close();
    await settle();
    shell.emit('while away\n');
    const b = await open();
    b.hello({ resume: { session: ready.session, offset: a.outputBytes } });
    await b.until((x) => x.output === 'while away\n', 5000, 'replay');
    assert.equal(b.ready()?.resumed, true);
    assert.equal(b.ready()?.session, ready.session);
    assert.equal(b.ready()?.offset, 7);
    assert.equal(opener.shells.at(-1), shell, 'no new shell');
    // a reload (offset 0) replays everything, and a second window takes the session over
    const c = await open();
    c.hello({ resume: { session: ready.session, offset: 0 } });
    await c.until((x) => x.output === 'before\nwhile away\n', 5000, 'full replay');
    await b.until((x) => x.closeCode !== undefined, 5000, 'takeover');
    assert.equal(b.error()?.code, 'taken-over');
    assert.equal(b.closeCode, 4001);
    // input from the old socket no longer reaches the shell
    c.type('ok');
    await settle();
    assert.equal(shell.typed, 'ok');
    c.close();
    await new Promise((r) => setTimeout(r, 1300));
    assert.equal(shell.closed, true, 'closed after the grace period');
    const d = await open();
    d.hello({ resume: { session: ready.session, offset: 0 } });
    await d.until((x) => !!x.ready(), 5000, 'ready');
    assert.equal(d.ready()?.resumed, false, 'gone: a new shell');
    assert.notEqual(d.ready()?.session, ready.session);
    d.close();
  });

  test('a session id is useless to another learner or on another host', async () => {
    const a = await open();
    a.hello();
    await a.until((x) => !!x.ready(), 5000, 'ready');
    const id = a.ready()!.session;
    const w = await openSocket(srv.port, { origin: srv.origin, cookie: srv.cookie, host: 'worker' });
    w.hello({ resume: { session: id, offset: 0 } });
    await w.until((x) => !!x.ready(), 5000, 'ready');
    assert.equal(w.ready()?.resumed, false);
    a.close();
    w.close();
  });
});
