import { t } from '../check/text.ts';

/** Every text of the YAML editor, in both languages. */
export const EDITOR_TEXT = {
  loading: t('正在加载编辑器…', 'Loading the editor…'),
  loadFailed: t('编辑器加载失败，仍可在文本框中编辑。', 'The editor could not load; you can still edit in the text box.'),
  validating: t('正在检查 YAML…', 'Checking the YAML…'),
  running: t('正在集群上运行 kubectl…', 'Running kubectl on your cluster…'),
  invalid: (n: number) =>
    t(`YAML 有 ${n} 处问题，未发送到集群：`, `The YAML has ${n} problem${n === 1 ? '' : 's'}; nothing was sent to the cluster:`),
  dryRunFailed: t('试运行失败，没有应用。kubectl 的回答：', 'The dry run failed, so nothing was applied. kubectl said:'),
  dryRunOk: t('试运行通过（没有改动集群）。kubectl 的回答：', 'The dry run passed (the cluster was not changed). kubectl said:'),
  applied: t('已应用。kubectl 的回答：', 'Applied. kubectl said:'),
  applyFailed: t('应用失败。kubectl 的回答：', 'The apply failed. kubectl said:'),
  timedOut: t('kubectl 超时没有回答（API server 在运行吗？）', 'kubectl did not answer in time (is the API server running?)'),
  network: t('无法连接本网站的服务器。', 'Cannot reach this site’s server.'),
  setup: t('打开主机设置', 'Open host setup'),
  lineCol: (line: number, col: number) => t(`第 ${line} 行第 ${col} 列`, `line ${line}, column ${col}`),
};
