/**
 * The `-o` formats besides `json` that the testbed's kubectl answers, and how it renders them.
 * The collector's own query strings are imported, not copied: when a probe changes its query, the
 * testbed answers the new string from the same recorded objects, computed by the evaluators
 * (jsonpath.ts, go-template.ts), so answers cannot drift from the cluster model or the probes.
 */
import { SERVICE_QUERY } from '../../../src/collect/service-http-probe.ts';
import { SHARE_TEST_QUERIES } from '../../../src/collect/share-test-probe.ts';
import { goTemplate } from './go-template.ts';
import { jsonpath } from './jsonpath.ts';
import { TemplateExecError, TemplateUnsupported } from './template-values.ts';

export const KUBECTL_FORMATS: readonly string[] = [
  SERVICE_QUERY,
  ...Object.values(SHARE_TEST_QUERIES),
  // What learners and lessons type (README of the testbed; the lab-09 lesson's ClusterIP lookup).
  'jsonpath={.spec.clusterIP}',
  'jsonpath={.items[*].metadata.name}',
];

/** kubectl's answer to `-o <format>` for obj: what it prints, or its error (exit 1). */
export function render(format: string, obj: unknown): { stdout: string } | { error: string } {
  try {
    if (format.startsWith('jsonpath=')) return { stdout: jsonpath(format.slice('jsonpath='.length), obj) };
    if (format.startsWith('go-template=')) return { stdout: goTemplate(format.slice('go-template='.length), obj) };
  } catch (err) {
    if (!(err instanceof TemplateExecError)) throw err;
    const tpl = format.slice(format.indexOf('=') + 1);
    // kubectl's wording (its debugging dump of the whole object is left out).
    if (format.startsWith('jsonpath='))
      return {
        error: `error: error executing jsonpath ${JSON.stringify(tpl)}: Error executing template: ${err.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${tpl}\n\n`,
      };
    return { error: `error: error executing template ${JSON.stringify(tpl)}: template: output: executing "output": ${err.message}\n` };
  }
  throw new TemplateUnsupported(`the testbed's kubectl renders jsonpath= and go-template= formats only, not ${format}`);
}
