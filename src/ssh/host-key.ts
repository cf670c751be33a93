import { t } from '../shared/i18n.ts';
import { fingerprint, hostPattern, knownKeys, recordKey, sameFingerprint } from './known-hosts.ts';
import { SshError, type SshTarget } from './ssh-error.ts';

/** What the host-key check decided about a key that was accepted. */
export interface HostKeyInfo {
  fingerprint: string;
  /** How the key was trusted: pinned in the config, found in known-hosts, or recorded now (first use). */
  trust: 'pinned' | 'known' | 'first-use';
}

/** On the VM, this prints the fingerprint to compare with (ed25519 is what OpenSSH offers first). */
const SHOW_KEY = 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub';

/**
 * Decides whether to trust the host key a server presented, before any credential is sent:
 * a pinned fingerprint (config `hostKey`) must match exactly; otherwise the known-hosts file must
 * hold this key for the host, or hold nothing for it (then the key is recorded: trust on first
 * use). A changed key is refused, never updated silently.
 */
export function checkHostKey(keyBlob: Buffer, target: SshTarget & { hostKey?: string }, knownHostsPath: string): HostKeyInfo {
  const seen = fingerprint(keyBlob);
  const label = `${target.name} (${target.host}:${target.port})`;
  if (target.hostKey !== undefined) {
    if (sameFingerprint(target.hostKey, seen)) return { fingerprint: seen, trust: 'pinned' };
    throw new SshError(
      'host-key',
      t(
        `${label} 的主机密钥与配置中固定的不一致：配置为 ${target.hostKey}，实际为 ${seen}。可能有人冒充该虚拟机，也可能虚拟机重装了。请在虚拟机控制台上运行 ${SHOW_KEY}；只有显示的是 ${seen} 时，才把配置中的 hostKey 改成它。`,
        `The host key of ${label} does not match the one pinned in the config: pinned ${target.hostKey}, presented ${seen}. Someone may be impersonating the VM, or it was reinstalled. On the VM's console run ${SHOW_KEY}; only if it prints ${seen}, set hostKey in the config to that value.`,
      ),
      'pinned-mismatch',
    );
  }
  const pattern = hostPattern(target.host, target.port);
  let known;
  try {
    known = knownKeys(knownHostsPath, pattern);
  } catch (err) {
    throw new SshError(
      'host-key',
      t(
        `无法读取主机密钥记录文件 ${knownHostsPath}：${(err as Error).message}。请检查该文件的权限。`,
        `Cannot read the known-hosts file ${knownHostsPath}: ${(err as Error).message}. Check its permissions.`,
      ),
      'known-hosts-read',
    );
  }
  const match = known.find((k) => k.blob.equals(keyBlob));
  if (match?.revoked) {
    throw new SshError(
      'host-key',
      t(
        `${label} 出示的主机密钥 ${seen} 在 ${knownHostsPath} 第 ${match.line} 行被标记为已吊销，拒绝连接。`,
        `${label} presented host key ${seen}, which line ${match.line} of ${knownHostsPath} marks as revoked; refusing to connect.`,
      ),
      'revoked',
    );
  }
  if (match) return { fingerprint: seen, trust: 'known' };
  const trusted = known.filter((k) => !k.revoked);
  if (trusted.length > 0) {
    const before = trusted.map((k) => fingerprint(k.blob)).join(', ');
    const fix = `ssh-keygen -R '${pattern}' -f '${knownHostsPath.replace(/'/g, `'\\''`)}'`;
    throw new SshError(
      'host-key',
      t(
        `${label} 的主机密钥变了：记录的是 ${before}，现在出示的是 ${seen}。可能有人冒充该虚拟机，也可能虚拟机重装了。请在虚拟机控制台上运行 ${SHOW_KEY}；只有显示的是 ${seen} 时，运行 ${fix} 删除旧记录，然后重试。`,
        `The host key of ${label} has changed: recorded ${before}, presented ${seen}. Someone may be impersonating the VM, or it was reinstalled. On the VM's console run ${SHOW_KEY}; only if it prints ${seen}, run ${fix} to forget the old key, then try again.`,
      ),
      'changed',
    );
  }
  try {
    recordKey(knownHostsPath, pattern, keyBlob);
  } catch (err) {
    throw new SshError(
      'host-key',
      t(
        `无法把 ${label} 的主机密钥写入 ${knownHostsPath}：${(err as Error).message}。请检查该目录是否可写，或在配置中用 hostKey: ${seen} 固定它。`,
        `Cannot record the host key of ${label} in ${knownHostsPath}: ${(err as Error).message}. Make the folder writable, or pin it in the config with hostKey: ${seen}.`,
      ),
      'known-hosts-write',
    );
  }
  return { fingerprint: seen, trust: 'first-use' };
}
