import type { EndpointSlice, Endpoints, Service } from '../../src/parse/kube.ts';

/** Ready and not-ready endpoints of one Service port, by pod IP, with the port number they receive traffic on. */
export interface PortEndpoints {
  ready: Map<string, { port?: number; pod?: string }>;
  notReady: Set<string>;
}

/** Where the endpoint data came from (Endpoints is deprecated from v1.33; EndpointSlices exist from v1.21). */
export type EndpointSource = 'endpointslices' | 'endpoints';

const nsOf = (m: { namespace?: string | undefined }): string => m.namespace ?? 'default';

/**
 * Per service-port name, the endpoints from the Service's EndpointSlices (label
 * `kubernetes.io/service-name`). A nil `ready` condition counts as ready, as the API documents.
 */
export function fromSlices(svc: Service, slices: readonly EndpointSlice[]): Map<string, PortEndpoints> | undefined {
  const mine = slices.filter(
    (s) => nsOf(s.metadata) === nsOf(svc.metadata) && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name,
  );
  if (mine.length === 0) return undefined;
  const out = new Map<string, PortEndpoints>();
  for (const slice of mine) {
    for (const port of slice.ports ?? []) {
      const entry = bucket(out, port.name ?? '');
      for (const ep of slice.endpoints ?? []) {
        for (const ip of ep.addresses) {
          if (ep.conditions?.ready === false) entry.notReady.add(ip);
          else entry.ready.set(ip, info(port.port, ep.targetRef?.name));
        }
      }
    }
  }
  return out;
}

/** Per service-port name, the endpoints from the Service's v1 Endpoints object. */
export function fromEndpoints(svc: Service, all: readonly Endpoints[]): Map<string, PortEndpoints> | undefined {
  const ep = all.find((e) => e.metadata.name === svc.metadata.name && nsOf(e.metadata) === nsOf(svc.metadata));
  if (ep === undefined) return undefined;
  const out = new Map<string, PortEndpoints>();
  for (const subset of ep.subsets ?? []) {
    for (const port of subset.ports ?? []) {
      const entry = bucket(out, port.name ?? '');
      for (const a of subset.addresses ?? []) entry.ready.set(a.ip, info(port.port, a.targetRef?.name));
      for (const a of subset.notReadyAddresses ?? []) entry.notReady.add(a.ip);
    }
  }
  return out;
}

function bucket(map: Map<string, PortEndpoints>, name: string): PortEndpoints {
  let entry = map.get(name);
  if (entry === undefined) {
    entry = { ready: new Map(), notReady: new Set() };
    map.set(name, entry);
  }
  return entry;
}

function info(port: number | undefined, pod: string | undefined): { port?: number; pod?: string } {
  const out: { port?: number; pod?: string } = {};
  if (port !== undefined) out.port = port;
  if (pod !== undefined) out.pod = pod;
  return out;
}
