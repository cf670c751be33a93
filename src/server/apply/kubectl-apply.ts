import type { HostEntry, HostsConfig } from '../../config/hosts-config.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import { connectSsh, type SshConnection } from '../../ssh/ssh-connect.ts';
import { SshError } from '../../ssh/ssh-error.ts';
import type { ApplyResponse, KubectlRun } from '../../client/check/api-types.ts';

/**
 * "Apply to my cluster": the editor's YAML goes to `kubectl apply -f -` on the master, on the
 * command's stdin. The command itself is one of two constants below: nothing from the editor, the
 * cluster or the config is ever part of it (S3). It runs with a clean environment (env -i, a fixed
 * PATH) like the collector's probes, uses admin.conf when the user has no kubeconfig of its own,
 * and is bounded twice: kubectl's own request timeout and `timeout` around it, so a hung API
 * server leaves no process behind (R12).
 */
const KUBECTL_SECONDS = 45;
const PREFIX =
  'exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C HOME="$HOME" /bin/sh -c ' +
  `'if [ ! -r "\${HOME:-/nonexistent}/.kube/config" ] && [ -r /etc/kubernetes/admin.conf ]; then KUBECONFIG=/etc/kubernetes/admin.conf; export KUBECONFIG; fi; ` +
  `exec timeout -k 2 ${KUBECTL_SECONDS + 5} kubectl --request-timeout=${KUBECTL_SECONDS}s apply`;

export const APPLY_COMMANDS = {
  dryRun: `${PREFIX} --dry-run=server -f -'`,
  apply: `${PREFIX} -f -'`,
} as const;

/** What the learner sees of kubectl's command line (no wrapper). */
const SHOWN = { dryRun: 'kubectl apply --dry-run=server -f -', apply: 'kubectl apply -f -' } as const;

/** kubectl's answer is short; a VM printing more is not listened to further. */
const MAX_OUTPUT = 64 * 1024;
const LOCAL_TIMEOUT_MS = (KUBECTL_SECONDS + 10) * 1000;

export async function runKubectlApply(
  conn: Pick<SshConnection, 'exec'>,
  yaml: string,
  mode: keyof typeof APPLY_COMMANDS,
): Promise<KubectlRun> {
  let stdout = '';
  let stderr = '';
  const keep = (current: string, chunk: Buffer) => (current.length < MAX_OUTPUT ? current + chunk.toString('utf8') : current);
  const result = await conn.exec(APPLY_COMMANDS[mode], {
    stdin: yaml,
    timeoutMs: LOCAL_TIMEOUT_MS,
    onStdout: (c) => (stdout = keep(stdout, c)),
    onStderr: (c) => (stderr = keep(stderr, c)),
  });
  if (result.openError) stderr += `${stderr ? '\n' : ''}${result.openError}`;
  return {
    command: SHOWN[mode],
    exitCode: result.exitCode,
    stdout: stdout.slice(0, MAX_OUTPUT),
    stderr: stderr.slice(0, MAX_OUTPUT),
    timedOut: result.timedOut,
  };
}

export type Connect = (
  host: HostEntry,
  opts: { knownHostsPath: string; readyTimeoutMs: number },
) => Promise<Pick<SshConnection, 'exec' | 'close'>>;

/** Dry run first; the real apply only when asked and the dry run passed. */
export async function applyOnMaster(
  config: HostsConfig,
  yaml: string,
  dryRunOnly: boolean,
  lang: Lang,
  connect: Connect = connectSsh,
): Promise<ApplyResponse> {
  const master = config.hosts.find((h) => h.role === 'master');
  if (!master) return { state: 'error', message: t('配置中没有 master 主机。', 'The config has no master host.')[lang] };
  let conn;
  try {
    conn = await connect(master, { knownHostsPath: config.knownHostsPath, readyTimeoutMs: config.connectTimeoutMs });
  } catch (err) {
    if (err instanceof SshError)
      return { state: 'not-connected', failure: { host: master.name, kind: err.kind, message: err.detail[lang] } };
    throw err;
  }
  try {
    const dryRun = await runKubectlApply(conn, yaml, 'dryRun');
    const apply = !dryRunOnly && dryRun.exitCode === 0 ? await runKubectlApply(conn, yaml, 'apply') : null;
    return { state: 'ran', dryRun, apply };
  } finally {
    conn.close();
  }
}
