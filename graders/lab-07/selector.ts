import { t, type Localized } from '../../src/shared/i18n.ts';
import type { LabelSelector } from '../../src/parse/kube.ts';
import { APP_LABEL } from '../common/names.ts';

/** A selector rendered the way `kubectl get deploy -o wide` shows it: `app=app2,tier in (web)`. */
export function renderSelector(sel: LabelSelector): string {
  const terms = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In' || op === 'NotIn') terms.push(`${e.key} ${op.toLowerCase() === 'in' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
    else terms.push(op === 'Exists' ? e.key : `!${e.key}`);
  }
  return terms.join(',') || '(empty)';
}

/**
 * Whether a Deployment selector means "app=app2": `matchLabels: {app: app2}` or the equivalent
 * `matchExpressions: [{key: app, operator: In, values: [app2]}]`. Extra terms narrow it further;
 * they are accepted with a note (the API server already requires the template to satisfy them).
 */
export function judgeSelector(sel: LabelSelector): { ok: boolean; note?: Localized; why?: Localized } {
  const { key, value } = APP_LABEL;
  const byLabel = sel.matchLabels?.[key];
  const exprs = (sel.matchExpressions ?? []).filter((e) => e.key === key);
  const exprOk = exprs.length > 0 && exprs.every((e) => e.operator === 'In' && (e.values ?? []).length === 1 && e.values?.[0] === value);
  const appOk =
    byLabel === value ? exprs.every((e) => e.operator === 'In' && (e.values ?? []).includes(value)) : byLabel === undefined && exprOk;
  const shown = renderSelector(sel);
  if (!appOk) {
    return {
      ok: false,
      why: t(
        `deployment1 的选择器是 ${shown}，应为 ${key}=${value}。`,
        `deployment1's selector is ${shown}; it should be ${key}=${value}.`,
      ),
    };
  }
  const extra =
    Object.keys(sel.matchLabels ?? {}).filter((k) => k !== key).length + (sel.matchExpressions ?? []).filter((e) => e.key !== key).length;
  if (extra > 0) {
    return {
      ok: true,
      note: t(
        `选择器 ${shown} 除 ${key}=${value} 外还有其他条件；它仍选中 ${key}=${value} 的 Pod 模板，接受。`,
        `The selector ${shown} has terms beyond ${key}=${value}; it still selects the ${key}=${value} template, so it is accepted.`,
      ),
    };
  }
  return { ok: true };
}
