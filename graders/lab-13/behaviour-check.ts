import type { Check } from '../../src/grading/grader.ts';
import { CannotLook, excerpt, failed, passed, pending, skipped } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { joinText } from '../common/find-object.ts';
import { REQUIRED_SCALE_DOWN, simulateScaleDown } from '../common/hpa-scaledown.ts';
import { HPA_MAX, HPA_MIN } from '../common/names.ts';
import { analyze, type ObservedPoint, type Violation } from './observed.ts';
import { readSeries } from './series.ts';

const OBSERVE: Localized = t(
  '在给 service1 加负载的同时采集一段观测：`npm run grade lab-13 -- --observe 600`（每 15 秒记录一次 hpa1 与 deployment1）。例如在另一个终端运行 `kubectl run load --rm -it --image=busybox -- sh -c "while true; do wget -q -O- http://service1:3000/ >/dev/null; done"`，副本升到 6 后停止负载；缩容要在 300 秒稳定窗口之后才开始，然后每分钟一个。',
  'Collect an observation while service1 is under load: `npm run grade lab-13 -- --observe 600` (hpa1 and deployment1 every 15 s). In another terminal run, say, `kubectl run load --rm -it --image=busybox -- sh -c "while true; do wget -q -O- http://service1:3000/ >/dev/null; done"` and stop it once replicas reach 6; scale-down starts after the 300 s stabilization window, then goes one pod a minute.',
);

const at = (p: ObservedPoint): string => `+${p.s}s`;

function describeViolation(v: Violation): Localized {
  if (v.kind === 'too-fast') {
    return t(
      `${at(v.from)} 到 ${at(v.to)}（${v.to.s - v.from.s} 秒内）副本从 ${v.from.scale} 降到 ${v.to.scale}；每分钟 10% 在一个周期内最多只允许降到 ${v.allowed}。`,
      `Between ${at(v.from)} and ${at(v.to)} (${v.to.s - v.from.s} s) replicas fell from ${v.from.scale} to ${v.to.scale}; 10 % a minute allows no lower than ${v.allowed} within one period.`,
    );
  }
  const above = v.kind === 'above-max';
  return t(
    `${at(v.at)} 副本数为 ${v.at.scale}，${above ? `超过了最大值 ${v.limit}` : `低于最小值 ${v.limit}`}。`,
    `At ${at(v.at)} there were ${v.at.scale} replicas, ${above ? `above the maximum of ${v.limit}` : `below the minimum of ${v.limit}`}.`,
  );
}

/**
 * Q13 in behaviour: from `snapshot.series`, hpa1 stayed within 3 … 6, rose under load, and no
 * scale-down went faster than 10 % a minute allows. The timeline is returned as `data` for a chart.
 */
