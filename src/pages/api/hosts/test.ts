import { readJson } from '../../../server/api/json-body.ts';
import { json } from '../../../server/api/json-response.ts';
import { stateChanging } from '../../../server/api/route.ts';
import { siteContext } from '../../../server/check/site-context.ts';
import { TestConnectionSchema } from '../../../server/hosts/host-input.ts';
import { testHostFromForm } from '../../../server/hosts/test-from-form.ts';

export const prerender = false;

/**
 * POST /api/hosts/test {lang, host}: logs in to one host as typed in the form and reports its
 * hostname, OS and kubelet version, or exactly why it could not (wrong password, unreachable,
 * changed host key). A POST with the Origin check: it opens connections and may record a host key.
 */
export const POST = stateChanging(async ({ request }) => {
  const body = await readJson(request, TestConnectionSchema, 8 * 1024);
  const ctx = siteContext();
  return json(200, await testHostFromForm(ctx.configPath, ctx.key(), body.host, body.lang));
});
