import { z } from 'zod';
import { GRADERS } from '../../../../graders/registry.ts';
import type { GradeRequest, GradeResponse } from '../../../client/check/api-types.ts';
import { readJson } from '../../../server/api/json-body.ts';
import { json } from '../../../server/api/json-response.ts';
import { stateChanging } from '../../../server/api/route.ts';
import { checkLab, UnknownLabError } from '../../../server/check/check-lab.ts';
import { siteContext } from '../../../server/check/site-context.ts';
import { Lang } from '../../../shared/i18n.ts';
import { LabId } from '../../../shared/lab.ts';

export const prerender = false;

const Body = z.strictObject({ lab: LabId, lang: Lang, trigger: z.enum(['manual', 'auto']) }) satisfies z.ZodType<GradeRequest>;

const STATUS: Record<GradeResponse['state'], number> = {
  graded: 200,
  'not-collected': 502,
  'no-hosts': 409,
  'config-invalid': 409,
  error: 500,
};

/** POST /api/grade {lab, lang, trigger}: collect, grade, store, answer with the report (check-lab.ts). */
export const POST = stateChanging(async ({ request }) => {
  const body = await readJson(request, Body, 1024);
  const ctx = siteContext();
  try {
    const result = await checkLab(body.lab, body.trigger, body.lang, {
      loadConfig: ctx.loadConfig,
      labs: ctx.labs,
      graders: GRADERS,
      store: ctx.store(),
    });
    return json(STATUS[result.state], result);
  } catch (err) {
    if (err instanceof UnknownLabError) return json(404, { state: 'error', message: `There is no ${body.lab} in this course.` });
    throw err;
  }
});
