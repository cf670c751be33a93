import assert from 'node:assert/strict';
import { test } from 'node:test';
import xtermHeadless from '@xterm/headless';
import { rng } from './test-helpers.ts';
import { isPlain, Vt, VtTracker } from './vt-ground.ts';

const { Terminal } = xtermHeadless;
const enc = (s: string) => Buffer.from(s, 'latin1');
const after = (s: string) => {
  const vt = new VtTracker();
  vt.feed(enc(s));
  return vt;
};

test('states after common sequences', () => {
  assert.equal(after('plain text\r\n').state, Vt.Ground);
  assert.equal(after('\x1b[').state, Vt.Csi);
  assert.equal(after('\x1b[31').state, Vt.Csi);
  assert.equal(after('\x1b[31m').state, Vt.Ground);
  assert.equal(after('\x1b[31\nm').state, Vt.Ground, 'LF inside a CSI is executed, the CSI goes on');
  assert.equal(after('\x1b]0;title').state, Vt.Osc);
  assert.equal(after('\x1b]0;title\x07').state, Vt.Ground);
  assert.equal(after('\x1b]8;;http://x\x1b\\').state, Vt.Ground);
  assert.equal(after('\x1bPq#0\x07').state, Vt.String, 'BEL does not end a DCS');
  assert.equal(after('\x1bPq#0\x1b\\').state, Vt.Ground);
  assert.equal(after('\x1b(').state, Vt.EscapeIntermediate);
  assert.equal(after('\x1b(B').state, Vt.Ground);
  assert.equal(after('\x1b[31\x18').state, Vt.Ground, 'CAN aborts');
  assert.equal(after('\xc2\x9b').state, Vt.Csi, 'UTF-8 encoded C1 CSI');
  assert.equal(after('\xc3\xa9').state, Vt.Ground, 'é is text');
});

test('scroll region and alternate buffer', () => {
  assert.equal(after('').fullScreenRegion(24), true);
  assert.equal(after('\x1b[3;10r').fullScreenRegion(24), false);
  assert.equal(after('\x1b[3;10r\x1b[r').fullScreenRegion(24), true);
  assert.equal(after('\x1b[0;23r').fullScreenRegion(24), false, 'apt keeps its progress line out');
  assert.equal(after('\x1b[0;23r\x1b[0;24r').fullScreenRegion(24), true);
  assert.equal(after('\x1b[1;24r').fullScreenRegion(24), true);
  assert.equal(after('\x1b[5r').fullScreenRegion(24), false);
  assert.equal(after('\x1b[3;10r\x1b[!p').fullScreenRegion(24), true, 'DECSTR');
  assert.equal(after('\x1b[3;10r\x1bc').fullScreenRegion(24), true, 'RIS');
  assert.equal(after('\x1b[?1049h').fullScreenRegion(24), false, 'unknown in the alternate buffer');
  assert.equal(after('\x1b[?1049h\x1b[?1049l').fullScreenRegion(24), true);
  assert.equal(after('\x1b[?1049h\x1b[r').fullScreenRegion(24), true);
  assert.equal(after('\x1b[2;5r\x1b[?1049h\x1b[r\x1b[?1049l').fullScreenRegion(24), false, 'per buffer');
  assert.equal(after('\x1b[?25;47h').fullScreenRegion(24), false);
});

test('plain bytes', () => {
  assert.equal(isPlain(0x41, 0), true);
  assert.equal(isPlain(0x0a, 0x0d), true);
  assert.equal(isPlain(0x0a, 0x41), false, 'a bare LF keeps the column');
  assert.equal(isPlain(0x08, 0x41), false, 'BS can reverse-wrap');
  assert.equal(isPlain(0x1b, 0x41), false);
  assert.equal(isPlain(0x9b, 0xc2), false, 'C1 CSI');
  assert.equal(isPlain(0xa9, 0xc3), true);
  assert.equal(isPlain(0x7f, 0x41), false);
});

const TOKENS = [
  'abc',
  '12345',
  ' ',
  '\r\n',
  '\r',
  '\n',
  '\t',
  '\x07',
  '\x08',
  '\x1b',
  '[',
  ']',
  'P',
  '(',
  '\\',
  ';',
  '0',
  '3',
  '1',
  '?',
  'm',
  'H',
  'r',
  'h',
  'l',
  '!',
  'p',
  'c',
  'B',
  '\x18',
  '\x1a',
  '\xc2',
  '\x9b',
  '\x9c',
  '\x9d',
  '\x90',
  '\xc3\xa9',
  '\x7f',
  // Sequence starts, often, so that many streams end inside one.
  '\x1b[',
  '\x1b[',
  '\x1b]',
  '\x1b]0;',
  '\x1bP',
  '\x1b(',
  '\xc2\x9b',
  '\xc2\x9d',
  '\x1b_',
  '\x1b^',
  '\x1bX',
];

test('the tracker agrees with xterm.js: a Z after the bytes prints exactly when it says ground', async () => {
  const random = rng(7);
  const seen = { ground: 0, sequence: 0, unknown: 0 };
  for (let round = 0; round < 600; round++) {
    let s = '';
    const n = 1 + Math.floor(random() * 12);
    for (let i = 0; i < n; i++) s += TOKENS[Math.floor(random() * TOKENS.length)];
    const term = new Terminal({ cols: 200, rows: 10, allowProposedApi: true, logLevel: 'off' });
    // Z is printable in the ground state, a final byte of CSI and ESC sequences, and string content.
    await new Promise<void>((r) => term.write(enc(s + 'Z'), r));
    let zs = 0;
    for (let y = 0; y < term.buffer.active.length; y++)
      zs += (term.buffer.active.getLine(y)?.translateToString(true).match(/Z/g) ?? []).length;
    term.dispose();
    const vt = after(s);
    const where = `after ${JSON.stringify(s)}: xterm.js printed Z ${zs} time(s), tracker state ${vt.state}`;
    if (vt.state === Vt.Unknown)
      seen.unknown++; // either is allowed: the tracker drops nothing there
    else if (vt.ground) {
      seen.ground++;
      assert.equal(zs, 1, where);
    } else {
      seen.sequence++;
      assert.equal(zs, 0, where);
    }
  }
  assert.ok(seen.ground > 50 && seen.sequence > 50, `both outcomes exercised: ${JSON.stringify(seen)}`);
});

test('the fast path gives the same state as byte-by-byte feeding, whatever the chunking', () => {
  const random = rng(11);
  for (let round = 0; round < 300; round++) {
    let s = '';
    const n = 1 + Math.floor(random() * 30);
    for (let i = 0; i < n; i++) s += TOKENS[Math.floor(random() * TOKENS.length)];
    const bytes = enc(s);
    const slow = new VtTracker();
    for (const b of bytes) slow.byte(b);
    const fast = new VtTracker();
    let at = 0;
    while (at < bytes.length) {
      const next = Math.min(bytes.length, at + 1 + Math.floor(random() * 6));
      fast.feed(bytes, at, next);
      at = next;
    }
    assert.equal(fast.state, slow.state, JSON.stringify(s));
    assert.equal(fast.prev, slow.prev);
    assert.equal(fast.fullScreenRegion(24), slow.fullScreenRegion(24));
  }
});
