import type { Check, Grader } from '../../src/grading/grader.ts';
import { failed, passed, pending } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { rulesOf } from '../../src/parse/iptables-save.ts';
import { NodeList, PodList, conditionStatus, type Pod } from '../../src/parse/kube.ts';
import { hostRules, isRulesVerdict, readConfiguredMode } from '../lab-10/kube-proxy-view.ts';
import { legacyNote, ruleEvidence } from '../lab-10/rules-source.ts';
import { followCheck } from './follow-check.ts';

/** Q11: kube-proxy's role in iptables mode. */

/** A kube-proxy Pod: kubeadm's DaemonSet labels them k8s-app=kube-proxy; the name is a fallback. */
export function isKubeProxyPod(p: Pod): boolean {
  if (p.metadata.namespace !== 'kube-system') return false;
  if (p.metadata.labels?.['k8s-app'] === 'kube-proxy') return true;
  if (p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet' && o.name === 'kube-proxy')) return true;
  return /^kube-proxy-[a-z0-9]+$/.test(p.metadata.name);
}

const podState = (p: Pod): string => {
  const waiting =
    p.status?.containerStatuses?.flatMap((c) =>
      Object.entries(c.state ?? {})
        .filter(([k]) => k !== 'running')
        .map(([k, v]) => v.reason ?? k),
    ) ?? [];
  return [p.status?.phase ?? 'Unknown', ...waiting].join('/');
};

const podsCheck: Check = {
  id: 'kube-proxy-pods',
  title: t('每个节点上都有一个运行中的 kube-proxy Pod', 'A running kube-proxy Pod on every node'),
  points: 3,
  run(view) {
    const nodes = view.json('master', 'kube.nodes', NodeList).items;
    const pods = view.json('master', 'kube.pods', PodList).items.filter(isKubeProxyPod);
    const good: string[] = [];
    const bad: Localized[] = [];
    const waiting: Localized[] = [];
    for (const node of nodes) {
      const name = node.metadata.name;
      const mine = pods.filter((p) => p.spec.nodeName === name && !p.metadata.deletionTimestamp);
      const ready = mine.find((p) => p.status?.phase === 'Running' && conditionStatus(p.status.conditions, 'Ready') !== 'False');
      if (ready) good.push(`${name}: ${ready.metadata.name}`);
      else if (mine.length === 0) bad.push(t(`节点 ${name} 上没有 kube-proxy Pod`, `node ${name} has no kube-proxy Pod`));
      else if (mine.every((p) => p.status?.phase === 'Pending' && !podState(p).includes('BackOff')))
        waiting.push(
          t(
            `节点 ${name} 上的 ${mine[0]?.metadata.name} 还在启动（${podState(mine[0] as Pod)}）`,
            `${mine[0]?.metadata.name} on node ${name} is still starting (${podState(mine[0] as Pod)})`,
          ),
        );
      else
        bad.push(
          t(
            `节点 ${name} 上的 kube-proxy 没有正常运行（${mine.map((p) => `${p.metadata.name} ${podState(p)}`).join(', ')}）`,
            `kube-proxy on node ${name} is not running properly (${mine.map((p) => `${p.metadata.name} ${podState(p)}`).join(', ')})`,
          ),
        );
    }
    const evidence = [
      view.evidence(
        'master',
        'kube.pods',
        pods.map((p) => `${p.metadata.name} ${p.spec.nodeName ?? '-'} ${podState(p)}`).join('\n') || '(no kube-proxy pods)',
      ),
    ];
    const hint = t(
      '运行 `kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide` 和 `kubectl -n kube-system describe daemonset kube-proxy`。',
      'Run `kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide` and `kubectl -n kube-system describe daemonset kube-proxy`.',
    );
    if (nodes.length === 0)
      return failed(t('kubectl get nodes 没有列出任何节点。', 'kubectl get nodes lists no nodes.'), hint, { evidence });
    if (bad.length > 0)
      return failed(
        t(`${[...bad, ...waiting].map((x) => x.zh).join('；')}。`, `${[...bad, ...waiting].map((x) => x.en).join('; ')}.`),
        hint,
        { evidence },
      );
    if (waiting.length > 0)
      return pending(t(`${waiting.map((x) => x.zh).join('；')}。`, `${waiting.map((x) => x.en).join('; ')}.`), hint, { evidence });
    return passed(t(`每个节点都有运行中的 kube-proxy：${good.join('，')}。`, `Every node runs kube-proxy: ${good.join(', ')}.`), {
      evidence,
    });
  },
};

const ROLES: HostRole[] = ['master', 'worker'];

const modeCheck: Check = {
  id: 'iptables-mode',
  title: t('kube-proxy 在两个节点上都以 iptables 模式工作', 'kube-proxy works in iptables mode on both nodes'),
  points: 3,
  run(view) {
    const configured = readConfiguredMode(view);
    if (configured?.found && !['iptables', 'ipvs', 'nftables'].includes(configured.mode)) {
      return failed(
        t(
          `ConfigMap kube-proxy 中的 mode 是 "${configured.written}"，Linux 上只有 iptables、ipvs、nftables 三种。`,
          `ConfigMap kube-proxy sets mode "${configured.written}"; on Linux the modes are iptables, ipvs and nftables.`,
        ),
        t(
          '执行 `kubectl -n kube-system edit configmap kube-proxy`，把 mode 改为 "" 或 "iptables"，再 `kubectl -n kube-system rollout restart daemonset kube-proxy`。',
          'Run `kubectl -n kube-system edit configmap kube-proxy`, set mode to "" or "iptables", then `kubectl -n kube-system rollout restart daemonset kube-proxy`.',
        ),
      );
    }
    const counts: string[] = [];
    const evidence = [];
    const notes: Localized[] = [];
    for (const role of ROLES) {
      const read = hostRules(view, role);
      if (isRulesVerdict(read)) return read;
      const rules = rulesOf(read.dump, 'nat', 'KUBE-SERVICES');
      counts.push(`${role} ${rules.length}`);
      evidence.push(ruleEvidence(read, rules.slice(0, 12)));
      const note = legacyNote(read);
      if (note) notes.push(note);
    }
    const cm: Localized = !configured
      ? t('没有读到 ConfigMap kube-proxy，仅根据规则判断', 'ConfigMap kube-proxy not read; judged by the rules alone')
      : !configured.found
        ? t(
            '集群中没有 ConfigMap kube-proxy 的配置，仅根据规则判断',
            'no kube-proxy configuration in ConfigMap kube-proxy; judged by the rules alone',
          )
        : configured.mode === 'iptables'
          ? t(
              `ConfigMap kube-proxy：mode: "${configured.written}"${configured.written === '' ? '，空值在 Linux 上即 iptables' : ''}`,
              `ConfigMap kube-proxy: mode: "${configured.written}"${configured.written === '' ? ', which means iptables on Linux' : ''}`,
            )
          : t(
              `注意：ConfigMap 写的是 mode: ${configured.written}，但正在运行的 kube-proxy 仍写 iptables 规则，重启后会切换`,
              `note: the ConfigMap says mode: ${configured.written}, but the running kube-proxy still writes iptables rules; it would switch after a restart`,
            );
    return passed(
      t(
        `两个节点的 nat 表都有 kube-proxy 写的 KUBE-SERVICES 链，没有 ipset 匹配（KUBE-SERVICES 规则数：${counts.join('，')}；${cm.zh}）。${notes.map((n) => n.zh).join('')}`,
        `Both nodes have kube-proxy's KUBE-SERVICES chain in the nat table, with no ipset matches (KUBE-SERVICES rules: ${counts.join(', ')}; ${cm.en}).${notes.map((n) => ` ${n.en}`).join('')}`,
      ),
      { evidence },
    );
  },
};

export const grader: Grader = {
  lab: 'lab-11',
  checks: [podsCheck, modeCheck, followCheck],
};
