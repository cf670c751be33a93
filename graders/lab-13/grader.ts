import type { Grader } from '../../src/grading/grader.ts';
import { behaviourCheck } from './behaviour-check.ts';
import { policyCheck } from './policy-check.ts';

/** Q13: hpa1's scale-down is limited to 10 % a minute, in the spec and in observed behaviour. */
export const grader: Grader = { lab: 'lab-13', checks: [policyCheck, behaviourCheck] };
