import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TERMINAL_COOKIE } from '../../shared/terminal-protocol.ts';
import { configTerminal } from './config-terminal.ts';
import { terminalHostsForPage } from './page-hosts.ts';
import { terminalToken } from './session-token.ts';
import { openSocket } from './test-helpers.ts';

/** A host nobody listens on: opening a shell there fails with "unreachable", which proves the name was accepted. */
const hostYaml = (name: string) =>
  `hosts:\n  ${name}:\n    role: master\n    host: 127.0.0.1\n    port: 1\n    user: root\n    password: "x"\n`;

test('hosts saved while the server runs are used by the next page and socket, without a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-config-terminal-'));
  const path = join(dir, 'k8s-labs.yaml');
  const http = createServer();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  const logs: string[] = [];
  const terminal = configTerminal(
    { K8S_LABS_CONFIG: path },
    dir,
    () => http.address(),
    (l) => logs.push(l),
  );
  http.on('upgrade', (req, socket, head) => void terminal.handleUpgrade(req, socket, head));
  const open = (host: string) =>
    openSocket(port, { origin: `http://127.0.0.1:${port}`, cookie: `${TERMINAL_COOKIE}=${terminalToken()}`, host });
  try {
    // No file yet: the page shows why, the endpoint knows no host.
    const before = terminalHostsForPage();
    assert.ok('error' in before, 'a missing config is shown on the page');
    assert.equal(logs.length, 1);
    await assert.rejects(open('master'), /status 404/);

    // The host setup page (or an editor) writes the file: the next page render picks it up.
    writeFileSync(path, hostYaml('master'));
    assert.deepEqual(terminalHostsForPage(), { hosts: [{ name: 'master', role: 'master' }] });
    const s = await open('master');
    s.hello();
    await s.until((x) => !!x.error(), 10_000, 'the shell to fail on the unreachable port');
    assert.equal(s.error()?.code, 'unreachable');

    // Renamed: the old name is gone, the new one works, also when the socket comes first.
    writeFileSync(path, hostYaml('node-a'));
    await assert.rejects(open('master'), /status 404/);
    const t = await open('node-a');
    t.hello();
    await t.until((x) => !!x.error(), 10_000, 'error');
    assert.equal(t.error()?.code, 'unreachable');
    assert.deepEqual(terminalHostsForPage(), { hosts: [{ name: 'node-a', role: 'master' }] });
  } finally {
    terminal.close();
    http.closeAllConnections();
    await new Promise((r) => http.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
});
