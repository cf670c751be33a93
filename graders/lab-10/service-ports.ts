import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, type Verdict } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import type { IptablesDump } from '../../src/parse/iptables-save.ts';
import { analyseServicePort, type ServicePortChains } from '../../src/parse/kube-proxy-chains.ts';
import type { Service, ServicePort } from '../../src/parse/kube.ts';
import { findService, portEndpoints, type PortEndpoints } from '../../src/parse/service-endpoints.ts';
import { hostRules, isRulesVerdict, readEndpointSources, readServices, serviceRef, servicesEvidence } from './kube-proxy-view.ts';
import type { HostRules } from './rules-source.ts';

/** The Service the homework builds (Q9) and the ports it must expose. */
export const SERVICE_NAME = 'service1';
export const REQUIRED_PORTS = [8080, 3000] as const;

/** One Service port as kube-proxy should have programmed it. */
export interface PortView {
  port: number;
  protocol: string;
  spec?: ServicePort;
  chains?: ServicePortChains;
  endpoints?: PortEndpoints;
}

export interface ServiceChains {
  service: Service;
  clusterIP: string;
  ports: PortView[];
  dump: IptablesDump;
  /** Where the dump came from (iptables-save, or iptables-legacy-save when kube-proxy wrote legacy tables). */
  rules: HostRules;
}

/**
 * Finds service1 and analyses its required ports on a host's dump. Returns a failing verdict
 * when kube-proxy is not in iptables mode or the Service is missing or headless.
 */
export function service1Chains(view: SnapshotView, role: HostRole, withEndpoints: boolean): ServiceChains | Verdict {
  const rules = hostRules(view, role);
  if (isRulesVerdict(rules)) return rules;
  const { dump } = rules;
  const services = readServices(view);
  const service = findService(services, SERVICE_NAME);
  if (!service) {
    return failed(
      t(`集群里任何命名空间都没有 Service \`${SERVICE_NAME}\`。`, `No Service \`${SERVICE_NAME}\` exists in any namespace.`),
      t(
        '先完成 lab-09 创建 service1，然后运行 `kubectl get svc -A | grep service1` 确认。',
        'Create service1 first (lab-09), then check with `kubectl get svc -A | grep service1`.',
      ),
      { evidence: [servicesEvidence(view, services)] },
    );
  }
  const clusterIP = service.spec.clusterIP ?? '';
  if (clusterIP === '' || clusterIP === 'None') {
    return failed(
      t(
        `Service \`${serviceRef(service)}\` 没有 ClusterIP（${clusterIP || '空'}）：kube-proxy 不会为无头 Service 写规则。`,
        `Service \`${serviceRef(service)}\` has no ClusterIP (${clusterIP || 'empty'}): kube-proxy writes no rules for a headless Service.`,
      ),
      t(
        '删除 spec.clusterIP: None，重新创建 service1（`kubectl apply -f service1.yaml`）。',
        'Remove spec.clusterIP: None and recreate service1 (`kubectl apply -f service1.yaml`).',
      ),
      { evidence: [servicesEvidence(view, [service])] },
    );
  }
  const sources = withEndpoints ? readEndpointSources(view) : {};
  const ports: PortView[] = REQUIRED_PORTS.map((port) => {
    const spec = (service.spec.ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP').toUpperCase() === 'TCP');
    const pv: PortView = { port, protocol: 'TCP' };
    if (!spec) return pv;
    pv.spec = spec;
    pv.chains = analyseServicePort(dump, { clusterIP, port, protocol: 'TCP' });
    if (withEndpoints) pv.endpoints = portEndpoints(service, spec, sources.endpoints, sources.slices);
    return pv;
  });
  return { service, clusterIP, ports, dump, rules };
}

export function isVerdict(x: ServiceChains | Verdict): x is Verdict {
  return 'status' in x;
}

/** `8080 (fileserver)` for messages. */
export function portLabel(p: PortView): string {
  return p.spec?.name ? `${p.port} (${p.spec.name})` : String(p.port);
}

/** The chain structure drawn by the UI: one entry per port, branches with effective shares. */
export function chainsData(sc: ServiceChains) {
  return {
    service: { namespace: sc.service.metadata.namespace ?? 'default', name: sc.service.metadata.name, clusterIP: sc.clusterIP },
    ports: sc.ports.map((p) => ({
      port: p.port,
      protocol: p.protocol,
      name: p.spec?.name ?? null,
      targetPort: p.spec?.targetPort ?? null,
      jump: p.chains?.jumps[0] ? { chain: 'KUBE-SERVICES', target: p.chains.jumps[0].target ?? null, line: p.chains.jumps[0].line } : null,
      svcChain: p.chains?.svcChain ?? null,
      affinity: p.chains?.affinity ?? false,
      fallthrough: round(p.chains?.fallthrough ?? 1),
      branches: (p.chains?.branches ?? []).map((b) => ({
        chain: b.target,
        probability: b.probability,
        effective: round(b.effective),
        dnat: b.dnat ? `${b.dnat.ip}:${b.dnat.port}` : null,
        line: b.line,
      })),
      endpointSource: p.endpoints?.source ?? null,
      endpoints: (p.endpoints?.all ?? []).map((e) => ({
        ip: e.ip,
        port: e.port,
        ready: e.ready,
        pod: e.pod ?? null,
        node: e.nodeName ?? null,
      })),
    })),
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** `33.3%` */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
