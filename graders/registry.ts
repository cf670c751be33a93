import type { Grader } from '../src/grading/grader.ts';
import type { LabId } from '../src/shared/lab.ts';
import { grader as lab01 } from './lab-01/grader.ts';
import { grader as lab02 } from './lab-02/grader.ts';
import { grader as lab03 } from './lab-03/grader.ts';
import { grader as lab04 } from './lab-04/grader.ts';
import { grader as lab05 } from './lab-05/grader.ts';
import { grader as lab06 } from './lab-06/grader.ts';
import { grader as lab07 } from './lab-07/grader.ts';
import { grader as lab08 } from './lab-08/grader.ts';
import { grader as lab09 } from './lab-09/grader.ts';
import { grader as lab10 } from './lab-10/grader.ts';
import { grader as lab11 } from './lab-11/grader.ts';
import { grader as lab12 } from './lab-12/grader.ts';
import { grader as lab13 } from './lab-13/grader.ts';

/** Lab id → grader. Every lab in labs/ has exactly one entry (checked by graders/registry.test.ts). */
export const GRADERS: ReadonlyMap<LabId, Grader> = new Map(
  [lab01, lab02, lab03, lab04, lab05, lab06, lab07, lab08, lab09, lab10, lab11, lab12, lab13].map((g) => [g.lab, g]),
);
