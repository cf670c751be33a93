import { pick, t, type Lang, type Localized } from '../../shared/i18n.ts';
import type { CheckStatus, GradeReport } from '../../shared/report.ts';
import { painter, type Paint, type Style } from './ansi.ts';
import { countStatuses, totals, type StatusCounts } from './summary.ts';
import { plainText } from './text-safety.ts';

/** Human-readable report for a terminal or a log (docs/cli.md shows an example). */
export interface ConsoleOptions {
  lang: Lang;
  /** ANSI colours (only on a TTY and without NO_COLOR; the CLI decides). */
  color: boolean;
}

const MARK: Record<CheckStatus, { symbol: string; style: Style }> = {
  passed: { symbol: '✓', style: 'green' },
  failed: { symbol: '✗', style: 'red' },
  error: { symbol: '!', style: 'yellow' },
  pending: { symbol: '…', style: 'cyan' },
  skipped: { symbol: '-', style: 'gray' },
};

const STATUS_WORD: Record<CheckStatus, Localized> = {
  passed: t('通过', 'passed'),
  failed: t('未通过', 'failed'),
  error: t('无法检查', 'could not check'),
  pending: t('尚未就绪', 'pending'),
  skipped: t('跳过', 'skipped'),
};

/** Renders one or several lab reports; several get a total line at the end. */
export function renderConsole(reports: readonly GradeReport[], opts: ConsoleOptions): string {
  const paint = painter(opts.color);
  const blocks = reports.map((r) => renderLab(r, opts.lang, paint));
  if (reports.length > 1) blocks.push(renderTotal(reports, opts.lang, paint));
  return `${blocks.join('\n\n')}\n`;
}

function renderLab(report: GradeReport, lang: Lang, paint: Paint): string {
  const lines = [paint('bold', `${report.lab} · ${plainText(report.title)}`), ''];
  for (const check of report.checks) {
    const mark = MARK[check.status];
    const points = paint('dim', `(${check.points}/${check.maxPoints})`);
    lines.push(`  ${paint(mark.style, mark.symbol)} ${plainText(check.title)} ${points}`);
    lines.push(...indent(check.message, '    '));
    if (check.hint) lines.push(...indent(check.hint, `    ${paint('cyan', '→')} `, '      '));
  }
  lines.push('', `  ${scoreLine(report, lang, paint)}`);
  return lines.join('\n');
}

function scoreLine(report: GradeReport, lang: Lang, paint: Paint): string {
  const label = pick(t('得分', 'Score'), lang);
  const style: Style = report.checks.some((c) => c.status === 'failed') ? 'red' : report.passed ? 'green' : 'yellow';
  const line = `${paint('bold', `${label} ${report.score}/${report.maxScore}`)} · ${breakdown(countStatuses([report]), lang)}`;
  const note = report.gradable ? '' : ` ${paint('yellow', incompleteNote(lang))}`;
  return paint(style, '■') + ' ' + line + note;
}

function renderTotal(reports: readonly GradeReport[], lang: Lang, paint: Paint): string {
  const { score, maxScore } = totals(reports);
  const passedLabs = reports.filter((r) => r.passed).length;
  const head = pick(t(`总分 ${score}/${maxScore}`, `Total ${score}/${maxScore}`), lang);
  const labs = pick(t(`${reports.length} 个实验中 ${passedLabs} 个全部通过`, `${passedLabs} of ${reports.length} labs fully passed`), lang);
  const gradable = reports.every((r) => r.gradable);
  return `${paint('bold', head)} · ${labs} · ${breakdown(countStatuses(reports), lang)}${gradable ? '' : ` ${paint('yellow', incompleteNote(lang))}`}`;
}

function breakdown(counts: StatusCounts, lang: Lang): string {
  const order: CheckStatus[] = ['passed', 'failed', 'error', 'pending', 'skipped'];
  const parts = order
    .filter((s) => counts[s] > 0)
    .map((s) => pick(t(`${STATUS_WORD[s].zh} ${counts[s]}`, `${counts[s]} ${STATUS_WORD[s].en}`), lang));
  return parts.length > 0 ? parts.join(pick(t('，', ', '), lang)) : pick(t('没有检查项', 'no checks'), lang);
}

function incompleteNote(lang: Lang): string {
  return pick(t('（有检查项无法判断，得分不完整）', '(some checks could not be judged; the score is incomplete)'), lang);
}

/** Indents every line of a (sanitized) multi-line text; the first line may get its own prefix. */
function indent(text: string, first: string, rest = first): string[] {
  return plainText(text)
    .split('\n')
    .map((line, i) => `${i === 0 ? first : rest}${line}`.trimEnd());
}
