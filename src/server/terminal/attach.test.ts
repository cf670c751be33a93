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
        // Strict streaming here: every byte is sent (skip-ahead has its own block below).
        skipAhead: false,
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

describe('skip-ahead: a browser that is behind gets the screen, not every line', () => {
  const opener = fakeOpener();
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    srv = await startTestServer({
      hosts,
      openShell: opener,
      options: { graceSeconds: 5, maxSessionsPerLearner: 50, watermarks: { high: 4096, low: 1024 }, adaptiveFlow: false, skipAhead: true },
    });
  });
  after(() => srv.stop());
  const open = () => openSocket(srv.port, { origin: srv.origin, cookie: srv.cookie });
  const settle = () => new Promise((r) => setTimeout(r, 150));
  const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}\r\n`).join('');
  const skips = (s: { messages: { type: string }[] }) =>
    s.messages.filter((m): m is { type: 'skip'; bytes: number; lines: number } => m.type === 'skip');

  test('a plain flood keeps flowing; the browser gets a skip notice and the last lines; offsets add up', async () => {
    const s = await open();
    s.hello({ rows: 10 });
    await s.until((x) => !!x.ready(), 5000, 'ready');
    const shell = opener.shells.at(-1)!;
    const flood = lines(1, 50_000); // 288 894 bytes, no acks from this browser
    for (let i = 0; i < flood.length; i += 4096) shell.emit(flood.slice(i, i + 4096));
    await settle();
    assert.equal(shell.paused, false, 'plain text never fills the hold');
    s.control({ type: 'ack', bytes: s.outputBytes }); // the browser catches up
    await s.until((x) => x.output.endsWith('50000\r\n'), 5000, 'the last line');
    const skipped = skips(s);
    assert.ok(skipped.length >= 1, 'told what was left out');
    const skippedBytes = skipped.reduce((n, m) => n + m.bytes, 0);
    assert.equal(s.outputBytes + skippedBytes, flood.length, 'sent + skipped = everything, nothing twice');
    assert.ok(s.outputBytes < 20_000, `most was left out (${s.outputBytes} bytes sent)`);
    assert.ok(s.output.endsWith(lines(49_988, 50_000)), 'rows + 2 whole lines at least are kept');
    // A reload resumes after everything, skipped bytes included: no replay of what was left out.
    const session = s.ready()!.session;
    s.close();
    await settle();
    const r = await open();
    r.hello({ rows: 10, resume: { session, offset: flood.length } });
    await r.until((x) => !!x.ready(), 5000, 'ready again');
    assert.equal(r.ready()!.resumed, true);
    assert.equal(r.ready()!.offset, flood.length);
    shell.emit('after\r\n');
    await r.until((x) => x.output === 'after\r\n', 5000, 'new output only');
    r.close();
  });

  test('output that is not plain text is held, then the shell pauses as with plain flow control', async () => {
    const s = await open();
    s.hello();
    await s.until((x) => !!x.ready(), 5000, 'ready');
    const shell = opener.shells.at(-1)!;
    const red = '\x1b[31m' + 'x'.repeat(1000) + '\x1b[0m\r\n';
    for (let i = 0; i < 80 && !shell.paused; i++) {
      shell.emit(red);
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(shell.paused, true, 'paused once the hold (64 KiB) is full');
    // Everything arrives, in order, once the browser acknowledges: nothing dropped.
    let acked = 0;
    const sent = 80 * red.length;
    while (shell.paused || s.outputBytes < Math.min(sent, acked + 1)) {
      const n = s.outputBytes - acked;
      if (n > 0) s.control({ type: 'ack', bytes: n });
      acked += n;
      await settle();
      if (!shell.paused) break;
    }
    assert.equal(skips(s).length, 0);
    assert.ok(s.output.startsWith(red + red), 'in order, complete');
    s.close();
  });

  test('output right after a keystroke is never left out (its echo is in it)', async () => {
    const s = await open();
    s.hello({ rows: 10 });
    await s.until((x) => !!x.ready(), 5000, 'ready');
    const shell = opener.shells.at(-1)!;
    shell.emit(lines(1, 2000)); // the browser falls behind
    await settle();
    s.type('Z');
    await settle();
    shell.emit('Z' + lines(2001, 60_000)); // the echo, then more flood
    await settle();
    // Now a browser that acknowledges what it has drawn, as the real one does.
    let acked = 0;
    const acker = setInterval(() => {
      if (s.outputBytes > acked) s.control({ type: 'ack', bytes: s.outputBytes - acked });
      acked = s.outputBytes;
    }, 10);
    await s.until((x) => x.output.endsWith('60000\r\n'), 5000, 'the last line').finally(() => clearInterval(acker));
    assert.ok(s.output.includes('Z2001\r\n'), 'the echo reached the browser');
    assert.ok(skips(s).length >= 1);
    s.close();
  });

  test('a browser that stays behind gets skip-ahead for TERMINAL_SKIP_AHEAD_SECONDS, then the shell pauses until it catches up', async () => {
    const quick = await startTestServer({
      hosts,
      openShell: opener,
      options: { watermarks: { high: 4096, low: 1024 }, adaptiveFlow: false, skipAhead: true, skipAheadSeconds: 0.3 },
    });
    try {
      const s = await openSocket(quick.port, { origin: quick.origin, cookie: quick.cookie });
      s.hello({ rows: 10 });
      await s.until((x) => !!x.ready(), 5000, 'ready');
      const shell = opener.shells.at(-1)!;
      let n = 0;
      const flood = async (ms: number) => {
        const end = Date.now() + ms;
        while (Date.now() < end && !shell.paused) {
          shell.emit(lines(n + 1, n + 500));
          n += 500;
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      await flood(150);
      assert.equal(shell.paused, false, 'read on while within the budget');
      await flood(1000);
      assert.equal(shell.paused, true, 'paused once the budget is spent');
      // The browser catches up: acknowledges everything; the shell runs again, with a fresh budget.
      for (let i = 0; i < 20 && (shell.paused || s.outputBytes === 0); i++) {
        s.control({ type: 'ack', bytes: Math.max(1, s.outputBytes) });
        await settle();
      }
      assert.equal(shell.paused, false);
      s.close();
    } finally {
      await quick.stop();
    }
  });
});
