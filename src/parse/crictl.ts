import { z } from 'zod';

/**
 * `crictl ps -o json` and `crictl pods -o json` → containers and pod sandboxes. Pure.
 *
 * crictl prints the CRI messages ListContainersResponse `{ "containers": [...] }` and
 * ListPodSandboxResponse `{ "items": [...] }` through protobuf's JSON mapping (lowerCamelCase
 * field names, enums as their names, int64 such as createdAt as strings, defaults emitted):
 * kubernetes-sigs/cri-tools cmd/crictl (outputProtobufObjAsJSON) and k8s.io/cri-api api.proto.
 * The text tables (`crictl ps`, `crictl pods`, old and new column layouts) are read as a fallback.
 */

const Labels = z.record(z.string(), z.string()).nullish();
/** Enums arrive as names; accept their numbers too (a marshaller set to EnumsAsInts). */
const Enum = z.union([z.string(), z.number()]).optional();

export const CriContainerJson = z.looseObject({
  id: z.string(),
  podSandboxId: z.string().optional(),
  metadata: z.looseObject({ name: z.string().optional(), attempt: z.number().optional() }).nullish(),
  image: z.looseObject({ image: z.string().optional() }).nullish(),
  imageRef: z.string().optional(),
  state: Enum,
  labels: Labels,
});
export const CriContainerList = z.looseObject({ containers: z.array(CriContainerJson).nullable() });

export const CriSandboxJson = z.looseObject({
  id: z.string(),
  metadata: z.looseObject({ name: z.string().optional(), namespace: z.string().optional(), uid: z.string().optional() }).nullish(),
  state: Enum,
  labels: Labels,
});
export const CriSandboxList = z.looseObject({ items: z.array(CriSandboxJson).nullable() });

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

/** A container as the runtime reports it (sandboxes/pause containers are not in this list). */
export interface CriContainer {
  id: string;
  podSandboxId: string | undefined;
  /** Container name: CRI metadata.name, else the `io.kubernetes.container.name` label. */
  name: string;
  state: ContainerState;
  /** `io.kubernetes.pod.name` label (or the table's POD column). */
  podName: string | undefined;
  /** `io.kubernetes.pod.namespace` label (or the table's NAMESPACE column). */
  podNamespace: string | undefined;
  image: string | undefined;
}

/** A pod sandbox (the pause container with docker/cri-dockerd). */
export interface CriSandbox {
  id: string;
  name: string;
  namespace: string | undefined;
  ready: boolean;
  /** State as printed (SANDBOX_READY, Ready, NotReady …). */
  state: string;
}

const CONTAINER_STATES: Record<string, ContainerState> = {
  CONTAINER_CREATED: 'created',
  CONTAINER_RUNNING: 'running',
  CONTAINER_EXITED: 'exited',
  CONTAINER_UNKNOWN: 'unknown',
  Created: 'created',
  Running: 'running',
  Exited: 'exited',
  Unknown: 'unknown',
  '0': 'created',
  '1': 'running',
  '2': 'exited',
  '3': 'unknown',
};
const READY_SANDBOX = new Set(['SANDBOX_READY', 'Ready', '0']);

export function containersFrom(list: z.infer<typeof CriContainerList>): CriContainer[] {
  return (list.containers ?? []).map((c) => ({
    id: c.id,
    podSandboxId: c.podSandboxId || undefined,
    name: c.metadata?.name || c.labels?.['io.kubernetes.container.name'] || '',
    state: CONTAINER_STATES[String(c.state ?? '')] ?? 'unknown',
    podName: c.labels?.['io.kubernetes.pod.name'],
    podNamespace: c.labels?.['io.kubernetes.pod.namespace'],
    image: c.image?.image || c.imageRef || undefined,
  }));
}

export function sandboxesFrom(list: z.infer<typeof CriSandboxList>): CriSandbox[] {
  return (list.items ?? []).map((p) => {
    const state = String(p.state ?? '');
    return {
      id: p.id,
      name: p.metadata?.name || p.labels?.['io.kubernetes.pod.name'] || '',
      namespace: p.metadata?.namespace || p.labels?.['io.kubernetes.pod.namespace'] || undefined,
      ready: READY_SANDBOX.has(state),
      state,
    };
  });
}

/** `crictl ps` output, JSON or table; undefined when it is neither. */
export function parseCriContainers(text: string): CriContainer[] | undefined {
  const json = parseJson(text, CriContainerList);
  if (json) return containersFrom(json);
  const table = parseTable(text, ['CONTAINER', 'CONTAINER ID']);
  return table?.map((row) => ({
    id: row['CONTAINER'] ?? row['CONTAINER ID'] ?? '',
    podSandboxId: row['POD ID'] || undefined,
    name: row['NAME'] ?? '',
    state: CONTAINER_STATES[row['STATE'] ?? ''] ?? 'unknown',
    podName: row['POD'] || undefined,
    podNamespace: row['NAMESPACE'] || undefined,
    image: row['IMAGE'] || undefined,
  }));
}

/** `crictl pods` output, JSON or table; undefined when it is neither. */
export function parseCriSandboxes(text: string): CriSandbox[] | undefined {
  const json = parseJson(text, CriSandboxList);
  if (json) return sandboxesFrom(json);
  const table = parseTable(text, ['POD ID', 'PODSANDBOX ID']);
  return table?.map((row) => {
    const state = row['STATE'] ?? '';
    return {
      id: row['POD ID'] ?? row['PODSANDBOX ID'] ?? '',
      name: row['NAME'] ?? '',
      namespace: row['NAMESPACE'] || undefined,
      ready: READY_SANDBOX.has(state),
      state,
    };
  });
}

function parseJson<S extends z.ZodType>(text: string, schema: S): z.infer<S> | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A tabwriter table: column names are separated by two or more spaces (a name may hold one
 * space, `POD ID`), and every row's cells start where their column name starts.
 */
function parseTable(text: string, firstColumns: string[]): Record<string, string>[] | undefined {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => firstColumns.some((c) => new RegExp(`^${c}(\\s{2,}|$)`).test(l)));
  if (at < 0) return undefined;
  const cols = [...(lines[at] as string).matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], start: m.index }));
  return lines
    .slice(at + 1)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const row: Record<string, string> = {};
      cols.forEach((c, i) => {
        row[c.name] = line.slice(c.start, cols[i + 1]?.start ?? line.length).trim();
      });
      return row;
    });
}
