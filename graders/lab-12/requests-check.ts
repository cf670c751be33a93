import type { Check } from '../../src/grading/grader.ts';
import { failed, passed } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { cpuMillis, DeploymentList, PodList, type Container } from '../../src/parse/kube.ts';
import { findNamed, joinText } from '../common/find-object.ts';
import { DEPLOYMENT_NAME, nsFlag } from '../common/names.ts';
import { objectEvidence, tryJson } from '../common/probe-read.ts';
import { podsOfDeployment } from '../common/workload.ts';
import { readHpa1 } from '../common/hpa1.ts';

const cpuOf = (c: Container | undefined, kind: 'requests' | 'limits'): number | undefined => {
  const v = cpuMillis(c?.resources?.[kind]?.['cpu']);
  return v !== undefined && v > 0 ? v : undefined;
};

/**
 * The HPA computes utilization as usage ÷ request summed over a pod's containers, so every
 * container needs a CPU request. A template with only a CPU limit is fine: the API server copies
 * limits into requests when it creates each Pod (SetDefaults_Pod, on Pods only, not templates);
 * so is a LimitRange default, visible on the running pods.
 */
export const cpuRequestsCheck: Check = {
  id: 'cpu-requests',
  title: t('Deployment 的每个容器都设置了 CPU request', 'Every container of the Deployment requests CPU'),
  points: 2,
  run(view) {
    const hpa = readHpaQuietly(view);
    const ns = hpa?.found.namespace;
    const items = view.json('master', 'kube.deployments', DeploymentList).items;
    // Always deployment1 (in hpa1's namespace first): an HPA aimed at another Deployment is the
    // hpa-target check's failure, and must not make this check grade that other Deployment.
    const found = findNamed(items, DEPLOYMENT_NAME, ns ?? 'default');
    if (found === undefined) {
      return failed(
        t(`没有找到 Deployment ${DEPLOYMENT_NAME}。`, `There is no Deployment ${DEPLOYMENT_NAME}.`),
        t(`先完成第 7 题：\`kubectl get deploy ${DEPLOYMENT_NAME}\`。`, `Do Q7 first: \`kubectl get deploy ${DEPLOYMENT_NAME}\`.`),
      );
    }
    const d = found.item;
    const containers = d.spec.template.spec.containers;
    const evidence = [
      objectEvidence('kube.deployments', {
        metadata: { name: d.metadata.name, namespace: found.namespace },
        containers: containers.map((c) => ({ name: c.name, resources: c.resources })),
      }),
    ];
    const pods = tryJson(view, 'kube.pods', PodList);
    const running = pods.ok ? podsOfDeployment(pods.value.items, d) : [];
    const notes: Localized[] = [];
    const missing: string[] = [];
    const parts: string[] = [];
    for (const c of containers) {
      const req = cpuOf(c, 'requests');
      if (req !== undefined) {
        parts.push(`${c.name} ${req}m`);
        continue;
      }
      const lim = cpuOf(c, 'limits');
      if (lim !== undefined) {
        parts.push(`${c.name} ${lim}m`);
        notes.push(
          t(
            `容器 ${c.name} 只设置了 CPU limit（${lim}m）：创建 Pod 时 request 会默认等于 limit，接受。`,
            `Container ${c.name} sets only a CPU limit (${lim}m): each Pod gets request = limit when created; accepted.`,
          ),
        );
        continue;
      }
      const fromPods = running
        .map((p) =>
          cpuOf(
            p.spec.containers.find((x) => x.name === c.name),
            'requests',
          ),
        )
        .find((v) => v !== undefined);
      if (fromPods !== undefined) {
        parts.push(`${c.name} ${fromPods}m`);
        notes.push(
          t(
            `容器 ${c.name} 的 request（${fromPods}m）来自命名空间的 LimitRange 默认值，接受。`,
            `Container ${c.name} gets its request (${fromPods}m) from the namespace's LimitRange default; accepted.`,
          ),
        );
        continue;
      }
      missing.push(c.name);
    }
    if (missing.length === 0) {
      return passed(
        joinText([t(`每个容器都有 CPU request：${parts.join('，')}。`, `Every container requests CPU: ${parts.join(', ')}.`), ...notes]),
        { evidence },
      );
    }
    return failed(
      t(
        `deployment1 的 Pod 模板中容器 ${missing.join(', ')} 没有 CPU request：HPA 按“用量 ÷ request”计算利用率，缺少 request 就无法计算（ScalingActive 变为 False，提示 missing request for cpu）。`,
        `In deployment1's pod template, ${missing.length > 1 ? 'containers' : 'container'} ${missing.join(', ')} ${missing.length > 1 ? 'have' : 'has'} no CPU request: the HPA computes utilization as usage ÷ request, so without one it cannot compute it (ScalingActive goes False with "missing request for cpu").`,
      ),
      t(
        `给每个容器加上 resources.requests.cpu（例如 200m），再 \`kubectl apply -f deployment1.yaml\`；用 \`kubectl get deploy ${DEPLOYMENT_NAME}${nsFlag(found.namespace)} -o yaml\` 核对。`,
        `Add resources.requests.cpu (200m, say) to every container and \`kubectl apply -f deployment1.yaml\`; compare with \`kubectl get deploy ${DEPLOYMENT_NAME}${nsFlag(found.namespace)} -o yaml\`.`,
      ),
      { evidence },
    );
  },
};

/** hpa1 tells which namespace to look in first; without kube.hpa, deployment1 is looked up as usual. */
function readHpaQuietly(view: Parameters<Check['run']>[0]) {
  try {
    return readHpa1(view);
  } catch {
    return undefined;
  }
}
