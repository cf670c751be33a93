/**
 * `npm run bench:terminal`: the web terminal in headless Chromium against real sshd (the testbed
 * when up, else sshd on 127.0.0.1), beside OpenSSH's client on a pty against the same sshd in the
 * same run. Figures per round, medians over BENCH_ROUNDS (default 5):
 * keystroke echo p50/p95/p99 over 200 keys (in xterm's buffer and painted), bulk throughput of
 * `seq 1 3000000` (25.9 MB through the pty), echo of a key typed during a flood, and time from
 * navigation to a painted prompt. BENCH_RENDERERS=auto,dom,webgl picks the renderers to run.
 * A third column is the floor under any browser terminal: one byte echoed over a bare WebSocket
 * (same browser, same typing rhythm, an echo server in this process; no terminal, no SSH).
 * Writes the figures as JSON to .tmp/bench-terminal.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, type Browser } from '../tests/e2e/browser.ts';
import { ensureBuilt, ROOT, startSite } from '../tests/e2e/site-server.ts';
import { terminalTestHosts } from '../tests/e2e/terminal-hosts.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { echoDuringFloodProbe, echoProbe, floodProbe, promptWatcher, watchOutput, wsEchoProbe } from './bench-terminal/page-probes.ts';
import { measureSsh } from './bench-terminal/ssh-baseline.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const KEYS = 200;
const RENDERERS = (process.env['BENCH_RENDERERS'] ?? 'auto').split(',').map((s) => s.trim());
/** `seq 1 3000000` through a pty: 19 888 896 digits + CRLF per line. */
const FLOOD_BYTES = 25_888_896;

interface Round {
  echoBuffer: number[];
  echoPainted: number[];
  floodMs: number;
  echoDuringFloodMs: number;
  promptMs: number;
  renderer?: string;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const median = (xs: number[]) => pct(xs, 50);

async function webRound(browser: Browser, url: string): Promise<Round> {
  const page = await browser.context.newPage();
  try {
    await page.addInitScript(promptWatcher);
    await page.addInitScript({ content: `window.__watchOutput = ${watchOutput.toString()};` });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __promptPaintedAt?: number }).__promptPaintedAt !== undefined, null, {
      timeout: 60_000,
      polling: 20,
    });
    const promptMs = await page.evaluate(() => (window as unknown as { __promptPaintedAt: number }).__promptPaintedAt);
    const renderer = (await page.textContent('[data-status-line]'))?.split(' · ').at(-1) ?? '?';
    const echo = await page.evaluate(echoProbe, KEYS);
    const floodMs = await page.evaluate(floodProbe, ['seq 1 3000000; echo EN""D', 'END'] as [string, string]);
    await page.waitForTimeout(300);
    const echoDuringFloodMs = await page.evaluate(echoDuringFloodProbe, 1000);
    await page.waitForTimeout(500);
    await page.evaluate(() => window.term?.input('exit\r', true));
    return { echoBuffer: echo.map((e) => e[0]), echoPainted: echo.map((e) => e[1]), floodMs, echoDuringFloodMs, promptMs, renderer };
  } finally {
    await page.close();
  }
}

/** An HTTP page and a WebSocket echo on 127.0.0.1, for the floor measurement. */
async function startEchoServer(): Promise<{ url: string; ws: string; close(): void }> {
  const http = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>echo</title>');
  });
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary })));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    ws: `ws://127.0.0.1:${port}/`,
    close: () => {
      wss.close();
      http.close();
    },
  };
}

async function wsFloorRound(browser: Browser, echo: { url: string; ws: string }): Promise<number[]> {
  const page = await browser.context.newPage();
  try {
    await page.goto(echo.url);
    return await page.evaluate(wsEchoProbe, [echo.ws, KEYS] as [string, number]);
  } finally {
    await page.close();
  }
}

