import type { Check, Grader } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, passed } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { DeploymentList, type Container, type Service } from '../../src/parse/kube.ts';
import { joinText, whereNote, withNote } from '../common/find-object.ts';
import { APP_LABEL, DEPLOYMENT_NAME, SERVICE_NAME, nsFlag } from '../common/names.ts';
import { tryJson } from '../common/probe-read.ts';
import { endpointsCheck } from './endpoint-check.ts';
import { httpCheck } from './http-check.ts';
import { judgePorts } from './ports.ts';
import { findService, selectedPods, serviceNotFound, svcEvidence } from './service.ts';

/** Q9: Service service1, ClusterIP, selector app=app2, named ports 8080 and 3000, 3 endpoints each. */

const serviceType: Check = {
  id: 'service-type',
  title: t('service1 存在且类型为 ClusterIP', 'service1 exists and is of type ClusterIP'),
  points: 1,
  run(view) {
    const found = findService(view);
    if (found === undefined) return serviceNotFound();
    const s = found.item;
    const type = s.spec.type ?? 'ClusterIP';
    const where = whereNote('Service', SERVICE_NAME, found);
    const evidence = svcEvidence(s);
    const fix = t(
      `去掉 spec.type（默认即 ClusterIP）或写 type: ClusterIP，删除后重新 apply：\`kubectl delete svc ${SERVICE_NAME}${nsFlag(found.namespace)}\`。`,
      `Drop spec.type (ClusterIP is the default) or write type: ClusterIP, then delete and apply again: \`kubectl delete svc ${SERVICE_NAME}${nsFlag(found.namespace)}\`.`,
    );
    if (type !== 'ClusterIP')
      return failed(
        withNote(
          t(`service1 的类型是 ${type}，题目要求 ClusterIP。`, `service1 is of type ${type}; the question asks for ClusterIP.`),
          where,
        ),
        fix,
        { evidence },
      );
    if (s.spec.clusterIP === 'None') {
      return failed(
        withNote(
          t(
            'service1 是 headless Service（clusterIP: None），没有虚拟 IP，kube-proxy 不会为它生成转发规则。',
            'service1 is headless (clusterIP: None): it has no virtual IP and kube-proxy writes no rules for it.',
          ),
          where,
        ),
        fix,
        { evidence },
      );
    }
    return passed(
      withNote(
        t(
          `service1 是 ClusterIP 类型，虚拟 IP ${s.spec.clusterIP ?? '?'}。`,
          `service1 is a ClusterIP Service with virtual IP ${s.spec.clusterIP ?? '?'}.`,
        ),
        where,
      ),
      { evidence },
    );
  },
};

const selector: Check = {
  id: 'service-selector',
  title: t('选择器 app=app2 选中 deployment1 的 Pod', 'The selector app=app2 selects the pods of deployment1'),
  points: 2,
  run(view) {
    const found = findService(view);
    if (found === undefined) return serviceNotFound();
    const s = found.item;
    const sel = s.spec.selector ?? {};
    const shown =
      Object.entries(sel)
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '(none)';
    const evidence = svcEvidence(s);
    const ns = nsFlag(found.namespace);
    const fixSel = t(
      `在 service1.yaml 中写 selector: {app: app2} 后 \`kubectl apply -f service1.yaml\`。`,
      `Write selector: {app: app2} in service1.yaml and \`kubectl apply -f service1.yaml\`.`,
    );
    if (sel[APP_LABEL.key] !== APP_LABEL.value) {
      return failed(t(`service1 的选择器是 ${shown}，应为 app=app2。`, `service1's selector is ${shown}; it should be app=app2.`), fixSel, {
        evidence,
      });
    }
    const pods = selectedPods(view, s);
    if (pods !== undefined && pods.length === 0) {
      return failed(
        t(
          `service1 的选择器 ${shown} 在命名空间 ${found.namespace} 中没有选中任何 Pod。`,
          `service1's selector ${shown} matches no pod in namespace ${found.namespace}.`,
        ),
        t(
          `用 \`kubectl get pods${ns} -l ${shown} --show-labels\` 核对；Service 只选择同一命名空间中的 Pod。`,
          `Check with \`kubectl get pods${ns} -l ${shown} --show-labels\`; a Service only selects pods in its own namespace.`,
        ),
        { evidence },
      );
    }
    const extra =
      Object.keys(sel).length > 1
        ? t(
            `选择器另有条件（${shown}），仍选中 Pod，接受。`,
            `The selector has more terms (${shown}) and still matches the pods; accepted.`,
          )
        : undefined;
    const seen =
      pods === undefined
        ? t(`选择器为 ${shown}。`, `The selector is ${shown}.`)
        : t(`选择器 ${shown} 选中了 ${pods.length} 个 Pod。`, `The selector ${shown} matches ${pods.length} pods.`);
    return passed(withNote(seen, extra), { evidence });
  },
};

/** The containers a named targetPort resolves against: a selected pod's, else deployment1's template. */
function targetContainers(view: SnapshotView, svc: Service): Container[] | undefined {
  const pods = selectedPods(view, svc) ?? [];
  const pod = pods.find((p) => p.status?.phase === 'Running') ?? pods[0];
  if (pod !== undefined) return pod.spec.containers;
  const deploys = tryJson(view, 'kube.deployments', DeploymentList);
  if (!deploys.ok) return undefined;
  const d = deploys.value.items.find(
    (x) => x.metadata.name === DEPLOYMENT_NAME && (x.metadata.namespace ?? 'default') === (svc.metadata.namespace ?? 'default'),
  );
  return d?.spec.template.spec.containers;
}

const ports: Check = {
  id: 'service-ports',
  title: t('命名端口 8080 与 3000 转发到容器的 8080 与 3000', 'Named ports 8080 and 3000 forward to the containers’ 8080 and 3000'),
  points: 3,
  run(view) {
    const found = findService(view);
    if (found === undefined) return serviceNotFound();
    const r = judgePorts(found.item, targetContainers(view, found.item));
    const evidence = svcEvidence(found.item);
    if (r.problems.length === 0) {
      const list = r.resolved.map((p) => `${p.name}:${p.port}→${p.containerPort ?? p.targetPort}`).join(', ');
      return passed(
        joinText([
          t(`端口 ${list} 均已命名并转发到正确的容器端口。`, `Ports ${list} are named and forward to the right container ports.`),
          ...r.notes,
        ]),
        { evidence, data: { ports: r.resolved } },
      );
    }
    return failed(
      joinText([...r.problems, ...r.notes]),
      t(
        `参照题目改正 service1.yaml 的 ports（每个端口写 name、port、targetPort）后 \`kubectl apply -f service1.yaml\`，用 \`kubectl describe svc ${SERVICE_NAME}${nsFlag(found.namespace)}\` 核对 TargetPort 与 Endpoints。`,
        `Fix the ports of service1.yaml (name, port and targetPort for each) and \`kubectl apply -f service1.yaml\`; check TargetPort and Endpoints with \`kubectl describe svc ${SERVICE_NAME}${nsFlag(found.namespace)}\`.`,
      ),
      { evidence, data: { ports: r.resolved } },
    );
  },
};

export const grader: Grader = { lab: 'lab-09', checks: [serviceType, selector, ports, endpointsCheck, httpCheck] };
