import type { Lang } from '../shared/i18n.ts';

const USAGE = {
  zh: `用法：npm run grade -- <实验…|all|list> [选项]

  实验编号：lab-10、lab-1、10、q10 均可；all 评全部实验；list 列出实验。

选项：
  --config FILE         主机配置（默认 $K8S_LABS_CONFIG，否则 ./k8s-labs.yaml）
  --snapshot FILE       离线评一个已保存的快照，不连接主机
  --save-snapshot FILE  保存本次采集到的快照
  --observe SECONDS     观察 HPA 行为的时长（lab-13；0 表示不观察）
  --json                在 stdout 只输出 JSON 报告（进度信息在 stderr）
  --junit FILE          另写一份 JUnit XML 报告
  --gradescope FILE     另写一份 Gradescope results.json
  --lang zh|en          输出语言（默认按 LC_ALL/LC_MESSAGES/LANG：en* 为英文，否则中文）
  -h, --help            显示本帮助

退出码：0 全部通过；1 已评分但有未通过、无法检查或尚未就绪的检查项；
        2 用法或输入有误；3 无法从主机采集数据。
例：npm run grade lab-10
    npm run --silent grade -- lab-10 --snapshot snap.json --json
`,
  en: `Usage: npm run grade -- <lab…|all|list> [options]

  A lab is lab-10, lab-1, 10 or q10; all grades every lab; list shows the labs.

Options:
  --config FILE         hosts config (default $K8S_LABS_CONFIG, else ./k8s-labs.yaml)
  --snapshot FILE       grade a saved snapshot offline, without connecting
  --save-snapshot FILE  keep the snapshot collected by this run
  --observe SECONDS     how long to observe HPA behaviour (lab-13; 0 = do not observe)
  --json                print only the JSON report on stdout (progress goes to stderr)
  --junit FILE          also write a JUnit XML report
  --gradescope FILE     also write a Gradescope results.json
  --lang zh|en          language (default from LC_ALL/LC_MESSAGES/LANG: en* is English, else Chinese)
  -h, --help            show this help

Exit codes: 0 all passed; 1 graded, and some check failed, could not be judged or is pending;
            2 usage or input error; 3 could not collect from the hosts.
Examples: npm run grade lab-10
          npm run --silent grade -- lab-10 --snapshot snap.json --json
`,
} as const;

export function usage(lang: Lang): string {
  return USAGE[lang];
}