export const behaviourCheck: Check = {
  id: 'observed-behaviour',
  title: t(
    '观测到的伸缩行为：升到 ≤6，缩容每分钟不超过 10%，不低于 3',
    'Observed scaling: up to at most 6, down no faster than 10 % a minute, never below 3',
  ),
  points: 6,
  run(view) {
    const series = readSeries(view.snapshot);
    if (series.sampled === 0) {
      return skipped(
        joinText([
          t(
            '快照中没有观测序列，无法评判伸缩行为。',
            'The snapshot holds no observation series, so the scaling behaviour cannot be judged.',
          ),
          OBSERVE,
        ]),
      );
    }
    const { points } = series;
    if (points.length === 0) {
      if (series.unreadable > 0) {
        throw new CannotLook(
          t(
            `观测序列中 ${series.unreadable} 次 kube.hpa 采样都失败了。`,
            `All ${series.unreadable} kube.hpa samples of the observation failed.`,
          ),
          t(
            '在 master 上运行 `kubectl get hpa -A` 查看错误，然后重新观测。',
            'Run `kubectl get hpa -A` on the master to see the error, then observe again.',
          ),
          [{ probe: 'kube.hpa', host: 'master', excerpt: excerpt(series.firstError ?? '') }],
        );
      }
      return failed(
        t(`观测期间的 ${series.sampled} 次采样中都没有 hpa1。`, `None of the ${series.sampled} samples of the observation contains hpa1.`),
        t('先完成第 12 题（`kubectl get hpa -A`），再重新观测。', 'Do Q12 first (`kubectl get hpa -A`), then observe again.'),
      );
    }
    const obs = analyze(points, HPA_MIN, HPA_MAX);
    const span = points[points.length - 1]?.s ?? 0;
    const counts = points.map((p) => p.scale).join(' ');
    const expected = obs.rose ? simulateScaleDown(REQUIRED_SCALE_DOWN, obs.peak, HPA_MIN, 240) : [];
    const data = {
      timeline: points,
      min: HPA_MIN,
      max: HPA_MAX,
      peak: obs.peak,
      policy: { type: 'Percent', value: 10, periodSeconds: 60 },
      expectedScaleDown: expected,
      violations: obs.violations,
      samples: series.sampled,
    };
    const evidence = [
      {
        probe: 'kube.hpa',
        host: 'master',
        excerpt: excerpt(points.map((p) => `${p.t} replicas=${p.scale}${p.cpu === undefined ? '' : ` cpu=${p.cpu}%`}`).join('\n')),
      },
    ];
    const seen = t(
      `${points.length} 个样本，历时 ${span} 秒，副本数：${counts}。`,
      `${points.length} samples over ${span} s; replicas: ${counts}.`,
    );
    if (points.length < 2)
      return skipped(joinText([seen, t('一个样本看不出行为。', 'One sample shows no behaviour.'), OBSERVE]), { evidence, data });
    const first = obs.violations[0];
    if (first !== undefined) {
      const more = obs.violations.length > 1 ? t(`（共 ${obs.violations.length} 处）`, ` (${obs.violations.length} in all)`) : undefined;
      return failed(
        joinText([describeViolation(first), more, seen]),
        t(
          '检查 hpa1 的 behavior.scaleDown：只保留 Percent 10 / 60 s（或不会放宽它的策略），min 3、max 6；并确认没有人手动 `kubectl scale` 过 deployment1。',
          'Check hpa1’s behavior.scaleDown: Percent 10 / 60 s only (or policies that do not loosen it), min 3 and max 6; and make sure nobody ran `kubectl scale` on deployment1 meanwhile.',
        ),
        { evidence, data },
      );
    }
    if (!obs.rose) {
      return pending(
        joinText([
          seen,
          t(`副本数一直是 ${obs.peak}，没有观测到负载下的扩容。`, `Replicas stayed at ${obs.peak}: no scale-up under load was observed.`),
        ]),
        OBSERVE,
        { evidence, data },
      );
    }
    if (obs.decreases.length === 0) {
      return pending(
        joinText([
          seen,
          t(
            `副本升到了 ${obs.peak}，但观测期间没有缩容。`,
            `Replicas rose to ${obs.peak}, but no scale-down happened during the observation.`,
          ),
        ]),
        joinText([
          t(
            '停止负载后观测得更久一些：300 秒稳定窗口之后每分钟缩一个，从 6 到 3 约需 8 分钟。',
            'Stop the load and observe longer: after the 300 s stabilization window it removes one pod a minute, about 8 minutes from 6 to 3.',
          ),
          OBSERVE,
        ]),
        { evidence, data },
      );
    }
    const steps = obs.decreases.map((d) => `${d.from.scale}→${d.to.scale} (${at(d.to)})`).join(', ');
    return passed(
      joinText([
        seen,
        t(
          `负载下升到 ${obs.peak}（不超过 ${HPA_MAX}），之后缩容 ${steps}，每一步都在每分钟 10% 之内，且从未低于 ${HPA_MIN}。`,
          `Under load it rose to ${obs.peak} (never above ${HPA_MAX}), then scaled down ${steps}, every step within 10 % a minute and never below ${HPA_MIN}.`,
        ),
      ]),
      { evidence, data },
    );
  },
};
