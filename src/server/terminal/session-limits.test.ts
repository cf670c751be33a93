import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fakeOpener } from './fake-shell.ts';
import { openSocket, startTestServer } from './test-helpers.ts';

const hosts = [
  { name: 'master', host: '198.18.0.10', port: 22, user: 'root' },
  { name: 'worker', host: '198.18.0.11', port: 22, user: 'root' },
];

describe('limits', () => {
  test('sessions per learner are capped before any SSH connection; grace ends them (T8)', async () => {
    const opener = fakeOpener();
    const srv = await startTestServer({ hosts, openShell: opener, options: { graceSeconds: 0.5, maxSessionsPerLearner: 3 } });
    try {
      const open = () => openSocket(srv.port, { origin: srv.origin, cookie: srv.cookie });
      const socks = [];
      for (let i = 0; i < 3; i++) {
        const s = await open();
        s.hello();
        await s.until((x) => !!x.ready(), 5000, 'ready');
        socks.push(s);
      }
      for (let i = 0; i < 20; i++) {
        const extra = await open();
        extra.hello();
        await extra.until((x) => x.closeCode !== undefined, 5000, 'close');
        assert.equal(extra.error()?.code, 'limit');
        assert.equal(extra.closeCode, 4002);
      }
      assert.equal(opener.calls.length, 3, 'no SSH attempt beyond the cap');
      for (const s of socks) s.close();
      await new Promise((r) => setTimeout(r, 900));
      assert.equal(srv.terminal.registry.size, 0, 'grace period over: shells closed');
      assert.ok(opener.shells.every((sh) => sh.closed));
    } finally {
      await srv.stop();
    }
  });
});

describe('idle timeout', () => {
  test('a session without input is closed with the idle message', async () => {
    const opener = fakeOpener();
    const srv = await startTestServer({ hosts, openShell: opener, options: { idleMinutes: 0.005 } }); // 300 ms
    try {
      const s = await openSocket(srv.port, { origin: srv.origin, cookie: srv.cookie });
      s.hello();
      await s.until((x) => x.closeCode !== undefined, 5000, 'idle close');
      assert.equal(s.error()?.code, 'idle');
      assert.equal(s.closeCode, 4003);
      assert.equal(opener.shells[0]?.closed, true);
    } finally {
      await srv.stop();
    }
  });
});
