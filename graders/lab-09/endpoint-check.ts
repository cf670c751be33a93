import type { Check } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, passed, pending } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import {
  DeploymentList,
  EndpointSliceList,
  EndpointsList,
  HorizontalPodAutoscalerList,
  PodList,
  type Service,
} from '../../src/parse/kube.ts';
import { joinText } from '../common/find-object.ts';
import { DEPLOYMENT_NAME, REPLICAS, SERVICE_NAME, SERVICE_PORTS, nsFlag } from '../common/names.ts';
import { objectsEvidence, tryJson } from '../common/probe-read.ts';
import { podHealth } from '../common/pod-health.ts';
import { hpaFor, podsOfDeployment } from '../common/workload.ts';
import { fromEndpoints, fromSlices, type EndpointSource, type PortEndpoints } from './endpoints.ts';
import { findService, serviceNotFound } from './service.ts';

/**
 * How many ready endpoints each port should have: 3 (Q7), or deployment1's current size when an
 * HPA (Q12) scales it, so grading lab-09 again after lab-12 stays correct.
 */
function expectedEndpoints(view: SnapshotView, svc: Service): { count: number; note?: Localized } {
  const deploys = tryJson(view, 'kube.deployments', DeploymentList);
  const hpas = tryJson(view, 'kube.hpa', HorizontalPodAutoscalerList);
  if (!deploys.ok || !hpas.ok) return { count: REPLICAS };
  const d = deploys.value.items.find(
    (x) => x.metadata.name === DEPLOYMENT_NAME && (x.metadata.namespace ?? 'default') === (svc.metadata.namespace ?? 'default'),
  );
  const hpa = d === undefined ? undefined : hpaFor(hpas.value.items, d);
  const size = d?.spec.replicas;
  if (hpa === undefined || size === undefined || size <= REPLICAS) return { count: REPLICAS };
  return {
    count: size,
    note: t(
      `deployment1 由 HPA ${hpa.metadata.name} 伸缩到 ${size} 个副本，按 ${size} 个端点评判。`,
      `HPA ${hpa.metadata.name} has scaled deployment1 to ${size} replicas, so ${size} endpoints are expected.`,
    ),
  };
}

/** True when some pod of deployment1 (in the Service's namespace) is still starting. */
function deploymentStarting(view: SnapshotView, svc: Service): boolean {
  const deploys = tryJson(view, 'kube.deployments', DeploymentList);
  const pods = tryJson(view, 'kube.pods', PodList);
  if (!deploys.ok || !pods.ok) return false;
  const d = deploys.value.items.find(
    (x) => x.metadata.name === DEPLOYMENT_NAME && (x.metadata.namespace ?? 'default') === (svc.metadata.namespace ?? 'default'),
  );
  return d !== undefined && podsOfDeployment(pods.value.items, d).some((p) => podHealth(p).kind === 'starting');
}

/** Reads the endpoints of service1 from EndpointSlices, else Endpoints (either may be the only one). */
function readEndpoints(
  view: SnapshotView,
  svc: Service,
): { source: EndpointSource; ports: Map<string, PortEndpoints>; objects: unknown[] } | undefined {
  const slices = tryJson(view, 'kube.endpointslices', EndpointSliceList);
  const eps = tryJson(view, 'kube.endpoints', EndpointsList);
  if (!slices.ok && !eps.ok) throw slices.why;
  const ns = svc.metadata.namespace ?? 'default';
  if (slices.ok) {
    const ports = fromSlices(svc, slices.value.items);
    const objects = slices.value.items.filter(
      (s) => (s.metadata.namespace ?? 'default') === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name,
    );
    if (ports !== undefined) return { source: 'endpointslices', ports, objects };
  }
  if (eps.ok) {
    const ports = fromEndpoints(svc, eps.value.items);
    const objects = eps.value.items.filter((e) => e.metadata.name === svc.metadata.name && (e.metadata.namespace ?? 'default') === ns);
    if (ports !== undefined) return { source: 'endpoints', ports, objects };
  }
  return undefined;
}

