import type { Check, Grader } from '../../src/grading/grader.ts';
import { failed, passed } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { DeploymentList } from '../../src/parse/kube.ts';
import { joinText, whereNote } from '../common/find-object.ts';
import { DEPLOYMENT_NAME, HPA_CPU_PERCENT, HPA_MAX, HPA_MIN, HPA_NAME, nsFlag } from '../common/names.ts';
import { tryJson } from '../common/probe-read.ts';
import { scalingActiveCheck } from './active-check.ts';
import { hpaEvidence, hpaNotFound, isV1, readHpa1, V1_NOTE } from '../common/hpa1.ts';
import { metricsApiCheck } from './metrics-check.ts';
import { cpuRequestsCheck } from './requests-check.ts';

/** Q12: HPA hpa1 for deployment1, 3 … 6 replicas, 40 % average CPU utilization. */

const fixHpa = (ns: string) =>
  t(
    `改正 hpa1.yaml 后 \`kubectl apply -f hpa1.yaml\`，用 \`kubectl describe hpa ${HPA_NAME}${nsFlag(ns)}\` 核对。`,
    `Fix hpa1.yaml, \`kubectl apply -f hpa1.yaml\` and compare with \`kubectl describe hpa ${HPA_NAME}${nsFlag(ns)}\`.`,
  );

const target: Check = {
  id: 'hpa-target',
  title: t('hpa1 以 Deployment deployment1 为目标', 'hpa1 targets Deployment deployment1'),
  points: 2,
  run(view) {
    const h = readHpa1(view);
    if (h === undefined) return hpaNotFound();
    const { kind, name, apiVersion } = h.info.target;
    const evidence = hpaEvidence(h);
    const where = whereNote('HPA', HPA_NAME, h.found);
    if (kind !== 'Deployment' || name !== DEPLOYMENT_NAME || (apiVersion !== undefined && !apiVersion.startsWith('apps/'))) {
      return failed(
        t(
          `hpa1 的 scaleTargetRef 是 ${apiVersion ?? ''} ${kind}/${name}，应为 apps/v1 Deployment/${DEPLOYMENT_NAME}。`,
          `hpa1's scaleTargetRef is ${apiVersion ?? ''} ${kind}/${name}; it should be apps/v1 Deployment/${DEPLOYMENT_NAME}.`,
        ),
        fixHpa(h.found.namespace),
        { evidence },
      );
    }
    const deploys = tryJson(view, 'kube.deployments', DeploymentList);
    if (
      deploys.ok &&
      !deploys.value.items.some((d) => d.metadata.name === name && (d.metadata.namespace ?? 'default') === h.found.namespace)
    ) {
      return failed(
        t(
          `hpa1 指向 ${DEPLOYMENT_NAME}，但命名空间 ${h.found.namespace} 中没有这个 Deployment（HPA 只能伸缩同一命名空间中的对象）。`,
          `hpa1 targets ${DEPLOYMENT_NAME}, but namespace ${h.found.namespace} has no such Deployment (an HPA only scales objects in its own namespace).`,
        ),
        t('把 hpa1 建在 deployment1 所在的命名空间。', 'Create hpa1 in the namespace of deployment1.'),
        { evidence },
      );
    }
    return passed(
      joinText([
        t(`hpa1 以 Deployment ${DEPLOYMENT_NAME} 为目标。`, `hpa1 targets Deployment ${DEPLOYMENT_NAME}.`),
        where,
        isV1(h) ? V1_NOTE : undefined,
      ]),
      { evidence },
    );
  },
};

const range: Check = {
  id: 'hpa-replica-range',
  title: t('最少 3 个、最多 6 个副本', 'At least 3 and at most 6 replicas'),
  points: 2,
  run(view) {
    const h = readHpa1(view);
    if (h === undefined) return hpaNotFound();
    const { minReplicas: min, maxReplicas: max } = h.info;
    const defaulted = h.found.item.spec.minReplicas === undefined ? t('（未设置，默认 1）', ' (not set; defaults to 1)') : t('', '');
    const seen = t(
      `hpa1 的 minReplicas 为 ${min}${defaulted.zh}，maxReplicas 为 ${max}`,
      `hpa1 has minReplicas ${min}${defaulted.en} and maxReplicas ${max}`,
    );
    if (min === HPA_MIN && max === HPA_MAX) return passed(t(`${seen.zh}。`, `${seen.en}.`), { evidence: hpaEvidence(h) });
    return failed(
      t(`${seen.zh}；应为 ${HPA_MIN} 与 ${HPA_MAX}。`, `${seen.en}; ${HPA_MIN} and ${HPA_MAX} are expected.`),
      fixHpa(h.found.namespace),
      { evidence: hpaEvidence(h) },
    );
  },
};

