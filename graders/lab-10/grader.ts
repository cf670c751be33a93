import type { Check, Grader } from '../../src/grading/grader.ts';
import { passed } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { proxyModeOfDump } from '../../src/parse/kube-proxy-chains.ts';
import { dnatCheck, loadBalancingCheck } from './balance-checks.ts';
import { hostRules, isRulesVerdict, readConfiguredMode } from './kube-proxy-view.ts';
import { legacyNote, ruleEvidence } from './rules-source.ts';
import { jumpsCheck } from './jumps-check.ts';

/** Q10: the iptables rules behind service1, read from the master's `iptables-save` (or `iptables-legacy-save`, see rules-source.ts). */

const proxyMode: Check = {
  id: 'proxy-mode',
  title: t('kube-proxy 在 master 上以 iptables 模式写规则', 'kube-proxy writes iptables rules on the master'),
  points: 1,
  run(view) {
    const rules = hostRules(view, 'master');
    if (isRulesVerdict(rules)) return rules;
    const { dump } = rules;
    const configured = readConfiguredMode(view);
    const services = dump.tables.get('nat')?.chains.get('KUBE-SERVICES')?.rules ?? [];
    const note =
      configured?.found && configured.mode !== 'iptables'
        ? t(
            `注意：ConfigMap kube-proxy 中写的是 mode: ${configured.written}，但正在运行的 kube-proxy 仍在写 iptables 规则（重启后会切换）。`,
            ` Note: ConfigMap kube-proxy says mode: ${configured.written}, but the running kube-proxy still writes iptables rules (it would switch after a restart).`,
          )
        : t('', '');
    const seen = proxyModeOfDump(dump).mode;
    const legacy = legacyNote(rules);
    return passed(
      t(
        `nat 表的 KUBE-SERVICES 链有 ${services.length} 条规则，没有 ipset 匹配：kube-proxy 以 ${seen} 模式工作。${note.zh}${legacy?.zh ?? ''}`,
        `nat KUBE-SERVICES has ${services.length} rules and no ipset matches: kube-proxy works in ${seen} mode.${note.en}${legacy ? ` ${legacy.en}` : ''}`,
      ),
      { evidence: [ruleEvidence(rules, services.slice(0, 20))], data: { rulesFrom: rules.probe } },
    );
  },
};

export const grader: Grader = {
  lab: 'lab-10',
  checks: [proxyMode, jumpsCheck, loadBalancingCheck, dnatCheck],
};
