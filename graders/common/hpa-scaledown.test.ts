import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compareWithRequired,
  describeTrajectory,
  policyFloor,
  REQUIRED_SCALE_DOWN,
  scaleDownLimit,
  simulateScaleDown,
  type ScaleDownRules,
} from './hpa-scaledown.ts';

const percent10 = { type: 'Percent', value: 10, periodSeconds: 60 };

describe('the HPA controller scale-down math', () => {
  test('Percent 10 truncates int32(periodStart × 0.9): 6→5, 5→4, 4→3, 11→9, 20→18', () => {
    const floors = [6, 5, 4, 3, 10, 11, 20].map((n) => policyFloor(percent10, n));
    assert.deepEqual(floors, [5, 4, 3, 2, 9, 9, 18]);
    assert.equal(policyFloor({ type: 'Pods', value: 4, periodSeconds: 60 }, 6), 2);
  });

  test('from 6 replicas 10 % a minute goes one pod a minute down to minReplicas 3', () => {
    const path = simulateScaleDown(REQUIRED_SCALE_DOWN, 6, 3, 300);
    assert.equal(describeTrajectory(6, path), '6 →5 (0 s) →4 (60 s) →3 (120 s)');
  });

  test('an event exactly one period old no longer counts (Go: timestamp.After(cutoff))', () => {
    const rules = REQUIRED_SCALE_DOWN;
    assert.equal(scaleDownLimit(5, rules, [], [{ at: 0, change: 1 }], 59), 5, 'within the period the start is 6, so 5 is the floor');
    assert.equal(scaleDownLimit(5, rules, [], [{ at: 0, change: 1 }], 60), 4);
  });

  test('a recent scale-up lowers the period start (current − added + deleted)', () => {
    assert.equal(scaleDownLimit(6, REQUIRED_SCALE_DOWN, [{ at: -30, change: 3 }], [], 0), 2);
  });

  test('selectPolicy: Max takes the lowest floor, Min the highest, Disabled forbids scale-down', () => {
    const policies = [percent10, { type: 'Pods', value: 4, periodSeconds: 60 }];
    assert.equal(scaleDownLimit(6, { policies, selectPolicy: 'Max' }), 2);
    assert.equal(scaleDownLimit(6, { policies }), 2, 'Max is the default');
    assert.equal(scaleDownLimit(6, { policies, selectPolicy: 'Min' }), 5);
    assert.equal(scaleDownLimit(6, { policies, selectPolicy: 'Disabled' }), 6);
    assert.equal(scaleDownLimit(6, {}), 0, 'no policies: the default 100 % per 15 s');
  });

  test('comparing with 10 % a minute between min 3 and max 6', () => {
    const cmp = (rules: ScaleDownRules) => compareWithRequired(rules, 3, 6).kind;
    assert.equal(cmp(REQUIRED_SCALE_DOWN), 'same');
    assert.equal(
      cmp({ policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }),
      'same',
      'the same path from 6; the spec check rejects it for not being a rate',
    );
    assert.equal(cmp({ policies: [percent10, { type: 'Pods', value: 1, periodSeconds: 60 }] }), 'same');
    assert.equal(cmp({ policies: [percent10, { type: 'Pods', value: 4, periodSeconds: 60 }] }), 'faster');
    assert.equal(cmp({ policies: [percent10, { type: 'Pods', value: 4, periodSeconds: 60 }], selectPolicy: 'Min' }), 'same');
    assert.equal(cmp({ policies: [percent10, { type: 'Percent', value: 50, periodSeconds: 600 }] }), 'faster');
    assert.equal(cmp({ policies: [{ type: 'Percent', value: 10, periodSeconds: 120 }] }), 'slower');
    assert.equal(cmp({ policies: [percent10], selectPolicy: 'Disabled' }), 'slower');
  });
});
