import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod1, probes } from '../../graders/lab-06/testdata/snapshot.ts';
import { service, SERVICE1_PORTS } from '../../graders/lab-10/testdata/cluster.ts';
import { t } from '../shared/i18n.ts';
import type { QuizQuestion } from '../shared/lesson.ts';
import { kubeList, makeSnapshot } from '../../tests/snapshot-builder.ts';
import { clusterFact } from './cluster-facts.ts';
import { checkAnswer, normalizeClusterValue, NO_SNAPSHOT } from './quiz-check.ts';

const why = t('因为。', 'Because.');
const single: QuizQuestion = {
  id: 'pick',
  kind: 'single',
  prompt: t('选', 'Pick'),
  options: [
    { id: 'a', text: t('甲', 'A') },
    { id: 'b', text: t('乙', 'B') },
  ],
  answer: 'b',
  explanation: why,
};
const multiple: QuizQuestion = {
  id: 'many',
  kind: 'multiple',
  prompt: t('选', 'Pick'),
  options: ['a', 'b', 'c'].map((id) => ({ id, text: t(id, id) })),
  answer: ['a', 'c'],
  explanation: why,
};
const short: QuizQuestion = {
  id: 'share',
  kind: 'short',
  prompt: t('多少', 'How much'),
  accept: ['^\\s*1\\s*/\\s*3\\s*$', '^\\s*0?\\.33\\d*\\s*$'],
  explanation: why,
};
const cluster = (fact: 'pod1.hostVeth' | 'pod1.ip' | 'service1.clusterIP' | 'pod1.node'): QuizQuestion => ({
  id: 'mine',
  kind: 'cluster',
  prompt: t('你的', 'Yours'),
  fact,
  explanation: why,
});

const verdict = (r: ReturnType<typeof checkAnswer>) => ('verdict' in r ? r.verdict : 'invalid');

test('single: only the key is right, and both verdicts carry the explanation', () => {
  assert.deepEqual(checkAnswer(single, 'b'), { verdict: 'right', explanation: why });
  assert.deepEqual(checkAnswer(single, 'a'), { verdict: 'wrong', explanation: why });
  assert.equal(verdict(checkAnswer(single, 'z')), 'wrong');
  assert.equal(verdict(checkAnswer(single, ['b'])), 'invalid');
});

test('multiple: all and only the right options, in any order, duplicates ignored', () => {
  assert.equal(verdict(checkAnswer(multiple, ['c', 'a'])), 'right');
  assert.equal(verdict(checkAnswer(multiple, ['a', 'c', 'a'])), 'right');
  assert.equal(verdict(checkAnswer(multiple, ['a'])), 'wrong');
  assert.equal(verdict(checkAnswer(multiple, ['a', 'b', 'c'])), 'wrong');
  assert.equal(verdict(checkAnswer(multiple, [])), 'wrong');
  assert.equal(verdict(checkAnswer(multiple, 'a')), 'invalid');
});

test('short: any accepted pattern, case-insensitive, full-width input folded', () => {
  for (const ok of ['1/3', ' 1 / 3 ', '0.333', '.33', '１／３']) assert.equal(verdict(checkAnswer(short, ok)), 'right', ok);
  for (const bad of ['1/2', '2/3', '', '   ', '11/3']) assert.equal(verdict(checkAnswer(short, bad)), 'wrong', bad);
});

test('cluster: without a snapshot the learner is told to run Check my work first', () => {
  assert.deepEqual(checkAnswer(cluster('pod1.ip'), '10.244.1.3'), { verdict: 'no-snapshot', message: NO_SNAPSHOT });
  assert.match(NO_SNAPSHOT.en, /run Check my work/);
});

test("cluster: facts come from the learner's own snapshot (recorded real ip output)", () => {
  const snap = makeSnapshot(
    probes((p) => {
      p.master['kube.services'] = kubeList([
        service('kubernetes', 'default', '10.96.0.1', [{ name: 'https', port: 443 }]),
        service('service1', 'default', '10.108.64.11', SERVICE1_PORTS),
      ]);
    }),
  );
  assert.deepEqual(clusterFact(snap, 'pod1.ip'), { value: '10.244.1.3' });
  assert.deepEqual(clusterFact(snap, 'pod1.node'), { value: 'worker1' });
  assert.deepEqual(clusterFact(snap, 'pod1.hostVeth'), { value: 'vethe358f9b7' });
  assert.deepEqual(clusterFact(snap, 'service1.clusterIP'), { value: '10.108.64.11' });

  assert.equal(verdict(checkAnswer(cluster('service1.clusterIP'), '10.108.64.11/32', snap)), 'right');
  assert.equal(verdict(checkAnswer(cluster('service1.clusterIP'), '10.96.0.1', snap)), 'wrong', 'the kubernetes Service is not service1');
  assert.equal(verdict(checkAnswer(cluster('pod1.hostVeth'), 'vethe358f9b7@if2', snap)), 'right');
  assert.equal(verdict(checkAnswer(cluster('pod1.hostVeth'), 'veth0a1b2c3d', snap)), 'wrong', "someone else's veth");
  assert.equal(verdict(checkAnswer(cluster('pod1.ip'), '`10.244.1.3`', snap)), 'right');
  assert.equal(verdict(checkAnswer(cluster('pod1.node'), 'WORKER1', snap)), 'right');
  assert.equal(verdict(checkAnswer(cluster('pod1.node'), '', snap)), 'wrong');
});

test('cluster: a snapshot that does not show the fact says why instead of marking the answer wrong', () => {
  const noService = makeSnapshot(probes((p) => (p.master['kube.services'] = kubeList([]))));
  const r = checkAnswer(cluster('service1.clusterIP'), '10.108.64.11', noService);
  assert.equal(verdict(r), 'cannot-tell');
  assert.match('message' in r ? (r.message?.en ?? '') : '', /no Service `service1`.*lab-09/);

  const noProbe = makeSnapshot(probes((p) => delete p.master['kube.services']));
  const missing = clusterFact(noProbe, 'service1.clusterIP');
  assert.ok('missing' in missing && /kube\.services/.test(missing.missing.en), JSON.stringify(missing));

  const pending = makeSnapshot(probes((p) => (p.master['kube.pods'] = kubeList([pod1('worker1', '', 'Pending')]))));
  const podFact = clusterFact(pending, 'pod1.ip');
  assert.ok('missing' in podFact && /not running yet \(Pending\)/.test(podFact.missing.en), JSON.stringify(podFact));

  const headless = makeSnapshot(
    probes((p) => (p.master['kube.services'] = kubeList([service('service1', 'default', 'None', SERVICE1_PORTS)]))),
  );
  assert.ok('missing' in clusterFact(headless, 'service1.clusterIP'));
});

test('cluster values are compared after removing what people commonly add', () => {
  assert.equal(normalizeClusterValue(' 10.96.0.10/32 '), '10.96.0.10');
  assert.equal(normalizeClusterValue('vethE358F9B7@if3'), 'vethe358f9b7');
  assert.equal(normalizeClusterValue('"worker1"'), 'worker1');
  assert.equal(normalizeClusterValue('１０.９６.０.１０'), '10.96.0.10');
});
