import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadHostsConfig } from '../../src/config/hosts-config.ts';
import { terminalDepsFromConfig } from '../../src/server/terminal/from-config.ts';
import { openSocket, startTestServer, type TestSocket } from '../../src/server/terminal/test-helpers.ts';
import { terminalHostsSkip, terminalTestHosts, type TerminalTestHosts } from './terminal-hosts.ts';
import { writeHostsConfig } from './terminal-sshd.ts';

/**
 * The terminal server against real OpenSSH (the testbed, or sshd on 127.0.0.1), driven by a ws
 * client: the production wiring (k8s-labs.yaml → src/ssh connectSsh → shell → bridge).
 */
const skip = terminalHostsSkip();

async function serverFor(configPath: string, options = {}) {
  const config = loadHostsConfig(configPath);
  const deps = terminalDepsFromConfig(config, {});
  return startTestServer({ ...deps, options: { ...deps.options, ...options } });
}

async function shell(srv: Awaited<ReturnType<typeof serverFor>>, host = 'master', extra = {}): Promise<TestSocket> {
  const s = await openSocket(srv.port, { origin: srv.origin, cookie: srv.cookie, host });
  s.hello(extra);
  await s.until((x) => !!x.ready() || !!x.error(), 15_000, 'ready');
  if (s.ready()) await s.until((x) => /[#$] $/.test(x.output), 15_000, 'prompt');
  return s;
}

const marker = () => `M${Math.random().toString(36).slice(2, 10)}`;

/**
 * Memory the server process still holds after a full garbage collection (heap + buffers). RSS
 * alone would count a flood's garbage not yet collected: skip-ahead reads `yes` at SSH speed and
 * drops it, which churns ~20 MB/s of short-lived buffers without keeping any.
 */
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function liveMemory(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function assertMemoryBounded(before: number): void {
  const grown = liveMemory() - before;
  console.log(`# live memory after the flood: ${grown >= 0 ? '+' : ''}${Math.round(grown / 1024)} KiB`);
  assert.ok(grown < 50 * 1024 * 1024, `server memory bounded (grew ${Math.round(grown / 1024)} KiB)`);
}

/** Behaves like xterm.js (acknowledges everything), presses Ctrl-C; ms until a command after it ran. */
async function ctrlCWhileAcking(s: TestSocket, session: { unacked: number }): Promise<number> {
  const ack = setInterval(() => s.control({ type: 'ack', bytes: Math.max(1, session.unacked) }), 5);
  try {
    const t0 = Date.now();
    s.type('\x03');
    const m = marker();
    s.type(`echo "${m.slice(0, 3)}""${m.slice(3)}"\r`);
    await s.until((x) => x.output.includes(`${m}\r\n`), 10_000, 'prompt after Ctrl-C');
    return Date.now() - t0;
  } finally {
    clearInterval(ack);
  }
}

/** Runs a command and waits for its end marker; returns the output between the markers. */
async function run(s: TestSocket, command: string, ms = 10_000): Promise<string> {
  const m = marker();
  const from = s.output.length;
  // The marker is built by the shell (quotes split it) so the echoed command line cannot match.
  s.type(`${command}; echo "${m.slice(0, 3)}""${m.slice(3)}"\r`);
  await s.until((x) => x.output.indexOf(`${m}\r\n`, from) >= 0, ms, command);
  const out = s.output.slice(from);
  // Bash's bracketed-paste toggles (ESC[?2004h/l) surround every command's output.
  return out.slice(out.indexOf('\n') + 1, out.indexOf(m + '\r\n')).replace(/\x1b\[[?0-9;]*[A-Za-z]/g, '');
}

describe('terminal over real SSH', { skip }, () => {
  let hosts: TerminalTestHosts;
  let srv: Awaited<ReturnType<typeof serverFor>>;
  before(async () => {
    hosts = await terminalTestHosts();
    srv = await serverFor(hosts.configPath, { graceSeconds: 5 });
  });
  after(async () => {
    await srv?.stop();
    hosts?.stop();
  });

  test('each configured host opens a shell on that node, with no agent or X11 forwarding (S2)', async () => {
    for (const h of hosts.hosts) {
      const s = await shell(srv, h.name);
      assert.equal(s.ready()?.host, h.name);
      assert.match(await run(s, 'hostname'), new RegExp(`^${h.hostname}\\r?$`, 'm'));
      assert.match(await run(s, 'echo "[$TERM][${SSH_AUTH_SOCK:-}][${DISPLAY:-}]"'), /\[xterm-256color\]\[\]\[\]/);
      s.close();
    }
  });

  test('a resize reaches the pty (stty size)', async () => {
    const s = await shell(srv, 'master', { cols: 100, rows: 30 });
    assert.match(await run(s, 'stty size'), /^30 100\r?$/m);
    s.control({ type: 'resize', cols: 132, rows: 43 });
    assert.match(await run(s, 'stty size'), /^43 132\r?$/m);
    s.close();
  });

  test('a dropped socket re-attaches to the same shell and gets the missed output', async () => {
    const a = await shell(srv);
    const pid = (await run(a, 'echo $$')).trim();
    assert.match(pid, /^\d+$/);
    a.type('sleep 0.5; echo "after""-drop"\r');
    await a.until((x) => x.output.includes('sleep 0.5'), 5000, 'echo of the command');
    const offset = a.outputBytes;
    const session = a.ready()!.session;
    a.ws.terminate(); // no close frame: like a network cut
    await new Promise((r) => setTimeout(r, 1000));
    const b = await shell(srv, 'master', { resume: { session, offset } });
    assert.equal(b.ready()?.resumed, true);
    await b.until((x) => x.output.includes('after-drop'), 5000, 'missed output replayed');
    assert.equal((await run(b, 'echo $$')).trim(), pid, 'same shell');
    b.close();
  });
});

describe('strict streaming over real SSH (TERMINAL_SKIP_AHEAD=off): every byte, flow control pauses the shell', { skip }, () => {
  let hosts: TerminalTestHosts;
  let srv: Awaited<ReturnType<typeof serverFor>>;
  before(async () => {
    hosts = await terminalTestHosts();
    srv = await serverFor(hosts.configPath, { graceSeconds: 5, skipAhead: false });
  });
  after(async () => {
    await srv?.stop();
    hosts?.stop();
  });

  test('a flood through a slow, bursty reader loses no byte and keeps the order (window and flow control)', async () => {
    const s = await shell(srv);
    s.ws.removeAllListeners('message');
    const chunks: Buffer[] = [];
    let tail = '';
    const done = new Promise<void>((resolve) => {
      s.ws.on('message', (d: Buffer, isBinary) => {
        if (!isBinary) return;
        chunks.push(d);
        tail = (tail + d.toString('latin1')).slice(-64);
        // Acknowledge late and unevenly, so the stream pauses and resumes many times.
        setTimeout(() => s.control({ type: 'ack', bytes: d.length }), (chunks.length % 7) * 3);
        if (/\r\nEND\r\n/.test(tail)) resolve();
      });
    });
    s.type('seq 1 300000; echo E""ND\r');
    await done;
    const all = Buffer.concat(chunks)
      .toString('latin1')
      .replace(/\x1b\[[?0-9;]*[A-Za-z]/g, '')
      .replace(/\r(?!\n)/g, '')
      .split('\r\n');
    const lines = all.slice(all.indexOf('1'), all.lastIndexOf('END'));
    assert.equal(lines.length, 300000);
    assert.ok(
      lines.every((l, i) => l === String(i + 1)),
      'every line, in order',
    );
    s.close();
  });

  test('without acknowledgements the shell is paused: memory bounded, Ctrl-C works once acked (R8, R9)', async () => {
    const s = await shell(srv);
    const session = srv.terminal.registry.all().find((x) => x.id === s.ready()!.session)!;
    const mem0 = liveMemory();
    s.type('yes\r');
    await new Promise((r) => setTimeout(r, 2000));
    const sent = session.outputBytes;
    await new Promise((r) => setTimeout(r, 1000));
    const high = srv.terminal.registry.timings.watermarks.high;
    assert.ok(session.unacked < high + 64 * 1024, `unacked ${session.unacked} stays near the high watermark ${high}`);
    assert.ok(session.outputBytes - sent < 64 * 1024, 'no output read from SSH while paused');
    assertMemoryBounded(mem0);
    // Now behave like xterm.js: acknowledge everything, press Ctrl-C, keep acknowledging.
    const ms = await ctrlCWhileAcking(s, session);
    assert.ok(ms < 2000, `Ctrl-C took effect in ${ms} ms`);
    s.close();
  });
});

describe('skip-ahead over real SSH (the default)', { skip }, () => {
  let hosts: TerminalTestHosts;
  let srv: Awaited<ReturnType<typeof serverFor>>;
  before(async () => {
    hosts = await terminalTestHosts();
    srv = await serverFor(hosts.configPath, { graceSeconds: 5 });
  });
  after(async () => {
    await srv?.stop();
    hosts?.stop();
  });

  test('a slow, bursty reader gets every line in order except whole lines a skip message accounts for', async () => {
    const s = await shell(srv);
    const session = srv.terminal.registry.all().find((x) => x.id === s.ready()!.session)!;
    const start = session.outputBytes;
    s.ws.removeAllListeners('message');
    const chunks: Buffer[] = [];
    const skips: { bytes: number; lines: number; at: number }[] = [];
    let received = 0;
    let tail = '';
    const done = new Promise<void>((resolve) => {
      s.ws.on('message', (d: Buffer, isBinary) => {
        if (!isBinary) {
          const m = JSON.parse(d.toString()) as { type: string; bytes: number; lines: number };
          if (m.type === 'skip') skips.push({ ...m, at: Buffer.concat(chunks).length });
          return;
        }
        chunks.push(d);
        received += d.length;
        tail = (tail + d.toString('latin1')).slice(-64);
        setTimeout(() => s.control({ type: 'ack', bytes: d.length }), 20 + (chunks.length % 7) * 10);
        if (/\r\nEND\r\n/.test(tail)) resolve();
      });
    });
    s.type('seq 1 1000000; echo E""ND\r');
    await done;
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(skips.length > 0, 'this reader is slow enough to be skipped ahead of');
    assert.equal(received + skips.reduce((n, k) => n + k.bytes, 0), session.outputBytes - start, 'sent + skipped = all output');
    // Between skips the numbers run on without a gap; each skip leaves out exactly its lines.
    const text = Buffer.concat(chunks).toString('latin1');
    let expected = 0;
    let from = 0;
    for (const k of [...skips, { bytes: 0, lines: 0, at: text.length }]) {
      const part = text
        .slice(from, k.at)
        .replace(/\x1b\[[?0-9;]*[A-Za-z]/g, '')
        .replace(/\r(?!\n)/g, '');
      for (const line of part.split('\r\n')) {
        if (!/^\d+$/.test(line)) continue;
        assert.equal(Number(line), expected + 1, `line after ${expected}`);
        expected++;
      }
      expected += k.lines;
      from = k.at;
    }
    assert.equal(expected, 1000000, 'every number is drawn or accounted for by a skip');
    s.close();
  });

  test('without acknowledgements a plain flood is read on, memory stays bounded, Ctrl-C works at once', async () => {
    const s = await shell(srv);
    const session = srv.terminal.registry.all().find((x) => x.id === s.ready()!.session)!;
    const mem0 = liveMemory();
    s.type('yes\r');
    await new Promise((r) => setTimeout(r, 1500));
    const read = session.outputBytes;
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(session.outputBytes - read > 1024 * 1024, 'the shell is not paused: the flood is read (and dropped)');
    assert.ok(session.unacked < 256 * 1024 + 64 * 1024, `unacked ${session.unacked} bounded`);
    assert.ok(session.heldBytes < 256 * 1024, `held ${session.heldBytes} bounded`);
    assertMemoryBounded(mem0);
    const ms = await ctrlCWhileAcking(s, session);
    assert.ok(ms < 1000, `Ctrl-C took effect in ${ms} ms`);
    s.close();
  });
});

describe('SSH failures become typed errors with their message', { skip }, () => {
  let hosts: TerminalTestHosts;
  before(async () => {
    hosts = await terminalTestHosts();
  });
  after(() => hosts?.stop());

  const failure = async (configPath: string) => {
    const srv = await serverFor(configPath);
    try {
      const s = await shell(srv);
      await s.until((x) => x.closeCode !== undefined, 15_000, 'close');
      return s.error();
    } finally {
      await srv.stop();
    }
  };

  test('a wrong password says the login was refused and what to check', async () => {
    const err = await failure(hosts.wrongPasswordConfig());
    assert.equal(err?.code, 'auth');
    assert.match(err?.message.en ?? '', /master/);
  });

  test('a changed host key is refused before login (S1)', async () => {
    const err = await failure(hosts.wrongHostKeyConfig());
    assert.equal(err?.code, 'host-key');
  });

  test('an unreachable host says so', async () => {
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => r(p));
      });
    });
    const dir = hosts.configPath.replace(/\/[^/]+$/, '');
    const err = await failure(
      writeHostsConfig(
        dir,
        hosts.hosts.slice(0, 1).map((h) => ({ ...h, host: '127.0.0.1', port })),
      ),
    );
    assert.equal(err?.code, 'unreachable');
  });
});