const cpuTarget: Check = {
  id: 'hpa-cpu-target',
  title: t('目标：CPU 平均利用率 40%', 'Target: 40 % average CPU utilization'),
  points: 2,
  run(view) {
    const h = readHpa1(view);
    if (h === undefined) return hpaNotFound();
    const evidence = hpaEvidence(h);
    const fix = fixHpa(h.found.namespace);
    const metrics = h.info.metrics;
    const shown =
      metrics
        .map((m) =>
          `${m.type}${m.name ? ` ${m.name}` : ''}${m.container ? ` (${m.container})` : ''} ${m.targetType ?? ''} ${m.averageUtilization ?? m.averageValue ?? ''}`.trim(),
        )
        .join('; ') || 'none';
    const cpu = metrics.find((m) => m.type === 'Resource' && m.name === 'cpu');
    if (cpu === undefined) {
      const perContainer = metrics.some((m) => m.type === 'ContainerResource' && m.name === 'cpu');
      const why = perContainer
        ? t(
            '它用的是 ContainerResource（只看一个容器的用量）；题目要求整个 Pod 的 CPU 利用率，应写 type: Resource。',
            'It uses ContainerResource (one container’s usage); the question asks for the pod’s CPU utilization, which is type: Resource.',
          )
        : undefined;
      return failed(
        joinText([t(`hpa1 没有 Resource 类型的 cpu 指标（现有：${shown}）。`, `hpa1 has no Resource cpu metric (it has: ${shown}).`), why]),
        fix,
        { evidence },
      );
    }
    if (cpu.targetType === 'AverageValue' || (cpu.averageValue !== undefined && cpu.averageUtilization === undefined)) {
      return failed(
        t(
          `hpa1 的 cpu 目标是 averageValue ${cpu.averageValue ?? ''}：这是每个 Pod 的 CPU 绝对用量（毫核），不是相对 request 的百分比。应写 target: {type: Utilization, averageUtilization: ${HPA_CPU_PERCENT}}。`,
          `hpa1's cpu target is averageValue ${cpu.averageValue ?? ''}: an absolute amount of CPU per pod (millicores), not a percentage of the request. Write target: {type: Utilization, averageUtilization: ${HPA_CPU_PERCENT}}.`,
        ),
        fix,
        { evidence },
      );
    }
    if (cpu.averageUtilization !== HPA_CPU_PERCENT) {
      return failed(
        t(
          `hpa1 的目标 CPU 利用率为 ${cpu.averageUtilization ?? '?'}%，应为 ${HPA_CPU_PERCENT}%。`,
          `hpa1 targets ${cpu.averageUtilization ?? '?'} % CPU utilization; ${HPA_CPU_PERCENT} % is expected.`,
        ),
        fix,
        { evidence },
      );
    }
    if (metrics.length > 1) {
      return failed(
        t(
          `除 CPU 外 hpa1 还有其他指标（${shown}）：HPA 会取各指标建议值中的最大者，伸缩就不再只由 CPU 40% 决定。`,
          `Besides CPU, hpa1 has other metrics (${shown}): the HPA follows the largest of their proposals, so scaling no longer depends on CPU 40 % alone.`,
        ),
        fix,
        { evidence },
      );
    }
    return passed(
      joinText([
        t(
          `hpa1 的目标是 CPU 平均利用率 ${HPA_CPU_PERCENT}%（Resource，Utilization）。`,
          `hpa1 targets ${HPA_CPU_PERCENT} % average CPU utilization (Resource, Utilization).`,
        ),
        isV1(h) ? V1_NOTE : undefined,
      ]),
      { evidence },
    );
  },
};

export const grader: Grader = { lab: 'lab-12', checks: [target, range, cpuTarget, cpuRequestsCheck, metricsApiCheck, scalingActiveCheck] };
