import type { Check } from '../../src/grading/grader.ts';
import { failed, passed } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { joinText } from '../common/find-object.ts';
import { hpaEvidence, hpaNotFound, isV1, readHpa1 } from '../common/hpa1.ts';
import {
  compareWithRequired,
  DEFAULT_STABILIZATION_SECONDS,
  describeTrajectory,
  policyFloor,
  REQUIRED_SCALE_DOWN,
  simulateScaleDown,
  type ScaleDownRules,
  type ScalingPolicy,
} from '../common/hpa-scaledown.ts';
import { HPA_MAX, HPA_MIN, HPA_NAME, nsFlag } from '../common/names.ts';

const showPolicy = (p: ScalingPolicy): string => `${p.type} ${p.value}/${p.periodSeconds}s`;
const isRequired = (p: ScalingPolicy): boolean => p.type === 'Percent' && p.value === 10 && p.periodSeconds === 60;

const WRITE_IT: Localized = t(
  '在 hpa1.yaml 中写 behavior.scaleDown.policies: [{type: Percent, value: 10, periodSeconds: 60}]（不要再加允许更快缩容的策略），然后 `kubectl apply -f hpa1.yaml`。',
  'In hpa1.yaml write behavior.scaleDown.policies: [{type: Percent, value: 10, periodSeconds: 60}] (and no policy that allows a faster scale-down), then `kubectl apply -f hpa1.yaml`.',
);

/**
 * Q13 in the spec: a Percent 10 / 60 s scale-down policy whose effect is "10 % a minute". Other
 * policies may sit beside it as long as the controller's choice (selectPolicy) leaves the
 * effective limit unchanged; that is decided by replaying the controller (hpa-scaledown.ts)
 * from every count between minReplicas and maxReplicas and comparing with the required rule.
 */
