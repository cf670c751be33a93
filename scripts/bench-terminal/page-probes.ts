/**
 * Measurements that run inside the page (passed to `page.evaluate`), through the public hook
 * `window.term`. Keys go in with `term.input(ch, true)`, xterm.js's own "as if typed" path, so the
 * measured loop is: onData → WebSocket → SSH → remote pty echo → SSH → WebSocket → write → parse
 * (in the buffer, `onWriteParsed`) → render (`onRender`, the frame that paints it).
 * Must stay self-contained: these functions are serialized into the browser.
 */
import type { Terminal } from '@xterm/xterm';

type Watch = (term: Terminal, needle: string) => { start(): void; done: Promise<number> };
declare const window: { term?: Terminal; __watchOutput: Watch };

/**
 * Echo latency of `count` keys, one at a time: [ms to buffer, ms to render] each. Keys come at
 * random intervals of 30–130 ms (a fast typist): a fixed short gap after each paint would lock the
 * keys to the 60 Hz frame clock and measure the same phase every time (docs/terminal.md).
 */
export async function echoProbe(count: number): Promise<[number, number][]> {
  const term = window.term!;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const line = () => {
    const b = term.buffer.active;
    return b.getLine(b.baseY + b.cursorY)?.translateToString(true) ?? '';
  };
  const until = async (pred: () => boolean) => {
    for (let i = 0; i < 500 && !pred(); i++) await sleep(10);
  };
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    if (i % 40 === 0) {
      term.input('\x15', true); // Ctrl-U: clear the line so it never wraps
      await until(() => /[#$] $/.test(line()));
    }
    const before = line().length;
    const t0 = performance.now();
    const painted = new Promise<[number, number]>((resolve) => {
      const parsed = term.onWriteParsed(() => {
        if (line().length <= before) return;
        const inBuffer = performance.now() - t0;
        parsed.dispose();
        const render = term.onRender(() => {
          render.dispose();
          resolve([inBuffer, performance.now() - t0]);
        });
      });
    });
    term.input(String.fromCharCode(97 + (i % 26)), true);
    // A lost session must fail the round, not hang the benchmark.
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no echo for key ${i} within 10 s`)), 10_000));
    out.push(await Promise.race([painted, timeout]));
    await sleep(30 + Math.random() * 100);
  }
  term.input('\x15', true);
  return out;
}

/**
 * Wraps `term.write` (the hook the page offers) to find `needle` in the output stream itself, and
 * resolves with ms from `start()` until xterm.js has parsed the chunk holding it (write callback).
 * Scanning the buffer instead would miss text already scrolled out between two callbacks.
 * Installed in the page as `window.__watchOutput` (see bench-terminal.ts), since each probe is
 * serialized on its own.
 */
export function watchOutput(term: Terminal, needle: string): { start(): void; done: Promise<number> } {
  const bytes = Array.from(needle, (c) => c.charCodeAt(0));
  let t0 = 0;
  let matched = 0;
  let found = false;
  const original = term.write.bind(term);
  let resolve!: (ms: number) => void;
  const done = new Promise<number>((r) => (resolve = r));
  term.write = ((data: string | Uint8Array, cb?: () => void) => {
    if (!found && t0 > 0 && typeof data !== 'string') {
      for (let i = 0; i < data.length && !found; i++) {
        matched = data[i] === bytes[matched] ? matched + 1 : data[i] === bytes[0] ? 1 : 0;
        if (matched === bytes.length) found = true;
      }
      if (found) {
        term.write = original;
        return original(data, () => {
          resolve(performance.now() - t0);
          cb?.();
        });
      }
    }
    return original(data, cb);
  }) as typeof term.write;
  return { start: () => (t0 = performance.now()), done };
}

/** Runs `command` and resolves with ms until `marker` (a line of its own) has been parsed. */
export async function floodProbe([command, marker]: [string, string]): Promise<number> {
  const term = window.term!;
  const w = window.__watchOutput(term, `\n${marker}\r\n`);
  w.start();
  term.input(`${command}\r`, true);
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${marker} not seen within 5 min`)), 300_000));
  return Promise.race([w.done, timeout]);
}

/** During an endless `seq`, types `Z` and measures ms until its echo is parsed; then Ctrl-C. */
export async function echoDuringFloodProbe(floodMs: number): Promise<number> {
  const term = window.term!;
  term.input('seq 1 999999999\r', true);
  await new Promise((r) => setTimeout(r, floodMs));
  const w = window.__watchOutput(term, 'Z');
  w.start();
  term.input('Z', true);
  const ms = await Promise.race([w.done, new Promise<number>((r) => setTimeout(() => r(-1), 30_000))]);
  term.input('\x03', true);
  return ms;
}

/** Installed before navigation: records when the first prompt is rendered (ms since navigation start). */
export function promptWatcher(): void {
  const w = window as unknown as { term?: Terminal; __promptPaintedAt?: number };
  const poll = () => {
    const term = w.term;
    if (!term) return void requestAnimationFrame(poll);
    const check = () => {
      const b = term.buffer.active;
      return /[#$] $/.test(b.getLine(b.baseY + b.cursorY)?.translateToString(true) ?? '');
    };
    if (check()) return void (w.__promptPaintedAt = performance.now());
    const sub = term.onRender(() => {
      if (!check()) return;
      sub.dispose();
      w.__promptPaintedAt = performance.now();
    });
  };
  requestAnimationFrame(poll);
}

/**
 * The floor under any browser terminal: round trips of one byte over a bare WebSocket to an echo
 * server in the benchmark process, with the same typing rhythm as echoProbe. No terminal, no SSH.
 */
export async function wsEchoProbe([url, count]: [string, number]): Promise<number[]> {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      ws.onmessage = () => resolve();
      ws.send(new Uint8Array([97 + (i % 26)]));
    });
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 30 + Math.random() * 100));
  }
  ws.close();
  return out;
}
