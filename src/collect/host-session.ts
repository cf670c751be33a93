import type { HostEntry, HostsConfig } from '../config/hosts-config.ts';
import { t, type Localized } from '../shared/i18n.ts';
import { connectSsh, type SshConnection } from '../ssh/ssh-connect.ts';
import { CollectError } from './collect-error.ts';

/** One step of a collection, for progress bars and logs. */
export interface ProgressEvent {
  /** Host name from the config. */
  host: string;
  phase: 'connecting' | 'running' | 'done' | 'failed';
  /** Number of probes being run (phase `running`). */
  probes?: number;
  /** Short English text (logs). */
  message?: string;
  /** The same in both languages (UI). */
  detail?: Localized;
}

export type ProgressSink = ((e: ProgressEvent) => void) | undefined;

/** Connects to one configured host, reporting progress; a failure becomes a CollectError. */
export async function openHost(
  config: HostsConfig,
  host: HostEntry,
  onProgress: ProgressSink,
  signal?: AbortSignal,
): Promise<SshConnection> {
  onProgress?.({ host: host.name, phase: 'connecting', message: `connecting to ${host.host}:${host.port}` });
  try {
    const conn = await connectSsh(host, {
      knownHostsPath: config.knownHostsPath,
      readyTimeoutMs: config.connectTimeoutMs,
      ...(signal ? { signal } : {}),
    });
    if (conn.hostKey.trust === 'first-use') {
      const detail = t(
        `首次连接 ${host.name}：已信任并记录主机密钥 ${conn.hostKey.fingerprint}（${config.knownHostsPath}）。可在虚拟机上运行 ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub 核对。`,
        `First connection to ${host.name}: trusted and recorded host key ${conn.hostKey.fingerprint} in ${config.knownHostsPath}. Compare with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the VM.`,
      );
      onProgress?.({ host: host.name, phase: 'connecting', message: detail.en, detail });
    }
    return conn;
  } catch (err) {
    const ce = CollectError.from(err, host.name);
    onProgress?.({ host: host.name, phase: 'failed', message: ce.detail.en, detail: ce.detail });
    throw ce;
  }
}
