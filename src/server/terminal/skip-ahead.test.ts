import assert from 'node:assert/strict';
import { test } from 'node:test';
import xtermHeadless from '@xterm/headless';
import { skipNotice } from '../../client/terminal/messages.ts';
import { HeldOutput, planDrops, type ProtectedRange } from './skip-ahead.ts';
import { isPlain, VtTracker } from './vt-ground.ts';
import { rng } from './test-helpers.ts';

const { Terminal } = xtermHeadless;
const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}\r\n`).join('');
const opts = { rows: 5, minDropBytes: 1 };

test('a plain flood keeps rows + 2 lines and drops the rest', () => {
  const bytes = enc(lines(1, 100));
  const drops = planDrops(bytes, new VtTracker(), true, 0, [], opts);
  assert.equal(drops.length, 1);
  const d = drops[0]!;
  assert.equal(d.from, 0);
  assert.equal(d.lines, 100 - 7);
  assert.equal(Buffer.from(bytes.subarray(d.to)).toString(), lines(94, 100));
});

test('nothing is dropped when fewer than rows lines could go, or below the minimum size', () => {
  assert.deepEqual(planDrops(enc(lines(1, 11)), new VtTracker(), true, 0, [], opts), [], '11 < 5 dropped + 7 kept');
  assert.equal(planDrops(enc(lines(1, 12)), new VtTracker(), true, 0, [], opts).length, 1);
  assert.deepEqual(planDrops(enc(lines(1, 100)), new VtTracker(), true, 0, [], { rows: 5, minDropBytes: 10_000 }), []);
});

test('a run starts only after CR LF in the ground state', () => {
  const notAtLineStart = planDrops(enc(`tail of a line\r\n${lines(1, 50)}`), new VtTracker(), false, 0, [], opts);
  assert.equal(notAtLineStart[0]!.from, 'tail of a line\r\n'.length);
  const inCsi = new VtTracker();
  inCsi.feed(enc('\x1b[3'));
  const drops = planDrops(enc(`1m\r\n${lines(1, 50)}`), inCsi, true, 0, [], opts);
  assert.equal(drops[0]!.from, '1m\r\n'.length, 'not before the CSI ended');
  const bareLf = planDrops(enc(lines(1, 50).replaceAll('\r\n', '\n')), new VtTracker(), true, 0, [], opts);
  assert.deepEqual(bareLf, [], 'a bare LF keeps the column: never dropped');
});

test('escape sequences split runs and are never dropped', () => {
  const s = `${lines(1, 40)}\x1b[31mred\x1b[0m\r\n${lines(41, 80)}`;
  const bytes = enc(s);
  const drops = planDrops(bytes, new VtTracker(), true, 0, [], opts);
  assert.equal(drops.length, 2);
  for (const d of drops) assert.ok(!Buffer.from(bytes.subarray(d.from, d.to)).includes(0x1b));
});

test('protected output (a keystroke echo) is never dropped', () => {
  const s = lines(1, 200);
  const at = s.indexOf('100\r\n');
  const drops = planDrops(enc(s), new VtTracker(), true, 0, [[at, at + 20]], opts);
  assert.equal(drops.length, 2);
  for (const d of drops) assert.ok(d.to <= at || d.from >= at + 20, JSON.stringify(d));
  // With an absolute base: the same range, shifted.
  const shifted = planDrops(enc(s), new VtTracker(), true, 1000, [[1000 + at, 1000 + at + 20]], opts);
  assert.deepEqual(shifted, drops);
});

test('no drops inside a scroll region or the alternate buffer', () => {
  const region = new VtTracker();
  region.feed(enc('\x1b[2;4r'));
  assert.deepEqual(planDrops(enc(lines(1, 100)), region, true, 0, [], opts), []);
  const alt = new VtTracker();
  alt.feed(enc('\x1b[?1049h\r\n'));
  assert.deepEqual(planDrops(enc(lines(1, 100)), alt, true, 0, [], opts), []);
});

// ---- The property: what the learner sees is the same with and without the drops. ----

/** Pieces of terminal output, plain and not, as programs write them. */
function randomStream(random: () => number, cols: number, rows: number): string {
  const word = () => 'abcdefghij0123456789'.slice(0, 1 + Math.floor(random() * 10));
  const flood = () => lines(1, Math.floor(random() * rows * 30));
  const pieces: (() => string)[] = [
    flood,
    flood,
    flood,
    flood,
    () => `${word().repeat(Math.ceil((cols * 2) / 5))}\r\n`, // wraps
    () => '中文输出，宽字符\r\n',
    () => `${word()}\t${word()}\r\n`,
    () => `\x1b[3${Math.floor(random() * 8)}m${word()}\x1b[0m\r\n`,
    () => `\x1b[4${Math.floor(random() * 8)}m`, // a background colour left set
    () => '\x1b[0m',
    () => `\x1b[${1 + Math.floor(random() * rows)}A`,
    () => '\x1b[H',
    () => '\x1b[2J',
    () => `${Math.floor(random() * 100)}%\r`, // a progress line
    () => '\x1b]0;a title\x07',
    () => '\x1b[?1049h',
    () => '\x1b[?1049l',
    () => `\x1b[2;${rows - 1}r`,
    () => '\x1b[r',
    () => `${word()}\n`, // bare LF
    () => `${word()}\b\b`,
    () => '\x1b[?7l',
    () => '\x1b[?7h',
    () => '\x1b[4h',
    () => '\x1b[4l',
    () => '\x07',
  ];
  let s = '';
  const n = 5 + Math.floor(random() * 25);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(random() * pieces.length)]!();
  return s;
}

async function screen(data: Uint8Array | string, cols: number, rows: number) {
  const term = new Terminal({ cols, rows, scrollback: 50, allowProposedApi: true, logLevel: 'off' });
  await new Promise<void>((r) => term.write(data, r));
  const b = term.buffer.active;
  const out: string[] = [`buffer ${b.type} cursor ${b.cursorX},${b.cursorY}`];
  const cell = b.getNullCell();
  for (let y = 0; y < rows; y++) {
    const line = b.getLine(b.baseY + y)!;
    let attrs = '';
    for (let x = 0; x < cols; x++) {
      line.getCell(x, cell);
      attrs += `${cell.getFgColor()}/${cell.getBgColor()}/${cell.isBold()}/${cell.getWidth()},`;
    }
    out.push(`${line.translateToString(false)} | ${attrs}`);
  }
  term.dispose();
  return out;
}

test('random output through HeldOutput looks the same in xterm.js as the whole output', async () => {
  const random = rng(2024);
  let dropped = 0;
  let roundsWithDrops = 0;
  for (let round = 0; round < 200; round++) {
    const droppedBefore = dropped;
    const cols = 10 + Math.floor(random() * 40);
    const rows = 3 + Math.floor(random() * 10);
    const full = enc(randomStream(random, cols, rows));
    const held = new HeldOutput({ rows, minDropBytes: 1 });
    const protect: ProtectedRange[] = [];
    const browser: (Uint8Array | string)[] = [];
    const drain = (all: boolean) => {
      for (let item = held.shift(); item; item = all || random() < 0.7 ? held.shift() : undefined) {
        if (item.kind === 'data') browser.push(item.bytes);
        else {
          browser.push(skipNotice(`${item.lines} lines skipped`));
          dropped += item.bytes;
        }
      }
    };
    let at = 0;
    let delivered = 0;
    let skipped = 0;
    while (at < full.length) {
      const chunk = full.subarray(at, Math.min(full.length, at + 1 + Math.floor(random() * 300)));
      if (random() < 0.1) {
        protect.push([at, at + Math.floor(random() * 200)]);
        protect.sort((a, b) => a[0] - b[0]);
      }
      if (held.empty && random() < 0.3) {
        held.passed(chunk); // the browser kept up: sent as it came
        browser.push(chunk);
      } else {
        held.hold(chunk, at);
        if (random() < 0.5) held.compact(protect, Math.floor(random() * 400));
        if (random() < 0.3) drain(false);
      }
      at += chunk.length;
    }
    held.compact(protect);
    drain(true);
    assert.ok(held.empty);
    for (const piece of browser) {
      if (typeof piece === 'string') skipped++;
      else delivered += piece.length;
    }
    void skipped;
    const cut = full.length - delivered;
    assert.ok(cut >= 0, 'never more data than the output');
    const where = `round ${round} (${cols}x${rows}): ${JSON.stringify(Buffer.from(full).toString().slice(0, 300))}…`;
    const joined = browser.map((p) => (typeof p === 'string' ? enc(p) : p));
    assert.deepEqual(await screen(Buffer.concat(joined), cols, rows), await screen(full, cols, rows), where);
    if (dropped > droppedBefore) roundsWithDrops++;
  }
  assert.ok(roundsWithDrops >= 80, `most rounds dropped something (${roundsWithDrops} of 200, ${dropped} bytes)`);
});

test('every dropped byte is plain text outside protected ranges', () => {
  const random = rng(99);
  for (let round = 0; round < 200; round++) {
    const full = enc(randomStream(random, 40, 8));
    const protect: ProtectedRange[] = [[Math.floor(random() * full.length), Math.floor(random() * full.length) + 100]];
    for (const d of planDrops(full, new VtTracker(), true, 0, protect, { rows: 8, minDropBytes: 1 })) {
      for (let i = d.from; i < d.to; i++) {
        assert.ok(isPlain(full[i]!, full[i - 1] ?? 0), `byte ${i} is plain`);
        assert.ok(i < protect[0]![0] || i >= protect[0]![1], `byte ${i} is not protected`);
      }
      assert.ok(d.from === 0 || full[d.from - 1] === 0x0a, 'starts after LF');
      assert.equal(full[d.to - 1], 0x0a, 'ends after LF');
    }
  }
});
