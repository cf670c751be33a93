import { t, type Localized } from '../../shared/i18n.ts';
import type { TerminalHost } from './types.ts';
import { TerminalFailure } from './types.ts';

/**
 * Every text the terminal server sends to a learner, in both languages, in one place. Each says
 * what happened, why, and what to do next. Hosts are named by config name and address; no
 * credential ever appears in a message.
 */
const where = (h: TerminalHost) => `${h.user}@${h.host}:${h.port}`;
const sshCmd = (h: TerminalHost) => `ssh -p ${h.port} ${h.user}@${h.host}`;

const SSH_KINDS = ['unreachable', 'auth', 'host-key', 'timeout', 'protocol'] as const;
type SshKind = (typeof SSH_KINDS)[number];

function isLocalized(v: unknown): v is Localized {
  return typeof v === 'object' && v !== null && typeof (v as Localized).zh === 'string' && typeof (v as Localized).en === 'string';
}

/** Classifies an ssh2 / SshError failure by what the learner can do about it. */
function kindOf(err: unknown): SshKind {
  const e = err as { kind?: unknown; level?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.kind === 'string' && (SSH_KINDS as readonly string[]).includes(e.kind)) return e.kind as SshKind;
  if (e?.level === 'client-authentication') return 'auth';
  const msg = typeof e?.message === 'string' ? e.message : '';
  if (/host key|hostkey|host-key/i.test(msg)) return 'host-key';
  if (e?.level === 'client-timeout' || /timed out/i.test(msg)) return 'timeout';
  if (typeof e?.code === 'string' && /^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ECONNRESET)$/.test(e.code))
    return 'unreachable';
  if (e?.level === 'client-socket') return 'unreachable';
  return 'protocol';
}

/** Turns whatever the SSH layer threw into a TerminalFailure with a learner-facing message. */
export function describeSshFailure(err: unknown, host: TerminalHost): TerminalFailure {
  const kind = kindOf(err);
  const detail = (err as { detail?: unknown })?.detail;
  // The SSH module's own message (e.g. both host-key fingerprints) is the most specific one.
  if (isLocalized(detail)) return new TerminalFailure(kind, detail, { cause: err });
  const h = host.name;
  const texts: Record<SshKind, Localized> = {
    auth: t(
      `登录 ${h}（${where(host)}）被拒绝：密码或密钥不对。请检查 k8s-labs.yaml 中 hosts.${h} 的 password / privateKey，然后在本机运行 \`${sshCmd(host)}\` 确认能登录。`,
      `Login to ${h} (${where(host)}) was refused: the password or key is wrong. Check hosts.${h}.password / privateKey in k8s-labs.yaml, then run \`${sshCmd(host)}\` on this PC to confirm you can log in.`,
    ),
    'host-key': t(
      `${h}（${host.host}）的主机密钥与记录的不一致，为安全起见没有登录（可能是重装了虚拟机，也可能是中间人攻击）。如果确认是重装，删除 known_hosts 文件中 ${host.host} 这一行后重试。`,
      `The host key of ${h} (${host.host}) differs from the recorded one, so we did not log in (the VM may have been reinstalled, or someone is intercepting). If you reinstalled it, delete the ${host.host} line from the known_hosts file and retry.`,
    ),
    unreachable: t(
      `无法连接 ${h}（${host.host}:${host.port}）：连接被拒绝或没有路由。请确认虚拟机已开机、sshd 在运行，并运行 \`ping ${host.host}\` 检查网络。`,
      `Cannot reach ${h} (${host.host}:${host.port}): connection refused or no route. Make sure the VM is running and sshd is up, and run \`ping ${host.host}\` to check the network.`,
    ),
    timeout: t(
      `连接 ${h}（${host.host}:${host.port}）超时：SSH 握手没有在规定时间内完成。请运行 \`${sshCmd(host)}\` 检查虚拟机是否响应。`,
      `Connecting to ${h} (${host.host}:${host.port}) timed out: the SSH handshake did not finish in time. Run \`${sshCmd(host)}\` to see whether the VM answers.`,
    ),
    protocol: t(
      `与 ${h}（${host.host}:${host.port}）的 SSH 会话出错。请运行 \`${sshCmd(host)}\` 查看详细信息。`,
      `The SSH session with ${h} (${host.host}:${host.port}) failed. Run \`${sshCmd(host)}\` to see the details.`,
    ),
  };
  return new TerminalFailure(kind, texts[kind], { cause: err });
}

export const serverText = {
  version: (client: number, server: number) =>
    t(
      `页面使用的终端协议版本 ${client} 与服务器的 ${server} 不一致。请刷新页面。`,
      `This page speaks terminal protocol v${client}, the server speaks v${server}. Reload the page.`,
    ),
  protocol: (reason: string) =>
    t(
      `终端收到无效消息（${reason}），连接已关闭。请刷新页面。`,
      `The terminal received an invalid message (${reason}) and closed the connection. Reload the page.`,
    ),
  limit: (max: number) =>
    t(
      `已打开 ${max} 个终端会话，达到上限。请关闭其他标签页中的终端后重试。`,
      `You already have ${max} terminal sessions open, the maximum. Close terminals in other tabs and retry.`,
    ),
  serverFull: (max: number) =>
    t(
      `服务器上的终端会话已达上限（${max}）。请稍后重试。`,
      `The server has reached its limit of ${max} terminal sessions. Retry in a moment.`,
    ),
  idle: (minutes: number) =>
    t(
      `${minutes} 分钟没有输入，终端会话已关闭。按回车重新连接。`,
      `No input for ${minutes} minutes, so the terminal session was closed. Press Enter to reconnect.`,
    ),
  takenOver: () => t('这个终端会话已在另一个窗口中打开。', 'This terminal session was opened in another window.'),
  helloTimeout: () =>
    t(
      '终端没有按时发送初始消息，连接已关闭。请刷新页面。',
      'The terminal did not introduce itself in time; the connection was closed. Reload the page.',
    ),
  internal: () =>
    t(
      '终端服务器内部错误，详情见服务器日志。请刷新页面重试。',
      'Internal error in the terminal server (see the server log). Reload the page to retry.',
    ),
};
