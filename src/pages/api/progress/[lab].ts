import type { LabProgress } from '../../../client/check/api-types.ts';
import { json } from '../../../server/api/json-response.ts';
import { langOf } from '../../../server/api/lang.ts';
import { reading } from '../../../server/api/route.ts';
import { failuresIn } from '../../../server/check/check-lab.ts';
import { siteContext } from '../../../server/check/site-context.ts';
import { LAB_ID_PATTERN } from '../../../shared/lab.ts';
import type { Lang } from '../../../shared/i18n.ts';
import type { AttemptDetail } from '../../../server/db/progress-store.ts';

export const prerender = false;

/** GET /api/progress/lab-10?lang=en: the lab's best result, last attempt (with its report) and recent attempts. */
function lastAttempt({ failures, report, ...summary }: AttemptDetail, lang: Lang): NonNullable<LabProgress['last']> {
  return { ...summary, ...(report ? { report } : {}), ...(failures ? { failures: failuresIn(failures, lang) } : {}) };
}

export const GET = reading(({ params, url }) => {
  const lab = params['lab'] ?? '';
  if (!LAB_ID_PATTERN.test(lab)) return json(404, { state: 'error', message: 'a lab id looks like lab-01 … lab-13' });
  const lang = langOf(url);
  const store = siteContext().store();
  const best = store.bestResults().find((b) => b.lab === lab);
  const last = store.latestAttempt(lab, lang);
  const body: LabProgress = {
    lab,
    best: best ? { lab, score: best.score, maxScore: best.maxScore, passed: best.passed, gradedAt: best.gradedAt } : null,
    last: last ? lastAttempt(last, lang) : null,
    recent: store.attempts(lab, 10),
  };
  return json(200, body);
});