function summarize(rounds: Round[]) {
  const per = (f: (r: Round) => number) => Number(median(rounds.map(f)).toFixed(2));
  return {
    echoBufferP50: per((r) => pct(r.echoBuffer, 50)),
    echoBufferP95: per((r) => pct(r.echoBuffer, 95)),
    echoBufferP99: per((r) => pct(r.echoBuffer, 99)),
    echoPaintedP50: per((r) => pct(r.echoPainted, 50)),
    echoPaintedP95: per((r) => pct(r.echoPainted, 95)),
    echoPaintedP99: per((r) => pct(r.echoPainted, 99)),
    throughputMBps: per((r) => FLOOD_BYTES / 1e6 / (r.floodMs / 1000)),
    echoDuringFloodMs: per((r) => r.echoDuringFloodMs),
    promptS: Number((median(rounds.map((r) => r.promptMs)) / 1000).toFixed(3)),
    renderer: rounds.map((r) => r.renderer ?? '-').join(','),
  };
}

async function main(): Promise<void> {
  ensureBuilt();
  const hosts = await terminalTestHosts();
  const host = hosts.hosts[0]!;
  // Short grace: each round's page ends its shell with `exit`; nothing lingers between rounds.
  const site = await startSite({ K8S_LABS_CONFIG: hosts.configPath, TERMINAL_GRACE_SECONDS: '2' });
  const browser = await launchBrowser();
  const echo = await startEchoServer();
  const floor: number[][] = [];
  const ssh: Round[] = [];
  const web: Record<string, Round[]> = Object.fromEntries(RENDERERS.map((r) => [r, []]));
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const s = await measureSsh(host, KEYS);
      ssh.push({
        echoBuffer: s.echoMs,
        echoPainted: s.echoMs,
        floodMs: s.floodMs,
        echoDuringFloodMs: s.echoDuringFloodMs,
        promptMs: s.promptMs,
      });
      floor.push(await wsFloorRound(browser, echo));
      for (const r of RENDERERS) {
        const q = r === 'auto' ? '' : `?renderer=${r}`;
        web[r]!.push(await webRound(browser, new URL(`/terminal${q}`, site.url).href));
      }
      // Partial figures survive a run that dies later (e.g. the testbed torn down by another run).
      mkdirSync(join(ROOT, '.tmp'), { recursive: true });
      writeFileSync(join(ROOT, '.tmp', 'bench-terminal.partial.json'), JSON.stringify({ rounds: i + 1, ssh, web }, null, 2));
      console.error(`round ${i + 1}/${ROUNDS} done`);
    }
  } finally {
    await browser.close();
    echo.close();
    await site.stop();
    hosts.stop();
  }
  const result = {
    hosts: hosts.source,
    rounds: ROUNDS,
    keys: KEYS,
    floodBytes: FLOOD_BYTES,
    ssh: summarize(ssh),
    wsFloor: {
      echoP50: Number(median(floor.map((xs) => pct(xs, 50))).toFixed(2)),
      echoP95: Number(median(floor.map((xs) => pct(xs, 95))).toFixed(2)),
      echoP99: Number(median(floor.map((xs) => pct(xs, 99))).toFixed(2)),
    },
    web: Object.fromEntries(Object.entries(web).map(([r, rounds]) => [r, summarize(rounds)])),
    raw: { ssh, web, wsFloor: floor },
  };
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(join(ROOT, '.tmp', 'bench-terminal.json'), JSON.stringify(result, null, 2));
  const rows: [string, ...string[]][] = [['', 'plain ssh (pty)', ...RENDERERS.map((r) => `web (${r})`), 'bare WebSocket echo (floor)']];
  const all = [result.ssh, ...RENDERERS.map((r) => result.web[r]!)];
  const f = result.wsFloor;
  const row = (label: string, fn: (s: ReturnType<typeof summarize>) => string, floorCell = '-') =>
    rows.push([label, ...all.map(fn), floorCell]);
  row(
    'echo in buffer p50/p95/p99 ms',
    (s) => `${s.echoBufferP50} / ${s.echoBufferP95} / ${s.echoBufferP99}`,
    `${f.echoP50} / ${f.echoP95} / ${f.echoP99}`,
  );
  row('echo painted p50/p95/p99 ms', (s) => `${s.echoPaintedP50} / ${s.echoPaintedP95} / ${s.echoPaintedP99}`);
  row('throughput MB/s', (s) => String(s.throughputMBps));
  row('echo during flood ms', (s) => String(s.echoDuringFloodMs));
  row('prompt s', (s) => String(s.promptS));
  row('renderer', (s) => s.renderer);
  console.log(`terminal benchmark: ${ROUNDS} rounds, medians, hosts from ${hosts.source}`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
