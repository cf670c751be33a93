import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, type Verdict } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { PodList, ServiceList, selectorMatches, type Pod, type Service } from '../../src/parse/kube.ts';
import { findNamed, type Found } from '../common/find-object.ts';
import { SERVICE_NAME } from '../common/names.ts';
import { objectEvidence, tryJson } from '../common/probe-read.ts';

/** Finding service1 and the pods it selects; shared by the checks of lab-09. */

export function findService(view: SnapshotView): Found<Service> | undefined {
  return findNamed(view.json('master', 'kube.services', ServiceList).items, SERVICE_NAME);
}

export const serviceNotFound = (): Verdict =>
  failed(
    t(`任何命名空间中都没有名为 ${SERVICE_NAME} 的 Service。`, `There is no Service named ${SERVICE_NAME} in any namespace.`),
    t(
      `用 \`kubectl apply -f service1.yaml\` 创建它，再用 \`kubectl get svc ${SERVICE_NAME}\` 确认。`,
      `Create it with \`kubectl apply -f service1.yaml\`, then check with \`kubectl get svc ${SERVICE_NAME}\`.`,
    ),
  );

export const svcEvidence = (s: Service) => [objectEvidence('kube.services', { metadata: s.metadata, spec: s.spec })];

/** Pods in the Service's namespace that its selector picks. */
export function selectedPods(view: SnapshotView, svc: Service): Pod[] | undefined {
  const pods = tryJson(view, 'kube.pods', PodList);
  if (!pods.ok) return undefined;
  const ns = svc.metadata.namespace ?? 'default';
  return pods.value.items.filter(
    (p) =>
      (p.metadata.namespace ?? 'default') === ns &&
      svc.spec.selector !== undefined &&
      selectorMatches(svc.spec.selector, p.metadata.labels),
  );
}