export const policyCheck: Check = {
  id: 'scale-down-policy',
  title: t('缩容速率限制为每分钟 10%', 'Scale-down limited to 10 % a minute'),
  points: 4,
  run(view) {
    const h = readHpa1(view);
    if (h === undefined) return hpaNotFound();
    const evidence = hpaEvidence(h);
    const down = h.info.behavior?.scaleDown;
    const hint = joinText([
      WRITE_IT,
      t(
        `用 \`kubectl get hpa ${HPA_NAME}${nsFlag(h.found.namespace)} -o yaml\` 核对 spec.behavior。`,
        `Compare spec.behavior with \`kubectl get hpa ${HPA_NAME}${nsFlag(h.found.namespace)} -o yaml\`.`,
      ),
    ]);
    if (down === undefined) {
      const v1 = isV1(h)
        ? t('autoscaling/v1 无法表达 behavior，请改用 autoscaling/v2。', 'autoscaling/v1 cannot express behavior; use autoscaling/v2.')
        : undefined;
      return failed(
        joinText([
          t(
            'hpa1 没有 behavior.scaleDown：控制器默认每 15 秒最多缩掉 100% 的 Pod（在 300 秒稳定窗口之后）。',
            'hpa1 has no behavior.scaleDown: by default the controller may remove 100 % of the pods every 15 s (after the 300 s stabilization window).',
          ),
          v1,
        ]),
        hint,
        { evidence },
      );
    }
    const policies: ScalingPolicy[] = (down.policies ?? []).map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds }));
    const select = down.selectPolicy ?? 'Max';
    const shown = `${policies.map(showPolicy).join(', ') || 'none'}; selectPolicy ${select}`;
    if (select === 'Disabled') {
      return failed(
        t(
          `hpa1 的 scaleDown.selectPolicy 是 Disabled：完全禁止缩容，而不是限制为每分钟 10%（${shown}）。`,
          `hpa1's scaleDown.selectPolicy is Disabled: that forbids scaling down altogether instead of limiting it to 10 % a minute (${shown}).`,
        ),
        hint,
        { evidence },
      );
    }
    if (!policies.some(isRequired)) {
      const podsOne = policies.length === 1 && policies[0]?.type === 'Pods';
      const why = podsOne
        ? t(
            `Pods ${policies[0]?.value ?? ''} 策略限制的是固定的 Pod 数，不是比例：从 6 个副本看和 10% 一样每分钟一个，但从 20 个副本起 10% 允许每分钟缩 2 个。`,
            `A Pods ${policies[0]?.value ?? ''} policy limits a fixed number of pods, not a rate: from 6 replicas it looks like 10 % (one a minute), but from 20 replicas 10 % allows 2 a minute.`,
          )
        : undefined;
      return failed(
        joinText([
          t(
            `hpa1 的缩容策略是 ${shown}，其中没有 Percent 10 / 60 s。`,
            `hpa1's scale-down policies are ${shown}; none is Percent 10 / 60 s.`,
          ),
          why,
        ]),
        hint,
        { evidence },
      );
    }
    const rules: ScaleDownRules = { policies, selectPolicy: select };
    const lo = Math.min(h.info.minReplicas, HPA_MIN);
    const hi = Math.max(h.info.maxReplicas, HPA_MAX);
    const cmp = compareWithRequired(rules, lo, hi);
    if (cmp.kind !== 'same') {
      const theirs = describeTrajectory(cmp.start, cmp.theirs);
      const want = describeTrajectory(cmp.start, cmp.required);
      const culprit = policies
        .filter((p) => !isRequired(p))
        .sort((a, b) => (policyFloor(a, cmp.start) ?? 0) - (policyFloor(b, cmp.start) ?? 0))[0];
      const fast = cmp.kind === 'faster';
      return failed(
        fast
          ? t(
              `有效的缩容限制比每分钟 10% 更快（${shown}）：selectPolicy ${select} 取允许变化最大的策略${culprit ? ` ${showPolicy(culprit)}` : ''}。从 ${cmp.start} 个副本：你的配置 ${theirs}；每分钟 10% 应为 ${want}。`,
              `The effective scale-down limit is faster than 10 % a minute (${shown}): selectPolicy ${select} follows the policy allowing the biggest change${culprit ? `, ${showPolicy(culprit)}` : ''}. From ${cmp.start} replicas yours goes ${theirs}; 10 % a minute goes ${want}.`,
            )
          : t(
              `有效的缩容限制比每分钟 10% 更严（${shown}）。从 ${cmp.start} 个副本：你的配置 ${theirs}；每分钟 10% 应为 ${want}。`,
              `The effective scale-down limit is stricter than 10 % a minute (${shown}). From ${cmp.start} replicas yours goes ${theirs}; 10 % a minute goes ${want}.`,
            ),
        hint,
        { evidence, data: { start: cmp.start, theirs: cmp.theirs, required: cmp.required } },
      );
    }
    const window = down.stabilizationWindowSeconds ?? DEFAULT_STABILIZATION_SECONDS;
    const trajectory = simulateScaleDown(REQUIRED_SCALE_DOWN, HPA_MAX, HPA_MIN, 240);
    const path = describeTrajectory(HPA_MAX, trajectory);
    const windowNote =
      down.stabilizationWindowSeconds === undefined
        ? t(
            `缩容前还有 ${window} 秒的默认稳定窗口（取最近 5 分钟内的最高建议值）。`,
            `Scale-down first waits out the default ${window} s stabilization window (the highest recommendation of the last 5 minutes wins).`,
          )
        : t(`稳定窗口为 ${window} 秒。`, `The stabilization window is ${window} s.`);
    return passed(
      joinText([
        t(
          `缩容策略 ${shown}：控制器按 int32(周期起点副本数 × 0.9) 截断计算，从 6 个副本每分钟最多缩 1 个：${path}。`,
          `Scale-down policy ${shown}: the controller truncates int32(replicas at period start × 0.9), so from 6 replicas it removes at most one pod a minute: ${path}.`,
        ),
        windowNote,
      ]),
      { evidence, data: { trajectory, stabilizationWindowSeconds: window } },
    );
  },
};
