import type { Lang } from '../../shared/i18n.ts';
import type { GradeResponse, LabProgress } from './api-types.ts';
import { callApi } from './api-client.ts';
import { renderChecks, renderFailures, renderSetupLink, renderSummary } from './check-render.ts';
import { ago, CHECK_TEXT } from './check-text.ts';

/** Page-wide request from the lesson ("check my work" buttons), see src/client/lesson/tool-events.ts. */
const CHECK_MY_WORK_EVENT = 'k8s-labs:check-my-work';

interface Parts {
  root: HTMLElement;
  run: HTMLButtonElement;
  auto: HTMLInputElement;
  interval: HTMLSelectElement;
  status: HTMLElement;
  notice: HTMLElement;
  summary: HTMLElement;
  list: HTMLElement;
  best: HTMLElement;
}

function parts(root: HTMLElement): Parts | undefined {
  const q = <T extends Element>(sel: string) => root.querySelector<T & HTMLElement>(sel);
  const run = q<HTMLButtonElement>('[data-check-run]');
  const auto = q<HTMLInputElement>('[data-check-auto]');
  const interval = q<HTMLSelectElement>('[data-check-interval]');
  const status = q('[data-check-status]');
  const notice = q('[data-check-notice]');
  const summary = q('[data-check-summary]');
  const list = q('[data-check-list]');
  const best = q('[data-check-best]');
  if (!run || !auto || !interval || !status || !notice || !summary || !list || !best) return undefined;
  return { root, run, auto, interval, status, notice, summary, list, best };
}

/** One panel: runs checks on demand, and every N seconds while auto is on and the tab is visible. */
function mount(p: Parts): void {
  const lab = p.root.dataset['lab'] ?? '';
  const lang: Lang = p.root.dataset['lang'] === 'en' ? 'en' : 'zh';
  let running = false;
  let timer: number | undefined;

  const setStatus = (text: string, state: string) => {
    p.status.textContent = text;
    p.root.dataset['state'] = state;
  };

  const showBest = (best: { score: number; maxScore: number; passed: boolean } | null, improved = false) => {
    p.best.textContent = best
      ? `${CHECK_TEXT.best(best.score, best.maxScore, best.passed)[lang]}${improved ? ` · ${CHECK_TEXT.improved[lang]}` : ''}`
      : '';
  };

  const show = (res: GradeResponse) => {
    p.notice.replaceChildren();
    p.notice.hidden = true;
    if (res.state === 'graded') {
      renderSummary(p.summary, res.report, lang);
      renderChecks(p.list, res.report, lang);
      showBest(res.best, res.improved);
      setStatus(CHECK_TEXT.lastChecked(ago(res.attempt.finishedAt, lang))[lang], res.report.passed ? 'passed' : 'graded');
      return;
    }
    p.notice.hidden = false;
    if (res.state === 'not-collected') {
      renderFailures(p.notice, res.failures, lang);
      setStatus(CHECK_TEXT.lastChecked(ago(res.attempt?.finishedAt ?? new Date().toISOString(), lang))[lang], 'not-collected');
    } else if (res.state === 'no-hosts' || res.state === 'config-invalid') {
      renderSetupLink(p.notice, res.message, res.setupPath, lang, res.state === 'config-invalid');
      setStatus('', res.state);
    } else {
      p.notice.textContent = res.message;
      setStatus('', 'error');
    }
  };

  const check = async (trigger: 'manual' | 'auto') => {
    if (running) return;
    running = true;
    p.run.disabled = true;
    p.root.setAttribute('aria-busy', 'true');
    setStatus(CHECK_TEXT.checking[lang], 'checking');
    const reply = await callApi<GradeResponse>('POST', '/api/grade', { lab, lang, trigger });
    running = false;
    p.run.disabled = false;
    p.root.removeAttribute('aria-busy');
    if (!reply) {
      p.notice.hidden = false;
      p.notice.textContent = CHECK_TEXT.network[lang];
      setStatus('', 'error');
    } else show(reply.data);
    schedule();
  };

  // Auto re-check: one at a time (the next is planned when the last ends), only while the tab is visible.
  const schedule = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    if (!p.auto.checked || document.hidden) return;
    timer = window.setTimeout(() => void check('auto'), Number(p.interval.value) * 1000);
  };

  p.run.addEventListener('click', () => void check('manual'));
  p.auto.addEventListener('change', () => {
    p.root.dataset['auto'] = String(p.auto.checked);
    p.auto.title = CHECK_TEXT.autoOn(Number(p.interval.value))[lang];
    if (p.auto.checked && !running) void check('auto');
    else schedule();
  });
  p.interval.addEventListener('change', schedule);
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) schedule();
    else if (p.auto.checked && !running) void check('auto');
  });
  document.addEventListener(CHECK_MY_WORK_EVENT, (e) => {
    const wanted = (e as CustomEvent<{ lab?: string }>).detail?.lab;
    if (wanted === undefined || wanted === lab) void check('manual');
  });

  void loadLast(p, lab, lang, show, showBest, setStatus);
}

/** Shows the last stored attempt when the page opens, so a reload does not lose the result. */
async function loadLast(
  p: Parts,
  lab: string,
  lang: Lang,
  show: (r: GradeResponse) => void,
  showBest: (b: LabProgress['best']) => void,
  setStatus: (text: string, state: string) => void,
): Promise<void> {
  const reply = await callApi<LabProgress>('GET', `/api/progress/${encodeURIComponent(lab)}?lang=${lang}`);
  if (!reply || reply.status !== 200 || p.root.dataset['state'] === 'checking') return;
  const last = reply.data.last;
  if (!last) {
    setStatus(CHECK_TEXT.never[lang], 'never');
    return;
  }
  if (last.report) show({ state: 'graded', attempt: last, report: last.report, best: reply.data.best, improved: false });
  else show({ state: 'not-collected', attempt: last, failures: last.failures ?? [] });
  showBest(reply.data.best);
}

export function mountCheckPanels(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-check-panel]')) {
    if (root.dataset['mounted']) continue;
    root.dataset['mounted'] = 'true';
    const found = parts(root);
    if (found) mount(found);
  }
}