export const endpointsCheck: Check = {
  id: 'service-endpoints',
  title: t('每个端口有 3 个就绪端点', 'Each port has 3 ready endpoints'),
  points: 2,
  run(view) {
    const found = findService(view);
    if (found === undefined) return serviceNotFound();
    const svc = found.item;
    const ns = nsFlag(found.namespace);
    const look = t(
      `运行 \`kubectl get endpointslices${ns} -l kubernetes.io/service-name=${SERVICE_NAME}\`（或 \`kubectl describe svc ${SERVICE_NAME}${ns}\`）查看端点，用 \`kubectl get deploy ${DEPLOYMENT_NAME}${ns}\` 查看 READY。`,
      `Run \`kubectl get endpointslices${ns} -l kubernetes.io/service-name=${SERVICE_NAME}\` (or \`kubectl describe svc ${SERVICE_NAME}${ns}\`) to see the endpoints, and \`kubectl get deploy ${DEPLOYMENT_NAME}${ns}\` for READY.`,
    );
    const read = readEndpoints(view, svc);
    if (read === undefined) {
      return failed(
        t(
          `service1 没有任何端点（既无 EndpointSlice 也无 Endpoints）：选择器没有选中就绪的 Pod。`,
          'service1 has no endpoints at all (no EndpointSlice and no Endpoints): its selector picks no ready pod.',
        ),
        look,
      );
    }
    const { count: want, note } = expectedEndpoints(view, svc);
    const evidence = [objectsEvidence(`kube.${read.source}`, read.objects)];
    const rows = SERVICE_PORTS.flatMap((sp) => {
      const port = svc.spec.ports?.find((p) => p.port === sp.port);
      if (port === undefined) return [];
      const eps = read.ports.get(port.name ?? '') ?? { ready: new Map(), notReady: new Set<string>() };
      return [
        {
          name: port.name ?? '',
          port: sp.port,
          ready: [...eps.ready.entries()].map(([ip, i]) => ({ ip, ...i })),
          notReady: [...eps.notReady],
        },
      ];
    });
    const data = { source: read.source, expected: want, ports: rows };
    if (rows.length === 0)
      return failed(
        t('service1 没有端口 8080 或 3000，无从统计端点。', 'service1 has neither port 8080 nor 3000, so there are no endpoints to count.'),
        look,
        { evidence, data },
      );
    const summary = rows.map((r) => `${r.name || r.port}: ${r.ready.length}`).join(', ');
    const seen = t(
      `就绪端点数（按端口，来自 ${read.source}）：${summary}；每个端口应有 ${want} 个。`,
      `Ready endpoints per port (from ${read.source}): ${summary}; ${want} are expected for each.`,
    );
    if (rows.every((r) => r.ready.length === want)) return passed(joinText([seen, note]), { evidence, data });
    const over = rows.find((r) => r.ready.length > want);
    if (over !== undefined) {
      const pods = over.ready.map((e) => e.pod ?? e.ip).join(', ');
      return failed(
        joinText([seen, note, t(`端口 ${over.port} 的端点包括：${pods}。`, `Port ${over.port} reaches: ${pods}.`)]),
        t(
          `有别的 Pod 也带有 app=app2 标签：用 \`kubectl get pods${ns} -l app=app2 -o wide\` 找出并去掉它的标签。`,
          `Some other pod also carries app=app2: find it with \`kubectl get pods${ns} -l app=app2 -o wide\` and remove its label.`,
        ),
        { evidence, data },
      );
    }
    // A Pod without an IP yet (ContainerCreating, e.g. just added by the HPA) is in no endpoint list at all.
    if (rows.some((r) => r.notReady.length > 0) || deploymentStarting(view, svc))
      return pending(joinText([seen, note, t('部分 Pod 尚未就绪。', 'Some pods are not ready yet.')]), look, { evidence, data });
    return failed(joinText([seen, note]), look, { evidence, data });
  },
};
