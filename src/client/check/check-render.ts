import type { Lang } from '../../shared/i18n.ts';
import type { GradeReport } from '../../shared/report.ts';
import type { HostFailure } from './api-types.ts';
import { CHECK_TEXT } from './check-text.ts';

/**
 * DOM for the check panel's results. Everything from the server (messages, hints, evidence,
 * host names) is set with textContent: evidence is raw cluster output the learner controls.
 */
const MARKS: Record<string, string> = { passed: '✓', failed: '✗', error: '!', pending: '…', skipped: '–' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function renderChecks(list: HTMLElement, report: GradeReport, lang: Lang): void {
  list.replaceChildren(
    ...report.checks.map((check) => {
      const li = el('li', 'check');
      li.dataset['status'] = check.status;
      li.dataset['checkId'] = check.id;
      const mark = el('span', 'mark', MARKS[check.status] ?? '?');
      mark.setAttribute('aria-hidden', 'true');
      const body = el('div', 'body');
      const head = el('p', 'title');
      head.append(
        el('span', 'name', check.title),
        el('span', 'verdict', `${CHECK_TEXT.status[check.status][lang]} · ${check.points}/${check.maxPoints}`),
      );
      body.append(head, el('p', 'message', check.message));
      if (check.hint && check.status !== 'passed') body.append(el('p', 'hint', check.hint));
      if (check.evidence.length > 0) {
        const details = el('details', 'evidence');
        details.append(el('summary', undefined, CHECK_TEXT.evidence(check.evidence.length)[lang]));
        for (const ev of check.evidence) {
          details.append(el('p', 'source', `${ev.probe}${ev.host ? ` @ ${ev.host}` : ''}`), el('pre', undefined, ev.excerpt));
        }
        body.append(details);
      }
      li.append(mark, body);
      return li;
    }),
  );
}

export function renderSummary(box: HTMLElement, report: GradeReport, lang: Lang): void {
  const count = (s: string) => report.checks.filter((c) => c.status === s).length;
  const other = count('error') + count('pending');
  const line = el(
    'p',
    'score',
    `${CHECK_TEXT.score(report.score, report.maxScore)[lang]} · ${CHECK_TEXT.counts(count('passed'), count('failed'), other)[lang]}`,
  );
  box.replaceChildren(line);
  box.dataset['passed'] = String(report.passed);
  if (!report.gradable) box.append(el('p', 'note', CHECK_TEXT.incomplete[lang]));
}

export function renderFailures(box: HTMLElement, failures: readonly HostFailure[], lang: Lang): void {
  const list = el('ul', 'failures');
  for (const f of failures) {
    const item = el('li');
    item.append(el('strong', undefined, `${f.host}: `), el('span', undefined, f.message));
    item.dataset['kind'] = f.kind;
    list.append(item);
  }
  box.replaceChildren(el('p', undefined, CHECK_TEXT.notCollected[lang]), list);
}

export function renderSetupLink(box: HTMLElement, message: string, href: string, lang: Lang, pre = false): void {
  const a = el('a', 'setup-link', CHECK_TEXT.noHostsLink[lang]);
  a.href = href;
  box.replaceChildren(el(pre ? 'pre' : 'p', undefined, message), a);
}
