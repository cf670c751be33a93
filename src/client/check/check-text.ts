import { t } from './text.ts';

/** Every text the check panel shows, in both languages, in one place. */
export const CHECK_TEXT = {
  checking: t('正在从你的虚拟机收集信息并评分…', 'Collecting from your VMs and grading…'),
  waiting: t('正在等待上一次检查结束…', 'Waiting for the check in progress…'),
  network: t(
    '无法连接本网站的服务器。它还在运行吗？（终端里的 npm start）',
    'Cannot reach this site’s server. Is it still running? (npm start in your terminal)',
  ),
  noHostsLink: t('打开主机设置', 'Open host setup'),
  notCollected: t('无法读取你的虚拟机，所以这次没有评分：', 'Your VMs could not be read, so nothing was graded this time:'),
  never: t(
    '还没有检查过这个实验。完成步骤后点“检查我的作业”。',
    'This lab has not been checked yet. Press “Check my work” when you have done the steps.',
  ),
  lastChecked: (when: string) => t(`上次检查：${when}`, `Last checked ${when}`),
  score: (score: number, max: number) => t(`得分 ${score}/${max}`, `Score ${score}/${max}`),
  counts: (passed: number, failed: number, other: number) =>
    t(
      `${passed} 项通过，${failed} 项未通过${other ? `，${other} 项无法判断或等待中` : ''}`,
      `${passed} passed, ${failed} failed${other ? `, ${other} could not be judged or pending` : ''}`,
    ),
  best: (score: number, max: number, passed: boolean) =>
    t(`最好成绩：${score}/${max}${passed ? '（已通过）' : ''}`, `Best: ${score}/${max}${passed ? ' (passed)' : ''}`),
  improved: t('新的最好成绩！', 'A new best!'),
  evidence: (n: number) => t(`证据（${n}）`, `Evidence (${n})`),
  status: {
    passed: t('通过', 'passed'),
    failed: t('未通过', 'failed'),
    error: t('无法检查', 'could not check'),
    pending: t('等待中', 'pending'),
    skipped: t('跳过', 'skipped'),
  },
  autoOn: (seconds: number) =>
    t(`每 ${seconds} 秒自动检查一次（页面隐藏时暂停）`, `Checking every ${seconds} s (paused while this tab is hidden)`),
  incomplete: t('有些检查无法判断，分数不完整。', 'Some checks could not be judged; the score is incomplete.'),
};

/** "3 min ago" in the page's language, for the last attempt. */
export function ago(iso: string, lang: 'zh' | 'en', now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return lang === 'zh' ? `${s} 秒前` : `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return lang === 'zh' ? `${m} 分钟前` : `${m} min ago`;
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
}

/** Intervals offered for auto re-check; short enough to follow a rollout, long enough not to hammer two VMs. */
export const AUTO_INTERVALS = [10, 30, 60] as const;
