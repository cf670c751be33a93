// Test support (not shipped behaviour): reports covering every status, with hostile texts.
import { t } from '../../shared/i18n.ts';
import type { LabMeta } from '../../shared/lab.ts';
import type { CheckResult, GradeReport } from '../../shared/report.ts';
import type { Snapshot } from '../../shared/snapshot.ts';
import { buildReport } from '../report.ts';

export const HOSTILE = 'pod <b>"x"</b> & \'y\' ]]> \u001b[31mred\u001b[0m \u001b]0;title\u0007 bell\u0007 nul\u0000 lone\uD800 end';

export function lab(id: string, order: number, points: number): LabMeta {
  return {
    id,
    order,
    title: t(`实验 ${order}`, `Lab ${order}`),
    question: t('问题', 'question'),
    summary: t('摘要', 'summary'),
    probes: { master: [], worker: [] },
    points,
  };
}

function check(id: string, status: CheckResult['status'], points: number, extra: Partial<CheckResult> = {}): CheckResult {
  const result: CheckResult = {
    id,
    title: t(`检查 ${id}`, `Check ${id}`),
    status,
    points: status === 'passed' ? points : 0,
    maxPoints: points,
    message: t(`消息 ${id}`, `Message ${id}`),
    evidence: [],
    ...extra,
  };
  if (status !== 'passed' && !extra.hint) result.hint = t(`运行 kubectl get ${id}`, `Run kubectl get ${id}`);
  return result;
}

export const SNAPSHOT: Snapshot = { format: 'k8s-lab-snapshot', version: 1, takenAt: '2026-11-27T12:00:00Z', hosts: {} };
export const NOW = new Date('2026-11-27T12:05:00Z');

/** lab-10: one check in each of the five statuses; the failed one carries hostile text and evidence. */
export function mixedReport(lang: 'zh' | 'en' = 'en'): GradeReport {
  const checks = [
    check('chains-present', 'passed', 3),
    check('probabilities', 'failed', 3, {
      message: t(`概率错误：${HOSTILE}`, `Wrong probability: ${HOSTILE}`),
      hint: t('第一行\n第二行', 'line one\nline two'),
      evidence: [{ probe: 'iptables.save', host: 'master', excerpt: `-A KUBE-SVC-X -m comment --comment "${HOSTILE}"` }],
    }),
    check('dnat-targets', 'error', 2),
    check('endpoints-ready', 'pending', 1),
    check('picture', 'skipped', 1),
  ];
  return buildReport(lab('lab-10', 10, 10), checks, SNAPSHOT, lang, NOW);
}

/** A lab whose checks all pass. */
export function passingReport(id = 'lab-09', order = 9, lang: 'zh' | 'en' = 'en'): GradeReport {
  return buildReport(lab(id, order, 5), [check('service-exists', 'passed', 2), check('ports', 'passed', 3)], SNAPSHOT, lang, NOW);
}
