import { t } from '../../shared/i18n.ts';

/** Fixed texts of the lab page (lesson column and tools pane), in both languages. */
export const LESSON_TEXT = {
  minutes: (n: number) => t(`约 ${n} 分钟`, `about ${n} min`),
  kubernetes: (v: string) => t(`Kubernetes ${v}`, `Kubernetes ${v}`),
  objectives: t('学完这一课，你将能够', 'By the end you will be able to'),
  question: t('作业题目', 'The homework question'),
  graded: t('评分程序检查', 'What the grader checks'),
  onThisPage: t('本页内容', 'On this page'),
  notWritten: t('这一课还在编写中', 'This lesson is still being written'),
  notWrittenBody: t(
    '课程内容还没有发布。现在可以先阅读题目和评分内容，并在右侧终端里动手。',
    'The lesson is not published yet. For now, read the question and what is graded, and work in the terminal beside it.',
  ),
  otherLangOnly: t('这一课暂时只有英文版', 'This lesson is only in Chinese for now'),
  otherLangLink: t('阅读英文版', 'Read it in Chinese'),
  tools: t('工具', 'Tools'),
  toolTabs: t('工具面板', 'Tool panels'),
  terminal: t('终端', 'Terminal'),
  check: t('检查', 'Check'),
  editor: t('编辑器', 'Editor'),
  hideTools: t('隐藏工具面板', 'Hide the tools'),
  showTools: t('显示工具', 'Show tools'),
  resize: t('调整课程与工具面板的宽度（左右方向键）', 'Resize the lesson and the tools (Left and Right arrow keys)'),
  checkSoon: t(
    '“检查我的作业”面板即将在这里出现。现在可以在电脑上的命令行里运行：',
    'The Check my work panel will appear here. For now, run this in a shell on your PC:',
  ),
  editorSoon: t('YAML 编辑器即将在这里出现。', 'The YAML editor will appear here.'),
};
