import { readJson } from '../../../server/api/json-body.ts';
import { json } from '../../../server/api/json-response.ts';
import { langOf } from '../../../server/api/lang.ts';
import { reading, stateChanging } from '../../../server/api/route.ts';
import { siteContext } from '../../../server/check/site-context.ts';
import { hostsView, saveHosts } from '../../../server/hosts/hosts-form.ts';
import { SaveHostsSchema } from '../../../server/hosts/host-input.ts';

export const prerender = false;

/** GET /api/hosts?lang=en: the configured hosts, without any secret (only whether one is saved). */
export const GET = reading(({ url }) => {
  const ctx = siteContext();
  return json(200, hostsView(ctx.configPath, ctx.key(), langOf(url)));
});

/** PUT /api/hosts {lang, hosts}: validates and writes k8s-labs.yaml (secrets sealed). */
export const PUT = stateChanging(async ({ request }) => {
  const body = await readJson(request, SaveHostsSchema, 16 * 1024);
  const ctx = siteContext();
  const result = saveHosts(ctx.configPath, ctx.key(), body.hosts, body.lang);
  return json(result.ok ? 200 : 422, result);
});
