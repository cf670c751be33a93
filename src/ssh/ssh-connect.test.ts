import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ssh2 from 'ssh2';
import type { HostEntry } from '../config/hosts-config.ts';
import { connectSsh } from './ssh-connect.ts';
import { SshError, type SshErrorKind } from './ssh-error.ts';
import { makeDropHost } from './test-netns.ts';
import { fingerprintOf, sshdSkip, startSshd, type TestSshd } from './test-sshd.ts';

let sshd: TestSshd | undefined;
before(async () => {
  if (!sshdSkip) sshd = await startSshd();
});
after(async () => sshd?.stop());

const entry = (over: Partial<HostEntry> = {}): HostEntry => ({
  name: 'master',
  role: 'master',
  host: '127.0.0.1',
  port: sshd?.port ?? 22,
  user: 'root',
  auth: { kind: 'key', privateKeyPath: sshd?.clientKeyPath ?? '' },
  ...over,
});
const kh = (name: string) => join(sshd?.dir ?? '/nonexistent', name);

async function failure(p: Promise<unknown>): Promise<SshError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof SshError, `an SshError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the connection to fail');
}

const expectKind = (err: SshError, kind: SshErrorKind) => {
  assert.equal(err.kind, kind, err.message);
  assert.ok(err.detail.zh.length > 0 && err.detail.en.length > 0);
};

test('key login to a real sshd: host key trusted on first use, then known; exec with stdin and exit code', { skip: sshdSkip }, async () => {
  const conn = await connectSsh(entry(), { knownHostsPath: kh('a.known_hosts') });
  try {
    assert.equal(conn.hostKey.trust, 'first-use');
    assert.equal(conn.hostKey.fingerprint, sshd?.hostKeyFingerprint);
    let out = '';
    const r = await conn.exec('/bin/sh -s', { stdin: 'read x; echo "got $x"; exit 3\n', onStdout: (c) => (out += c) });
    assert.equal(out, 'got \n');
    assert.equal(r.exitCode, 3);
    assert.ok(conn.bytes().in > 0 && conn.bytes().out > 0);
  } finally {
    conn.close();
  }
  const again = await connectSsh(entry(), { knownHostsPath: kh('a.known_hosts') });
  assert.equal(again.hostKey.trust, 'known');
  again.close();
});

test('no agent forwarding even when the server allows it', { skip: sshdSkip }, async () => {
  const conn = await connectSsh(entry(), { knownHostsPath: kh('a.known_hosts') });
  let out = '';
  await conn.exec('echo "[${SSH_AUTH_SOCK:-}][${DISPLAY:-}]"', { onStdout: (c) => (out += c) });
  conn.close();
  assert.equal(out.trim().split('\n').at(-1), '[][]');
});

test('wrong password: an auth error that names the user and what to check', { skip: sshdSkip }, async () => {
  const err = await failure(connectSsh(entry({ auth: { kind: 'password', password: 'wrong' } }), { knownHostsPath: kh('a.known_hosts') }));
  expectKind(err, 'auth');
  assert.match(err.detail.en, /user root was not accepted/);
  assert.doesNotMatch(err.message, /wrong/, 'the password never appears in a message');
});

test('a changed host key is refused before any login attempt, naming both fingerprints', { skip: sshdSkip }, async () => {
  const path = kh('changed.known_hosts');
  (await connectSsh(entry(), { knownHostsPath: path })).close();
  const old = sshd?.hostKeyFingerprint ?? '';
  await sshd?.changeHostKey();
  const logBefore = sshd?.log().length ?? 0;
  const err = await failure(connectSsh(entry(), { knownHostsPath: path }));
  expectKind(err, 'host-key');
  assert.ok(err.message.includes(old) && err.message.includes(sshd?.hostKeyFingerprint ?? '?'));
  assert.match(err.message, /ssh-keygen -R/);
  await new Promise((r) => setTimeout(r, 200));
  assert.doesNotMatch(sshd?.log().slice(logBefore) ?? '', /Accepted|Failed|Postponed|userauth/i, 'no credential was offered');
});

test('a pinned fingerprint that does not match is refused; the matching one logs in', { skip: sshdSkip }, async () => {
  const err = await failure(
    connectSsh(entry({ hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), { knownHostsPath: kh('pin.known_hosts') }),
  );
  expectKind(err, 'host-key');
  const ok = await connectSsh(entry({ hostKey: sshd?.hostKeyFingerprint ?? '' }), { knownHostsPath: kh('pin.known_hosts') });
  assert.equal(ok.hostKey.trust, 'pinned');
  ok.close();
});

test('a missing key file and a port where nothing listens (RST) fail fast and clearly', { skip: sshdSkip }, async () => {
  expectKind(
    await failure(connectSsh(entry({ auth: { kind: 'key', privateKeyPath: '/nonexistent/key' } }), { knownHostsPath: kh('x') })),
    'auth',
  );
  const started = Date.now();
  const err = await failure(connectSsh(entry({ port: 1 }), { knownHostsPath: kh('x') }));
  expectKind(err, 'unreachable');
  assert.match(err.message, /refused/);
  assert.ok(Date.now() - started < 5_000);
});

test('a host that drops packets (firewall DROP) is unreachable at the connect timeout', async (t) => {
  const drop = makeDropHost();
  if (typeof drop === 'string') return t.skip(drop);
  try {
    const started = Date.now();
    const err = await failure(
      connectSsh(entry({ host: drop.address, port: 22 }), { knownHostsPath: '/nonexistent/kh', readyTimeoutMs: 1_500 }),
    );
    expectKind(err, 'unreachable');
    assert.match(err.message, /did not answer within 2 s/);
    assert.ok(Date.now() - started < 5_000);
  } finally {
    drop.remove();
  }
});

/** A TCP server that accepts and then says nothing, or an endless banner (endlessh, R3). */
async function tarpit(chatty: boolean): Promise<{ port: number; close(): void }> {
  const socks: Socket[] = [];
  const server: NetServer = createServer((s) => {
    socks.push(s);
    s.on('error', () => {});
    if (chatty) {
      const timer = setInterval(() => s.write(`${'x'.repeat(200)}\r\n`), 5);
      s.on('close', () => clearInterval(timer));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { port, close: () => (socks.forEach((s) => s.destroy()), server.close()) };
}

test('TCP accepted but no SSH (silent, or an endless banner): fails at the handshake deadline', async () => {
  for (const chatty of [false, true]) {
    const pit = await tarpit(chatty);
    try {
      const err = await failure(connectSsh(entry({ port: pit.port }), { knownHostsPath: '/nonexistent/kh', readyTimeoutMs: 1_000 }));
      assert.ok(err.kind === 'timeout' || err.kind === 'protocol', `${chatty}: ${err.kind} ${err.message}`);
    } finally {
      pit.close();
    }
  }
});

test('aborting a connection attempt rejects at once', async () => {
  const pit = await tarpit(false);
  const ac = new AbortController();
  const started = Date.now();
  setTimeout(() => ac.abort(), 100);
  await assert.rejects(
    connectSsh(entry({ port: pit.port }), { knownHostsPath: '/nonexistent/kh', readyTimeoutMs: 5_000, signal: ac.signal }),
  );
  assert.ok(Date.now() - started < 2_000);
  pit.close();
});

/** An ssh2 server (byte-exact faults): counts login attempts, answers exec without an exit status. */
async function fakeServer(): Promise<{ port: number; fingerprint: string; attempts: () => number; close(): void }> {
  const dir = sshd?.dir ?? '';
  let attempts = 0;
  const server = new ssh2.Server({ hostKeys: [readFileSync(join(dir, 'host1'))] }, (client) => {
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      attempts++;
      ctx.accept();
    });
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec) => {
        const ch = acceptExec();
        ch.write('half an answer\n');
        ch.close(); // no exit-status
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { port, fingerprint: fingerprintOf(join(dir, 'host1.pub')), attempts: () => attempts, close: () => server.close() };
}

test('a command that ends without an exit status reports null, never 0 (G5)', { skip: sshdSkip }, async () => {
  const fake = await fakeServer();
  try {
    const conn = await connectSsh(entry({ port: fake.port, hostKey: fake.fingerprint }), { knownHostsPath: kh('fake') });
    let out = '';
    const r = await conn.exec('anything', { onStdout: (c) => (out += c) });
    conn.close();
    assert.equal(out, 'half an answer\n');
    assert.equal(r.exitCode, null);
  } finally {
    fake.close();
  }
});

test('a host-key mismatch sends no credential at all (the server sees zero login attempts)', { skip: sshdSkip }, async () => {
  const fake = await fakeServer();
  try {
    const err = await failure(
      connectSsh(
        entry({
          port: fake.port,
          hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          auth: { kind: 'password', password: 'secret' },
        }),
        { knownHostsPath: kh('fake') },
      ),
    );
    expectKind(err, 'host-key');
    assert.equal(fake.attempts(), 0);
  } finally {
    fake.close();
  }
});
