import type { Lang } from '../../shared/i18n.ts';
import type { GradeReport } from '../../shared/report.ts';

/**
 * The JSON the check panel, the host setup page and the editor exchange with the server
 * (`/api/grade`, `/api/progress`, `/api/hosts`, `/api/apply`). Types only: the server validates
 * requests with zod schemas that `satisfies` these shapes, and builds responses typed by them.
 */

export type AttemptStatus = 'passed' | 'failed' | 'incomplete' | 'not-collected';

export interface AttemptInfo {
  id: number;
  lab: string;
  startedAt: string;
  finishedAt: string;
  trigger: 'manual' | 'auto';
  status: AttemptStatus;
  score: number | null;
  maxScore: number | null;
}

export interface BestInfo {
  lab: string;
  score: number;
  maxScore: number;
  passed: boolean;
  gradedAt: string;
}

/** A host that could not be read, with the collector's explanation in the language asked for. */
export interface HostFailure {
  host: string;
  kind: string;
  message: string;
}

export interface GradeRequest {
  lab: string;
  lang: Lang;
  trigger: 'manual' | 'auto';
}

export type GradeResponse =
  | { state: 'graded'; attempt: AttemptInfo; report: GradeReport; best: BestInfo | null; improved: boolean }
  | { state: 'not-collected'; attempt: AttemptInfo | null; failures: HostFailure[] }
  | { state: 'no-hosts'; message: string; setupPath: string }
  | { state: 'config-invalid'; message: string; setupPath: string }
  | { state: 'error'; message: string };

/** `GET /api/progress/<lab>`: the last attempt (with its report) and recent ones. */
export interface LabProgress {
  lab: string;
  best: BestInfo | null;
  last: (AttemptInfo & { report?: GradeReport; failures?: HostFailure[] }) | null;
  recent: AttemptInfo[];
}

/** `GET /api/progress`: the best result of every lab that has one. */
export interface ProgressSummary {
  labs: BestInfo[];
}

export type AuthKind = 'password' | 'key' | 'agent';

/** A configured host as the browser sees it: never a password or passphrase, only whether one is saved. */
export interface HostView {
  name: string;
  role: 'master' | 'worker';
  host: string;
  port: number;
  user: string;
  auth: AuthKind;
  privateKey?: string;
  hasPassword: boolean;
  hasPassphrase: boolean;
  hostKey?: string;
}

export interface HostsView {
  configPath: string;
  exists: boolean;
  hosts: HostView[];
  /** The config's mistakes (ConfigError) in the language asked for, when it cannot be used as is. */
  problems?: string;
}

/** A host as typed in the form. An empty `password`/`passphrase` keeps the saved one. */
export interface HostInput {
  name: string;
  role: 'master' | 'worker';
  host: string;
  port: number;
  user: string;
  auth: AuthKind;
  password?: string | undefined;
  privateKey?: string | undefined;
  passphrase?: string | undefined;
}

export interface SaveHostsRequest {
  lang: Lang;
  hosts: HostInput[];
}

export type SaveHostsResponse = { ok: true; view: HostsView } | { ok: false; problems: { path: string; message: string }[] };

export interface TestConnectionRequest {
  lang: Lang;
  host: HostInput;
}

export type TestConnectionResponse =
  | {
      ok: true;
      hostname: string;
      os: string;
      kubelet: string | null;
      hostKey: { fingerprint: string; trust: 'pinned' | 'known' | 'first-use' };
    }
  | { ok: false; kind: string; message: string };

export interface ApplyRequest {
  lang: Lang;
  yaml: string;
  /** true: only `kubectl apply --dry-run=server`; false: the dry run, then the real apply if it passed. */
  dryRunOnly: boolean;
}

/** One problem found in the YAML before anything is sent to the cluster (1-based line and column). */
export interface YamlProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

export interface KubectlRun {
  command: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export type ApplyResponse =
  | { state: 'invalid'; problems: YamlProblem[] }
  | { state: 'ran'; dryRun: KubectlRun; apply: KubectlRun | null }
  | { state: 'no-hosts'; message: string; setupPath: string }
  | { state: 'config-invalid'; message: string; setupPath: string }
  | { state: 'not-connected'; failure: HostFailure }
  | { state: 'error'; message: string };
