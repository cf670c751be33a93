import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgress, fitWidth } from './progress.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 60, write: (s: string) => chunks.push(s) } };
}

test('plain progress: one line per host event and per observation sample, nothing redrawn', () => {
  const { chunks, stream } = sink(false);
  let now = 0;
  const p = createProgress(stream, 'en', { tty: false, clock: () => now });
  p.update({ stage: 'collect', event: { host: 'master', phase: 'connecting' } });
  p.update({ stage: 'collect', event: { host: 'master', phase: 'running', probes: 5 } });
  p.update({ stage: 'collect', event: { host: 'worker', phase: 'failed', message: 'auth \u001b[31mfailed\u001b[0m\nsecond line' } });
  p.update({ stage: 'observe-start', durationSeconds: 60, intervalSeconds: 15, probes: ['kube.hpa'] });
  now = 15_000;
  p.update({ stage: 'observe', event: { host: 'master', phase: 'running', probes: 1 } });
  p.update({ stage: 'observe', event: { host: 'master', phase: 'done', probes: 1 } });
  p.update({ stage: 'grade', labs: ['lab-13'] });
  p.stop();
  assert.deepEqual(chunks, [
    'master: connecting…\n',
    'master: running 5 probes…\n',
    'worker: failed auth failed\n',
    'observing for 60 s, one sample every 15 s (Ctrl-C stops)\n',
    'sample 1 taken (15/60 s)\n',
    'grading lab-13\n',
  ]);
});

test('plain progress in Chinese', () => {
  const { chunks, stream } = sink(false);
  const p = createProgress(stream, 'zh', { tty: false });
  p.update({ stage: 'collect', event: { host: 'master', phase: 'done', probes: 3 } });
  assert.deepEqual(chunks, ['master：完成（3 个探针）\n']);
});

test('TTY progress: one redrawn spinner line with every host, cleared at the end', () => {
  const { chunks, stream } = sink(true);
  const p = createProgress(stream, 'en', { tty: true, clock: () => 0 });
  p.update({ stage: 'collect', event: { host: 'master', phase: 'running', probes: 5 } });
  p.update({ stage: 'collect', event: { host: 'worker', phase: 'connecting' } });
  p.stop();
  assert.ok(
    chunks.every((c) => c.startsWith('\r\u001b[2K')),
    'every write redraws the same line',
  );
  assert.ok(!chunks.join('').includes('\n'), 'no newlines: the line is reused');

  assert.match(chunks[1] ?? '', /^\r\u001b\[2K. master: running 5 probes… · worker: connecting…$/u);
  assert.equal(chunks.at(-1), '\r\u001b[2K');
});

test('TTY progress is cut to the terminal width', () => {
  const { chunks, stream } = sink(true);
  const p = createProgress(stream, 'en', { tty: true });
  for (const host of ['alpha', 'bravo', 'charlie', 'delta']) p.update({ stage: 'collect', event: { host, phase: 'running', probes: 12 } });
  p.stop();
  const longest = Math.max(...chunks.map((c) => [...c.replace('\r\u001b[2K', '')].length));
  assert.ok(longest <= 59, `line of ${longest} characters`);
});

test('a host key trusted on first use and a failure are shown in the chosen language, and kept above the spinner', () => {
  const detail = {
    zh: '首次连接 master：已信任并记录主机密钥 SHA256:abc',
    en: 'First connection to master: trusted and recorded host key SHA256:abc',
  };
  const plain = sink(false);
  const p = createProgress(plain.stream, 'zh', { tty: false });
  p.update({ stage: 'collect', event: { host: 'master', phase: 'connecting', message: detail.en, detail } });
  p.update({
    stage: 'collect',
    event: { host: 'worker', phase: 'failed', message: 'auth failed', detail: { zh: '认证失败', en: 'auth failed' } },
  });
  assert.deepEqual(plain.chunks, ['master：首次连接 master：已信任并记录主机密钥 SHA256:abc\n', 'worker：失败 认证失败\n']);

  const tty = sink(true);
  const q = createProgress(tty.stream, 'en', { tty: true });
  q.update({ stage: 'collect', event: { host: 'master', phase: 'connecting', message: detail.en, detail } });
  q.stop();
  assert.equal(tty.chunks[0], '\r\u001b[2Kmaster: First connection to master: trusted and recorded host key SHA256:abc\n');
  assert.match(tty.chunks[1] ?? '', /master: connecting…$/);
});

test('fitWidth counts Chinese characters as two columns', () => {
  assert.equal(fitWidth('master：运行 5 个探针…', 12), 'master：运行');
  assert.equal(fitWidth('master：运行 5 个探针…', 11), 'master：运');
  assert.equal(fitWidth('abc', 10), 'abc');
  assert.equal(fitWidth('探针探针', 3), '探');
});
