import type { HostEntry } from '../../config/hosts-config.ts';
import type { Lang } from '../../shared/i18n.ts';
import { t } from '../../shared/i18n.ts';
import { connectSsh, type SshConnection } from '../../ssh/ssh-connect.ts';
import { SshError } from '../../ssh/ssh-error.ts';
import type { TestConnectionResponse } from '../../client/check/api-types.ts';

/**
 * "Test connection" on the host setup page: log in exactly as grading will (host key checked
 * first, then the password or key) and read the VM's hostname, OS and kubelet version. The command
 * is a constant: nothing typed in the form becomes shell text.
 */
const MARK = '@@k8s-labs-test@@';
export const TEST_COMMAND =
  `exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C /bin/sh -c ` +
  `'hostname; echo ${MARK}; cat /etc/os-release 2>/dev/null; echo ${MARK}; kubelet --version 2>/dev/null || true'`;

/** Enough for three short answers; a VM printing more is not listened to further. */
const MAX_OUTPUT = 64 * 1024;
const COMMAND_TIMEOUT_MS = 15_000;

export interface ConnectionFacts {
  hostname: string;
  os: string;
  kubelet: string | null;
}

export function parseFacts(stdout: string): ConnectionFacts {
  const [host = '', osRelease = '', kubelet = ''] = stdout.split(`${MARK}\n`);
  const pretty = /^PRETTY_NAME=(.*)$/m
    .exec(osRelease)?.[1]
    ?.trim()
    .replace(/^"(.*)"$/, '$1');
  const version = /Kubernetes\s+(v\d+\.\d+\.\d+\S*)/.exec(kubelet)?.[1];
  return { hostname: host.trim(), os: pretty ?? '', kubelet: version ?? null };
}

export type Connect = (host: HostEntry, opts: { knownHostsPath: string; readyTimeoutMs: number }) => Promise<SshConnection>;

export async function testConnection(
  host: HostEntry,
  opts: { knownHostsPath: string; readyTimeoutMs: number; lang: Lang; connect?: Connect },
): Promise<TestConnectionResponse> {
  let conn: SshConnection;
  try {
    conn = await (opts.connect ?? connectSsh)(host, { knownHostsPath: opts.knownHostsPath, readyTimeoutMs: opts.readyTimeoutMs });
  } catch (err) {
    if (err instanceof SshError) return { ok: false, kind: err.kind, message: err.detail[opts.lang] };
    throw err;
  }
  try {
    let out = '';
    const result = await conn.exec(TEST_COMMAND, {
      timeoutMs: COMMAND_TIMEOUT_MS,
      onStdout: (chunk) => {
        if (out.length < MAX_OUTPUT) out += chunk.toString('utf8');
      },
    });
    if (result.exitCode !== 0) {
      const why = result.timedOut ? 'timeout' : (result.openError ?? `exit ${result.exitCode ?? result.exitSignal ?? '?'}`);
      return {
        ok: false,
        kind: 'protocol',
        message: t(
          `已登录 ${host.name}，但无法在其上运行命令（${why}）。请确认该用户的登录 shell 是普通 shell（不是 nologin）。`,
          `Logged in to ${host.name}, but could not run a command there (${why}). Check that the user's login shell is a normal shell (not nologin).`,
        )[opts.lang],
      };
    }
    return { ok: true, ...parseFacts(out), hostKey: { fingerprint: conn.hostKey.fingerprint, trust: conn.hostKey.trust } };
  } finally {
    conn.close();
  }
}
