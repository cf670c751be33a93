import type { Check } from '../../src/grading/grader.ts';
import { failed, passed, pending } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Condition } from '../../src/parse/kube.ts';
import { joinText } from '../common/find-object.ts';
import { HPA_NAME, nsFlag } from '../common/names.ts';
import { hpaEvidence, hpaNotFound, readHpa1 } from '../common/hpa1.ts';

/** Messages that only mean "the pods or metrics-server just started" (replica_calculator.go). */
const TRANSIENT = /did not receive metrics for (any ready|targeted) pods|no metrics returned from resource metrics API/i;

/** The next step for a failing condition, from the reason and message the controller wrote. */
function hintFor(c: Condition, ns: string): Localized {
  const msg = c.message ?? '';
  if (/missing request for cpu/i.test(msg)) {
    return t(
      '给 deployment1 的每个容器加上 resources.requests.cpu 后重新 apply。',
      'Add resources.requests.cpu to every container of deployment1 and apply again.',
    );
  }
  if (/metrics API|metrics\.k8s\.io|unable to handle the request/i.test(msg)) {
    return t(
      '修好 metrics-server（见 metrics-api 检查）：`kubectl top pods` 能输出后 HPA 就能计算。',
      'Fix metrics-server (see the metrics-api check): once `kubectl top pods` prints, the HPA can compute.',
    );
  }
  if (c.reason === 'FailedGetScale')
    return t(
      '确认 scaleTargetRef 指向已存在的 Deployment deployment1（同一命名空间）。',
      'Make scaleTargetRef name an existing Deployment deployment1 in the same namespace.',
    );
  return t(
    `运行 \`kubectl describe hpa ${HPA_NAME}${nsFlag(ns)}\`，阅读 Conditions 与 Events。`,
    `Run \`kubectl describe hpa ${HPA_NAME}${nsFlag(ns)}\` and read Conditions and Events.`,
  );
}

/** The HPA controller's own verdict: ScalingActive=True means it computed a replica count from CPU. */
export const scalingActiveCheck: Check = {
  id: 'hpa-scaling-active',
  title: t('HPA 条件 ScalingActive 为 True', 'The HPA condition ScalingActive is True'),
  points: 1,
  run(view) {
    const h = readHpa1(view);
    if (h === undefined) return hpaNotFound();
    const ns = h.found.namespace;
    const evidence = hpaEvidence(h);
    const conds = h.info.conditions;
    const data = { conditions: conds.map((c) => ({ type: c.type, status: c.status, reason: c.reason })), cpu: h.info.cpuUtilization };
    const describe = t(
      `稍等 15–30 秒后重新评分；\`kubectl describe hpa ${HPA_NAME}${nsFlag(ns)}\` 显示控制器的进展。`,
      `Grade again in 15–30 s; \`kubectl describe hpa ${HPA_NAME}${nsFlag(ns)}\` shows the controller's progress.`,
    );
    if (conds.length === 0) {
      return pending(
        t(
          'hpa1 还没有状态：HPA 控制器尚未处理它（每 15 秒同步一次）。',
          'hpa1 has no status yet: the HPA controller has not processed it (it syncs every 15 s).',
        ),
        describe,
        { evidence, data },
      );
    }
    const able = conds.find((c) => c.type === 'AbleToScale');
    if (able?.status === 'False') {
      return failed(
        t(
          `AbleToScale 为 False（${able.reason ?? ''}）：${able.message ?? ''}`,
          `AbleToScale is False (${able.reason ?? ''}): ${able.message ?? ''}`,
        ),
        hintFor(able, ns),
        { evidence, data },
      );
    }
    const active = conds.find((c) => c.type === 'ScalingActive');
    if (active === undefined || active.status === 'Unknown') {
      return pending(t('ScalingActive 条件尚未给出结论。', 'The ScalingActive condition has no verdict yet.'), describe, {
        evidence,
        data,
      });
    }
    // The controller's messages carry no final period; add one so a following sentence reads right.
    const msg = (active.message ?? '').trim();
    const stop = msg === '' || /[.。]$/.test(msg) ? ['', ''] : ['。', '.'];
    const seen = t(
      `ScalingActive 为 ${active.status}（${active.reason ?? ''}）：${msg}${stop[0]}`,
      `ScalingActive is ${active.status} (${active.reason ?? ''}): ${msg}${stop[1]}`,
    );
    if (active.status === 'True') {
      const cpu = h.info.cpuUtilization;
      const now = cpu === undefined ? undefined : t(`当前 CPU 平均利用率 ${cpu}%。`, `Current average CPU utilization: ${cpu} %.`);
      return passed(joinText([seen, now]), { evidence, data });
    }
    if (TRANSIENT.test(active.message ?? ''))
      return pending(
        joinText([
          seen,
          t('这通常出现在 Pod 或 metrics-server 刚启动时。', 'This usually shows right after the pods or metrics-server started.'),
        ]),
        describe,
        { evidence, data },
      );
    return failed(seen, hintFor(active, ns), { evidence, data });
  },
};
