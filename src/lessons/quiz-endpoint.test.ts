import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod1, probes } from '../../graders/lab-06/testdata/snapshot.ts';
import { t } from '../shared/i18n.ts';
import type { Quiz } from '../shared/lesson.ts';
import { kubeList, makeSnapshot } from '../../tests/snapshot-builder.ts';
import { getLatestSnapshot, setSnapshotSource } from './latest-snapshot.ts';
import { handleQuizCheck, type QuizEndpointDeps } from './quiz-endpoint.ts';
import { MAX_BODY_BYTES } from './quiz-wire.ts';

const quiz: Quiz = {
  questions: [
    {
      id: 'pick',
      kind: 'single',
      prompt: t('选', 'Pick'),
      options: [
        { id: 'a', text: t('甲', 'A') },
        { id: 'b', text: t('乙', 'B') },
      ],
      answer: 'b',
      explanation: t('乙对。', 'B is right.'),
    },
    { id: 'my-pod-ip', kind: 'cluster', prompt: t('IP', 'IP'), fact: 'pod1.ip', explanation: t('看 -o wide。', 'Look at -o wide.') },
  ],
};
// No test reads the real progress database: the snapshot reader is always given.
const deps: QuizEndpointDeps = { quizOf: (lab) => (lab === 'lab-10' ? quiz : undefined), latestSnapshot: () => Promise.resolve(undefined) };

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1/api/quiz/check', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function call(
  req: Request,
  d: QuizEndpointDeps = deps,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await handleQuizCheck(req, d);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

test('right and wrong answers get the verdict and the explanation, never the key', async () => {
  const right = await call(post({ lab: 'lab-10', question: 'pick', answer: 'b' }));
  assert.equal(right.status, 200);
  assert.deepEqual(right.body, { verdict: 'right', explanation: { zh: '乙对。', en: 'B is right.' } });
  assert.equal(right.headers.get('cache-control'), 'no-store');
  const wrong = await call(post({ lab: 'lab-10', question: 'pick', answer: 'a' }));
  assert.deepEqual(wrong.body, { verdict: 'wrong', explanation: { zh: '乙对。', en: 'B is right.' } });
  assert.ok(!JSON.stringify(wrong.body).includes('"answer"'));
});

test('CSRF stance: only JSON, only from this site', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
    const r = await call(post({ lab: 'lab-10', question: 'pick', answer: 'b' }, { 'content-type': type }));
    assert.equal(r.status, 415, type);
  }
  assert.equal(
    (await call(post({ lab: 'lab-10', question: 'pick', answer: 'b' }, { 'content-type': 'application/json; charset=utf-8' }))).status,
    200,
  );
  for (const site of ['cross-site', 'same-site']) {
    const r = await call(post({ lab: 'lab-10', question: 'pick', answer: 'b' }, { 'sec-fetch-site': site }));
    assert.equal(r.status, 403, site);
  }
});

test('bad requests are refused with a reason', async () => {
  assert.equal((await call(post('{not json'))).status, 400);
  assert.equal((await call(post({ lab: 'lab-10', question: 'pick' }))).status, 400);
  assert.equal((await call(post({ lab: 'lab-10', question: 'pick', answer: 'b', extra: 1 }))).status, 400);
  assert.equal((await call(post({ lab: '../etc', question: 'pick', answer: 'b' }))).status, 400);
  assert.equal((await call(post({ lab: 'lab-10', question: 'nope', answer: 'b' }))).status, 404);
  assert.equal((await call(post({ lab: 'lab-99', question: 'pick', answer: 'b' }))).status, 404);
  const shape = await call(post({ lab: 'lab-10', question: 'pick', answer: ['b'] }));
  assert.equal(shape.status, 400);
  assert.match(String((shape.body['error'] as { en: string }).en), /another kind of answer/);
  const big = await call(post({ lab: 'lab-10', question: 'pick', answer: 'x'.repeat(MAX_BODY_BYTES) }));
  assert.equal(big.status, 413);
});

test('a body larger than the cap is refused even without Content-Length (streamed)', async () => {
  const chunk = new TextEncoder().encode('x'.repeat(1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 64) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const req = new Request('http://127.0.0.1/api/quiz/check', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  assert.equal((await call(req)).status, 413);
  assert.ok(sent < 64, `read ${sent} KiB of a 64 KiB body before refusing`);
});

test("cluster questions read the learner's latest snapshot of the lab", async () => {
  const none = await call(post({ lab: 'lab-10', question: 'my-pod-ip', answer: '10.244.1.3' }));
  assert.equal(none.body['verdict'], 'no-snapshot');
  assert.match(String((none.body['message'] as { en: string }).en), /run Check my work/);

  const asked: string[] = [];
  const withSnapshot: QuizEndpointDeps = {
    ...deps,
    latestSnapshot: (lab) => {
      asked.push(lab);
      return Promise.resolve(makeSnapshot(probes((p) => (p.master['kube.pods'] = kubeList([pod1('worker1', '10.244.1.7')])))));
    },
  };
  assert.equal((await call(post({ lab: 'lab-10', question: 'my-pod-ip', answer: '10.244.1.7' }), withSnapshot)).body['verdict'], 'right');
  assert.equal((await call(post({ lab: 'lab-10', question: 'my-pod-ip', answer: '10.244.1.3' }), withSnapshot)).body['verdict'], 'wrong');
  assert.deepEqual(asked, ['lab-10', 'lab-10']);
  // Other kinds never touch the snapshot.
  await call(post({ lab: 'lab-10', question: 'pick', answer: 'b' }), withSnapshot);
  assert.equal(asked.length, 2);
});

test('a registered snapshot source replaces the progress database', async () => {
  const snapshot = makeSnapshot(probes());
  setSnapshotSource((lab) => (lab === 'lab-06' ? snapshot : undefined));
  try {
    assert.equal(await getLatestSnapshot('lab-06'), snapshot);
    assert.equal(await getLatestSnapshot('lab-10'), undefined);
  } finally {
    setSnapshotSource(undefined);
  }
});
