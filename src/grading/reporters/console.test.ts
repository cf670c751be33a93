import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderConsole } from './console.ts';
import { mixedReport, passingReport } from './sample-reports.fixture.ts';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test('console without colour: one mark per status, message, hint, score line, no escape codes', () => {
  const out = renderConsole([mixedReport('en')], { lang: 'en', color: false });
  assert.ok(!out.includes('\u001b'), 'no ANSI escapes when colour is off');
  const lines = out.split('\n');
  assert.equal(lines[0], 'lab-10 · Lab 10');
  assert.ok(lines.includes('  ✓ Check chains-present (3/3)'));
  assert.ok(lines.includes('  ✗ Check probabilities (0/3)'));
  assert.ok(lines.includes('  ! Check dnat-targets (0/2)'));
  assert.ok(lines.includes('  … Check endpoints-ready (0/1)'));
  assert.ok(lines.includes('  - Check picture (0/1)'));
  assert.ok(lines.includes('    Message chains-present'));
  // A multi-line hint keeps its arrow on the first line and indents the rest under it.
  assert.ok(lines.includes('    → line one'));
  assert.ok(lines.includes('      line two'));
  assert.ok(lines.includes('    → Run kubectl get dnat-targets'));
  // A passed check has no hint line.
  assert.ok(!out.includes('Run kubectl get chains-present'));
  const score = lines.find((l) => l.includes('Score'));
  assert.equal(
    score,
    '  ■ Score 3/9 · 1 passed, 1 failed, 1 could not check, 1 pending, 1 skipped (some checks could not be judged; the score is incomplete)',
  );
});

test('console strips escape sequences and control characters that come from the cluster', () => {
  for (const color of [false, true]) {
    const out = renderConsole([mixedReport('en')], { lang: 'en', color });

    const visible = out.replace(/\u001b\[[0-9;]*m/g, '');
    assert.ok(!CONTROL.test(visible.replace(/\n/g, '')), `no control characters left (color=${color})`);
    assert.ok(!out.includes('\u001b]0;'), 'no OSC title sequence');
    assert.ok(!out.includes('\u001b[31mred'), 'the hostile red sequence is removed');
    assert.ok(out.includes('pod <b>"x"</b> & \'y\' ]]> red  bell nul lone'), 'the printable text survives');
  }
});

test('console with colour: marks and score are coloured with SGR codes', () => {
  const out = renderConsole([mixedReport('en')], { lang: 'en', color: true });
  assert.ok(out.includes('\u001b[32m✓\u001b[39m'));
  assert.ok(out.includes('\u001b[31m✗\u001b[39m'));
  assert.ok(out.includes('\u001b[33m!\u001b[39m'));
  assert.ok(out.includes('\u001b[36m…\u001b[39m'));
  assert.ok(out.includes('\u001b[90m-\u001b[39m'));
  assert.ok(out.includes('\u001b[1mScore 3/9\u001b[22m'));
  assert.ok(out.includes('\u001b[1mlab-10 · Lab 10\u001b[22m'));
});

test('console in Chinese, several labs: per-lab score lines and a total', () => {
  const out = renderConsole([passingReport('lab-09', 9, 'zh'), mixedReport('zh')], { lang: 'zh', color: false });
  assert.ok(out.includes('lab-09 · 实验 9'));
  assert.ok(out.includes('■ 得分 5/5 · 通过 2'));
  assert.ok(out.includes('■ 得分 3/9 · 通过 1，未通过 1，无法检查 1，尚未就绪 1，跳过 1'));
  const last = out.trimEnd().split('\n').at(-1) ?? '';
  assert.ok(last.startsWith('总分 8/14 · 2 个实验中 1 个全部通过'), last);
  assert.ok(last.includes('得分不完整'));
});

test('console: a fully passing lab has no incompleteness note and a green mark with colour', () => {
  const plain = renderConsole([passingReport()], { lang: 'en', color: false });
  assert.ok(plain.includes('■ Score 5/5 · 2 passed\n'));
  assert.ok(!plain.includes('incomplete'));
  const colored = renderConsole([passingReport()], { lang: 'en', color: true });
  assert.ok(colored.includes('\u001b[32m■\u001b[39m'));
});
