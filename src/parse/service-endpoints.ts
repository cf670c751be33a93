import type { EndpointSlice, Endpoints, Service, ServicePort } from './kube.ts';

/**
 * Which endpoints kube-proxy should program for a Service port, from EndpointSlices (what
 * kube-proxy itself reads since 1.19) or, when none are there, from the Endpoints object.
 */

export interface EndpointAddress {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  /** Name of the Pod behind the address (targetRef), when known. */
  pod?: string;
}

export interface PortEndpoints {
  /** Where the addresses came from. */
  source: 'EndpointSlice' | 'Endpoints' | 'none';
  /** Every address listed for the port, ready or not. */
  all: EndpointAddress[];
  /**
   * The addresses kube-proxy uses: the ready ones; when none is ready, the serving and
   * terminating ones (kube-proxy ≥ 1.26 falls back to those).
   */
  usable: EndpointAddress[];
}

/** The Service named `name`, preferring namespace `preferNamespace`, else the first by namespace. */
export function findService(services: readonly Service[], name: string, preferNamespace = 'default'): Service | undefined {
  const matches = services.filter((s) => s.metadata.name === name);
  return (
    matches.find((s) => (s.metadata.namespace ?? 'default') === preferNamespace) ??
    [...matches].sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? ''))[0]
  );
}

const proto = (p: string | undefined) => (p ?? 'TCP').toUpperCase();
const sameName = (a: string | undefined, b: string | undefined) => (a ?? '') === (b ?? '');

/** The endpoints of one port of a Service. */
export function portEndpoints(
  svc: Service,
  port: ServicePort,
  endpoints: readonly Endpoints[] | undefined,
  slices: readonly EndpointSlice[] | undefined,
): PortEndpoints {
  const ns = svc.metadata.namespace ?? 'default';
  const ipv6 = (svc.spec.clusterIP ?? '').includes(':');
  const own = (slices ?? []).filter(
    (s) => (s.metadata.namespace ?? 'default') === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name,
  );
  if (own.length > 0) {
    const all: EndpointAddress[] = [];
    const seen = new Set<string>();
    for (const slice of own) {
      if (slice.addressType !== undefined && slice.addressType !== (ipv6 ? 'IPv6' : 'IPv4')) continue;
      const sp = (slice.ports ?? []).find((p) => sameName(p.name, port.name) && proto(p.protocol) === proto(port.protocol));
      if (sp?.port === undefined) continue;
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses[0];
        if (ip === undefined || seen.has(`${ip}:${sp.port}`)) continue;
        seen.add(`${ip}:${sp.port}`);
        // API rule: a nil `ready` means unknown and is read as ready; `serving` defaults to `ready`.
        const ready = ep.conditions?.ready ?? true;
        const addr: EndpointAddress = {
          ip,
          port: sp.port,
          ready,
          serving: ep.conditions?.serving ?? ready,
          terminating: ep.conditions?.terminating ?? false,
        };
        if (ep.nodeName !== undefined) addr.nodeName = ep.nodeName;
        if (ep.targetRef?.name !== undefined) addr.pod = ep.targetRef.name;
        all.push(addr);
      }
    }
    return { source: 'EndpointSlice', all, usable: usableOf(all) };
  }
  const obj = (endpoints ?? []).find((e) => e.metadata.name === svc.metadata.name && (e.metadata.namespace ?? 'default') === ns);
  if (!obj) return { source: 'none', all: [], usable: [] };
  const all: EndpointAddress[] = [];
  for (const subset of obj.subsets ?? []) {
    const sp = (subset.ports ?? []).find((p) => sameName(p.name, port.name) && proto(p.protocol) === proto(port.protocol));
    if (!sp) continue;
    const add = (list: typeof subset.addresses, ready: boolean) => {
      for (const a of list ?? []) {
        const addr: EndpointAddress = { ip: a.ip, port: sp.port, ready, serving: ready, terminating: false };
        if (a.nodeName !== undefined) addr.nodeName = a.nodeName;
        if (a.targetRef?.name !== undefined) addr.pod = a.targetRef.name;
        all.push(addr);
      }
    };
    add(subset.addresses, true);
    add(subset.notReadyAddresses, false);
  }
  return { source: 'Endpoints', all, usable: usableOf(all) };
}

function usableOf(all: EndpointAddress[]): EndpointAddress[] {
  const ready = all.filter((a) => a.ready);
  return ready.length > 0 ? ready : all.filter((a) => a.serving && a.terminating);
}

/** `ip:port` as kube-proxy prints it in `--to-destination`. */
export function endpointKey(e: { ip: string; port: number }): string {
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
}
