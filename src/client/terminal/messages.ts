import type { Lang, Localized } from '../../shared/i18n.ts';
import { t } from '../../shared/i18n.ts';

/** Status line and in-terminal notices of the browser side, in both languages. */
export type Status = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export const statusText: Record<Status, Localized> = {
  connecting: t('正在连接…', 'Connecting…'),
  connected: t('已连接', 'Connected'),
  reconnecting: t('连接中断，正在重新连接…', 'Connection lost, reconnecting…'),
  closed: t('已断开', 'Closed'),
};

export const clientText = {
  refused: t(
    '终端服务器拒绝了连接（会话令牌无效或来源不符）。请刷新页面；如果仍然失败，请重新运行 `npm start`。',
    'The terminal server refused the connection (invalid session token or origin). Reload the page; if it still fails, restart `npm start`.',
  ),
  exited: (code: number | null) =>
    t(
      `远程 shell 已退出（退出码 ${code ?? '无'}）。按回车开始新的会话。`,
      `The remote shell exited (exit code ${code ?? 'none'}). Press Enter to start a new session.`,
    ),
  pressEnter: t('按回车重新连接。', 'Press Enter to reconnect.'),
  newSession: t('之前的会话已结束，这是一个新的 shell。', 'The previous session has ended; this is a new shell.'),
  skipped: (lines: number, mb: string) =>
    t(
      `… 输出太快，此处略过 ${lines} 行（${mb} MB），屏幕上是最新的输出 …`,
      `… output too fast: ${lines} lines (${mb} MB) skipped here; the screen shows the latest output …`,
    ),
  truncated: t('（更早的输出已不在缓冲区中）', '(earlier output is no longer in the buffer)'),
};

export function pickLang(text: Localized, lang: Lang): string {
  return text[lang];
}

/**
 * What the terminal writes where skip-ahead left lines out: CR, erase below, the text, CR LF.
 * The server's skip-ahead tests replay exactly this (src/server/terminal/skip-ahead.test.ts).
 */
export function skipNotice(text: string): string {
  return `\r\x1b[J[${text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}]\r\n`;
}
