import { z } from 'zod';
import { ConfigError } from '../../../config/hosts-config.ts';
import type { ApplyRequest } from '../../../client/check/api-types.ts';
import { readJson } from '../../../server/api/json-body.ts';
import { json } from '../../../server/api/json-response.ts';
import { stateChanging } from '../../../server/api/route.ts';
import { applyOnMaster } from '../../../server/apply/kubectl-apply.ts';
import { NO_HOSTS } from '../../../server/check/check-lab.ts';
import { siteContext } from '../../../server/check/site-context.ts';
import { SETUP_PATH } from '../../../server/check/site-paths.ts';
import { NoHostsConfigError } from '../../../server/hosts/site-hosts-config.ts';
import { validateManifests } from '../../../server/k8s-validate/validate-yaml.ts';
import { Lang } from '../../../shared/i18n.ts';

export const prerender = false;

/** A lab's manifests are a few KB; this leaves room for several with comments. */
const MAX_YAML_BYTES = 256 * 1024;

const Body = z.strictObject({
  lang: Lang,
  yaml: z.string().min(1).max(MAX_YAML_BYTES),
  dryRunOnly: z.boolean(),
}) satisfies z.ZodType<ApplyRequest>;

/**
 * POST /api/apply {lang, yaml, dryRunOnly}: validates the YAML here first (schemas + name rules),
 * then runs `kubectl apply --dry-run=server -f -` on the master and, unless dryRunOnly, the real
 * `kubectl apply -f -` after a passing dry run. The YAML travels on stdin only.
 */
export const POST = stateChanging(async ({ request }) => {
  const body = await readJson(request, Body, MAX_YAML_BYTES + 4096);
  const checked = validateManifests(body.yaml, body.lang);
  if (checked.problems.length > 0) return json(422, { state: 'invalid', problems: checked.problems });
  const ctx = siteContext();
  let config;
  try {
    config = ctx.loadConfig();
  } catch (err) {
    if (err instanceof NoHostsConfigError)
      return json(409, { state: 'no-hosts', message: NO_HOSTS[body.lang], setupPath: SETUP_PATH[body.lang] });
    if (err instanceof ConfigError)
      return json(409, { state: 'config-invalid', message: err.detail[body.lang], setupPath: SETUP_PATH[body.lang] });
    throw err;
  }
  const result = await applyOnMaster(config, body.yaml, body.dryRunOnly, body.lang);
  return json(result.state === 'not-connected' ? 502 : 200, result);
});
