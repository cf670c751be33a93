import { t, type Localized } from '../shared/i18n.ts';

export type SshErrorKind = 'unreachable' | 'auth' | 'host-key' | 'timeout' | 'protocol';

/** Where an SSH connection attempt went: enough to name the VM in a message. */
export interface SshTarget {
  name: string;
  host: string;
  port: number;
  user: string;
}

/** An SSH failure, classified, with a bilingual message that says what to do next. */
export class SshError extends Error {
  override name = 'SshError';
  readonly kind: SshErrorKind;
  readonly detail: Localized;
  /** Low-level cause (errno code or ssh2 level), for logs; never contains a secret. */
  readonly code: string | undefined;
  constructor(kind: SshErrorKind, detail: Localized, code?: string) {
    super(detail.en);
    this.kind = kind;
    this.detail = detail;
    this.code = code;
  }
}

const where = (h: SshTarget) => `${h.name} (${h.host}:${h.port})`;

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Turns an ssh2/socket error into an SshError. `tcpConnected` tells a dropped SYN (nothing
 * answered: unreachable) from a host that took the TCP connection but never finished SSH.
 */
export function classifySshError(err: unknown, h: SshTarget, opts: { tcpConnected: boolean; timeoutMs: number }): SshError {
  if (err instanceof SshError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { message?: unknown; code?: unknown; level?: string };
  const message = String(e.message ?? err);
  const code = typeof e.code === 'string' ? e.code : undefined;
  const secs = Math.round(opts.timeoutMs / 1000);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || e.level === 'client-dns') {
    return new SshError(
      'unreachable',
      t(
        `无法解析 ${where(h)} 的主机名。请在配置中改用虚拟机的 IP 地址（在虚拟机上运行 ip -4 addr 查看）。`,
        `Cannot resolve the host name of ${where(h)}. Write the VM's IP address in the config instead (run ip -4 addr on the VM).`,
      ),
      code ?? 'dns',
    );
  }
  if (code === 'ECONNREFUSED') {
    return new SshError(
      'unreachable',
      t(
        `${where(h)} 拒绝了连接：虚拟机开着，但端口 ${h.port} 上没有 SSH 服务。请在虚拟机上运行 systemctl status ssh（或 sshd），并确认配置中的端口。`,
        `${where(h)} refused the connection: the VM is up but nothing listens for SSH on port ${h.port}. On the VM run systemctl status ssh (or sshd) and check the port in the config.`,
      ),
      code,
    );
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new SshError(
      'unreachable',
      t(
        `无法连接 ${where(h)}（${code}）。请确认虚拟机已开机、网络可达：在本机运行 ping ${h.host}。`,
        `Cannot reach ${where(h)} (${code}). Check that the VM is running and reachable: run ping ${h.host} on this PC.`,
      ),
      code,
    );
  }
  if (e.level === 'client-timeout' || /timed out/i.test(message)) {
    if (!opts.tcpConnected) {
      return new SshError(
        'unreachable',
        t(
          `${where(h)} 在 ${secs} 秒内没有应答（虚拟机关机、地址错误或防火墙丢弃了连接）。请在本机运行 ping ${h.host}，并检查虚拟机的防火墙。`,
          `${where(h)} did not answer within ${secs} s (VM off, wrong address, or a firewall dropping the connection). Run ping ${h.host} on this PC and check the VM's firewall.`,
        ),
        'connect-timeout',
      );
    }
    if (/keepalive/i.test(message)) {
      return new SshError(
        'timeout',
        t(
          `与 ${where(h)} 的 SSH 连接中断（保活超时）。请检查虚拟机是否仍在运行，然后重试。`,
          `The SSH connection to ${where(h)} stopped answering (keepalive timeout). Check that the VM is still running and try again.`,
        ),
        'keepalive',
      );
    }
    return new SshError(
      'timeout',
      t(
        `${where(h)} 接受了 TCP 连接，但 SSH 握手在 ${secs} 秒内没有完成。请确认端口 ${h.port} 上运行的是 sshd（ssh -v -p ${h.port} ${h.user}@${h.host}）。`,
        `${where(h)} accepted TCP but the SSH handshake did not finish within ${secs} s. Check that sshd is what listens on port ${h.port} (ssh -v -p ${h.port} ${h.user}@${h.host}).`,
      ),
      'handshake-timeout',
    );
  }
  if (e.level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return new SshError(
      'auth',
      t(
        `登录 ${where(h)} 失败：用户 ${h.user} 的密码或密钥不被接受。请检查配置中的 user 和 password/privateKey，并在本机试一次 ssh -p ${h.port} ${h.user}@${h.host}。若以 root 密码登录，虚拟机的 /etc/ssh/sshd_config 需要 PermitRootLogin yes。`,
        `Login to ${where(h)} failed: the password or key of user ${h.user} was not accepted. Check user and password/privateKey in the config and try ssh -p ${h.port} ${h.user}@${h.host} on this PC. Root login with a password needs PermitRootLogin yes in the VM's /etc/ssh/sshd_config.`,
      ),
      'auth',
    );
  }
  if (e.level === 'agent' || /agent/i.test(message)) {
    return new SshError(
      'auth',
      t(
        `无法使用 ssh-agent 登录 ${where(h)}：${message}。请确认 ssh-agent 正在运行（ssh-add -l），或在配置中改用 privateKey。`,
        `Cannot log in to ${where(h)} with ssh-agent: ${message}. Check that an agent runs (ssh-add -l) or use privateKey in the config.`,
      ),
      'agent',
    );
  }
  return new SshError(
    'protocol',
    t(
      `与 ${where(h)} 的 SSH 通信失败：${message}。请确认该端口上运行的是 OpenSSH，然后重试。`,
      `SSH with ${where(h)} failed: ${message}. Check that OpenSSH is what answers on that port, then try again.`,
    ),
    e.level ?? code ?? 'protocol',
  );
}
