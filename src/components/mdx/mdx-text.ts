import { t } from '../../shared/i18n.ts';

/** Every fixed text of the lesson components, in both languages, in one place. */
export const MDX_TEXT = {
  copy: t('复制', 'Copy'),
  copied: t('已复制', 'Copied'),
  copyFailed: t('无法复制：请手动选中文本', 'Could not copy: select the text by hand'),
  copyLabel: (what: string) => t(`复制这段${what}`, `Copy this ${what}`),
  runIn: (host: string) => t(`在 ${host} 终端运行`, `Run on ${host}`),
  runLabel: (host: string) => t(`在 ${host} 的终端标签页中运行这些命令`, `Run these commands in the ${host} terminal tab`),
  ran: (host: string) => t(`已发送到 ${host} 终端`, `Sent to the ${host} terminal`),
  langLabel: {
    bash: t('命令', 'commands'),
    yaml: t('YAML', 'YAML'),
    json: t('JSON', 'JSON'),
    text: t('输出', 'output'),
  } as Record<string, ReturnType<typeof t>>,
  codeLabel: t('代码', 'code'),
  onHost: (host: string) => t(`在 ${host} 上`, `on ${host}`),
  aside: {
    note: t('说明', 'Note'),
    tip: t('提示', 'Tip'),
    caution: t('注意', 'Caution'),
    danger: t('危险', 'Danger'),
  },
  quizLegend: t('思考题', 'Question'),
  quizKindHint: {
    single: t('选择一个答案。', 'Choose one answer.'),
    multiple: t('选择所有正确的答案。', 'Choose every right answer.'),
    short: t('用简短的文字回答。', 'Answer in a few words.'),
    cluster: t(
      '答案来自你自己的集群：按你的集群实际情况回答，评分时与最近一次“检查我的作业”的快照比对。',
      'The answer comes from your own cluster: answer from what your cluster shows; it is compared with the snapshot of your latest Check my work.',
    ),
  },
  answerLabel: t('你的答案', 'Your answer'),
  checkAnswer: t('检查答案', 'Check answer'),
  checking: t('正在检查…', 'Checking…'),
  right: t('回答正确。', 'Right.'),
  wrong: t('不对，再想想。', 'Not quite. Think again.'),
  chooseFirst: t('请先选择或填写答案。', 'Choose or type an answer first.'),
  quizOffline: t(
    '无法连接服务器检查答案：确认 `npm start` 仍在运行，然后重试。',
    'Could not reach the server to check the answer: make sure `npm start` is still running, then try again.',
  ),
  quizMissing: (id: string, lab: string) =>
    t(`思考题 \`${id}\` 不在 labs/${lab}/quiz.yaml 中。`, `Question \`${id}\` is not in labs/${lab}/quiz.yaml.`),
  showSolution: (file: string) => t(`显示参考答案：${file}`, `Show the solution: ${file}`),
  solutionNote: t('先自己写一遍，再对照参考答案。', 'Write your own first, then compare.'),
  solutionMissing: (file: string, lab: string) =>
    t(`参考答案 labs/${lab}/solution/${file} 不存在。`, `The solution labs/${lab}/solution/${file} does not exist.`),
  figureMissing: (src: string, lab: string) => t(`图 ${src} 不在 labs/${lab}/ 中。`, `The figure ${src} is not in labs/${lab}/.`),
  figureUnsafe: (file: string, why: string) => t(`图 ${file} 不能内嵌：${why}。`, `The figure ${file} cannot be inlined: it ${why}.`),
  checkMyWork: t('检查我的作业', 'Check my work'),
  checkMyWorkLead: t(
    '做完上面的步骤后，让评分程序检查你的集群：结果显示在右侧的“检查”面板里。',
    'When you have done the steps above, let the grader look at your cluster: the result shows in the Check panel beside the lesson.',
  ),
  checkMyWorkCli: t('也可以在命令行运行：', 'Or, in a shell:'),
};
