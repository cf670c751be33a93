import { t } from './text.ts';

/** Every text of the host setup page's scripts, in both languages. */
export const HOST_TEXT = {
  testing: t('正在连接…', 'Connecting…'),
  saving: t('正在保存…', 'Saving…'),
  saved: t(
    '已保存。“检查我的作业”、npm run grade 和网页终端（打开或刷新页面后）现在使用这些主机。',
    'Saved. “Check my work”, npm run grade and the web terminal (on the next page you open or reload) now use these hosts.',
  ),
  notSaved: t('没有保存，请修改以下问题：', 'Not saved; fix these first:'),
  network: t('无法连接本网站的服务器。', 'Cannot reach this site’s server.'),
  ok: (hostname: string, os: string, kubelet: string | null) =>
    t(
      `连接成功：主机名 ${hostname}，系统 ${os || '未知'}，kubelet ${kubelet ?? '未安装'}`,
      `Connected: hostname ${hostname}, OS ${os || 'unknown'}, kubelet ${kubelet ?? 'not installed'}`,
    ),
  hostKey: (fp: string, trust: string) =>
    trust === 'first-use'
      ? t(
          `首次连接，已记录主机密钥 ${fp}。可在虚拟机上运行 ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub 核对。`,
          `First connection: host key ${fp} recorded. Compare with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the VM.`,
        )
      : t(
          `主机密钥 ${fp}（${trust === 'pinned' ? '与配置中固定的一致' : '与记录一致'}）`,
          `Host key ${fp} (${trust === 'pinned' ? 'matches the pinned one' : 'matches the recorded one'})`,
        ),
  failed: t('连接失败：', 'Connection failed: '),
  needAddress: t('请先填写地址和用户名。', 'Enter the address and the user first.'),
};
