import type { ProgressSummary } from '../../../client/check/api-types.ts';
import { json } from '../../../server/api/json-response.ts';
import { reading } from '../../../server/api/route.ts';
import { siteContext } from '../../../server/check/site-context.ts';

export const prerender = false;

/** GET /api/progress: the best result of every lab that has been checked (for the home page). */
export const GET = reading(() => {
  const labs = siteContext()
    .store()
    .bestResults()
    .map((b) => ({ lab: b.lab, score: b.score, maxScore: b.maxScore, passed: b.passed, gradedAt: b.gradedAt }));
  return json(200, { labs } satisfies ProgressSummary);
});
