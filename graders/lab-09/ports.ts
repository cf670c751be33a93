import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Container, Service } from '../../src/parse/kube.ts';
import { SERVICE_PORTS } from '../common/names.ts';

/** What the Service's two ports resolve to, and what is wrong with them. */
export interface PortFindings {
  problems: Localized[];
  notes: Localized[];
  /** Service port number → resolved container port (for the UI). */
  resolved: { port: number; name?: string; targetPort?: number | string; containerPort?: number }[];
}

/**
 * Checks Q9's ports: 8080 and 3000, TCP, each named (a Service with several ports must name them;
 * Endpoints, EndpointSlices and kube-proxy match ports by name), and each targetPort reaching the
 * right container port. An omitted targetPort equals the port (the API server fills it in); a named
 * targetPort must match a named containerPort of the selected pods.
 */
export function judgePorts(svc: Service, containers: readonly Container[] | undefined): PortFindings {
  const problems: Localized[] = [];
  const notes: Localized[] = [];
  const resolved: PortFindings['resolved'] = [];
  const ports = svc.spec.ports ?? [];
  const listed =
    ports.map((p) => `${p.name ? `${p.name}:` : ''}${p.port}→${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`).join(', ') || 'none';
  for (const want of SERVICE_PORTS) {
    const sp = ports.find((p) => p.port === want.port);
    if (sp === undefined) {
      problems.push(t(`service1 没有端口 ${want.port}（现有：${listed}）。`, `service1 has no port ${want.port} (it has: ${listed}).`));
      continue;
    }
    const entry: PortFindings['resolved'][number] = { port: sp.port };
    if (!sp.name) {
      problems.push(
        t(
          `端口 ${sp.port} 没有名字：Service 有多个端口时每个端口都必须命名，Endpoints 与 kube-proxy 靠名字区分端口。`,
          `Port ${sp.port} has no name: when a Service has more than one port each must be named; Endpoints and kube-proxy tell the ports apart by name.`,
        ),
      );
    } else entry.name = sp.name;
    if ((sp.protocol ?? 'TCP') !== 'TCP')
      problems.push(
        t(
          `端口 ${sp.port} 的协议是 ${sp.protocol}，应为 TCP（HTTP）。`,
          `Port ${sp.port} uses protocol ${sp.protocol}; it should be TCP (HTTP).`,
        ),
      );
    const tp = sp.targetPort ?? sp.port;
    entry.targetPort = tp;
    const number = typeof tp === 'number' ? tp : resolveNamed(tp, containers);
    if (typeof tp === 'string' && number === undefined) {
      problems.push(
        containers === undefined
          ? t(
              `端口 ${sp.port} 的 targetPort 是名字 ${tp}，但找不到被选中的 Pod 或 deployment1 的模板来解析它。`,
              `Port ${sp.port} has the named targetPort ${tp}, but there is no selected pod or deployment1 template to resolve it against.`,
            )
          : t(
              `端口 ${sp.port} 的 targetPort 名字 ${tp} 与任何容器端口的名字都不匹配。`,
              `Port ${sp.port} targets the port name ${tp}, which no containerPort is named.`,
            ),
      );
    } else if (number !== undefined) {
      entry.containerPort = number;
      if (number !== want.containerPort) {
        problems.push(
          t(
            `端口 ${sp.port} 的 targetPort 解析为 ${number}，应转发到容器 ${want.container} 的 ${want.containerPort}。`,
            `Port ${sp.port} has targetPort ${tp}${typeof tp === 'string' ? ` (= ${number})` : ''}; it should forward to ${want.container}'s containerPort ${want.containerPort}.`,
          ),
        );
      }
    }
    resolved.push(entry);
  }
  const extra = ports.filter((p) => !SERVICE_PORTS.some((w) => w.port === p.port));
  if (extra.length > 0)
    notes.push(
      t(
        `另有端口 ${extra.map((p) => p.port).join(', ')}（题目未要求）。`,
        `There are extra ports ${extra.map((p) => p.port).join(', ')} (not asked for).`,
      ),
    );
  return { problems, notes, resolved };
}

function resolveNamed(name: string, containers: readonly Container[] | undefined): number | undefined {
  for (const c of containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  return undefined;
}
