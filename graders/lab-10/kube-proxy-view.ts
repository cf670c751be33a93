import { CannotLook, failed, type Verdict } from '../../src/grading/verdict.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { t } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { proxyModeOfDump } from '../../src/parse/kube-proxy-chains.ts';
import { configuredProxyMode, type ConfiguredMode } from '../../src/parse/kube-proxy-config.ts';
import {
  ConfigMapList,
  EndpointSliceList,
  EndpointsList,
  ServiceList,
  type EndpointSlice,
  type Endpoints,
  type Service,
} from '../../src/parse/kube.ts';
import { joinText } from '../common/find-object.ts';
import { legacyNote, readHostRules, ruleEvidence, saveCommand, type HostRules } from './rules-source.ts';

/**
 * Snapshot reading shared by lab-10 and lab-11: the iptables dump of a host, kube-proxy's mode,
 * the Services and their endpoints. Missing or unreadable evidence throws CannotLook (→ `error`).
 */

/**
 * kube-proxy's rules on a host (from the legacy backend when that is where they are), or the
 * verdict that explains why they cannot be graded (not in iptables mode, or unreadable).
 */
export function hostRules(view: SnapshotView, role: HostRole): HostRules | Verdict {
  const rules = readHostRules(view, role);
  if ('status' in rules) return rules;
  return modeProblem(view, rules) ?? rules;
}

export const isRulesVerdict = (x: HostRules | Verdict): x is Verdict => 'status' in x;

/** kube-proxy's mode from its ConfigMap; undefined when that probe is missing or failed. */
export function readConfiguredMode(view: SnapshotView): ConfiguredMode | undefined {
  try {
    return configuredProxyMode(view.json('master', 'kube.configmaps.kube-system', ConfigMapList).items);
  } catch (err) {
    if (err instanceof CannotLook) return undefined;
    throw err;
  }
}

const RESTART = t(
  '执行 `kubectl -n kube-system edit configmap kube-proxy`，把 config.conf 里的 mode 改为 "" 或 "iptables"，再执行 `kubectl -n kube-system rollout restart daemonset kube-proxy`，然后重新评分。',
  'Run `kubectl -n kube-system edit configmap kube-proxy`, set mode in config.conf to "" or "iptables", then `kubectl -n kube-system rollout restart daemonset kube-proxy`, and grade again.',
);

/**
 * Why the dump of `role` does not show kube-proxy in iptables mode, as a verdict; undefined when
 * it does. ipvs and nftables are `failed` (the cluster is observable and set up differently from
 * what the lab teaches, and the learner can change it); an unreadable situation is `error`.
 */
function modeProblem(view: SnapshotView, rules: HostRules): Verdict | undefined {
  const { role } = rules;
  const legacy = legacyNote(rules);
  const seen = proxyModeOfDump(rules.dump);
  if (seen.mode === 'iptables') return undefined;
  const configured = readConfiguredMode(view);
  const cmMode = configured?.found ? configured.mode : undefined;
  if (seen.mode === 'ipvs') {
    return failed(
      joinText([
        t(
          `${role} 上的 kube-proxy 运行在 ipvs 模式：nat 表的 KUBE-SERVICES 匹配 ipset（第 ${seen.rule.line} 行），而不是跳转到 KUBE-SVC 链。本实验讲的是 iptables 模式（kubeadm 的默认模式），在 ipvs 模式下看不到 KUBE-SVC/KUBE-SEP 链和随机概率。`,
          `kube-proxy on the ${role} runs in ipvs mode: nat KUBE-SERVICES matches an ipset (line ${seen.rule.line}) instead of jumping to KUBE-SVC chains. This lab is about the iptables mode (the kubeadm default); ipvs mode has no KUBE-SVC/KUBE-SEP chains or random probabilities to show.`,
        ),
        legacy,
      ]),
      RESTART,
      { evidence: [ruleEvidence(rules, [seen.rule])] },
    );
  }
  if (cmMode === 'nftables') {
    return failed(
      t(
        `kube-proxy 运行在 nftables 模式（ConfigMap kube-proxy 中 mode: nftables），${role} 上没有任何 KUBE- iptables 链。本实验需要 iptables 模式。`,
        `kube-proxy runs in nftables mode (mode: nftables in ConfigMap kube-proxy); the ${role} has no KUBE- iptables chains. This lab needs the iptables mode.`,
      ),
      RESTART,
    );
  }
  const cmNote =
    cmMode === undefined ? t('', '') : t(`（ConfigMap 中配置的模式：${cmMode}）`, ` (mode configured in the ConfigMap: ${cmMode})`);
  const where =
    rules.legacyWarning === undefined
      ? t(`${role} 的 nat 表里没有 KUBE-SERVICES 链`, `The nat table of the ${role} has no KUBE-SERVICES chain`)
      : t(
          `${role} 的 nft 与 legacy 两套 nat 表里都没有 KUBE-SERVICES 链`,
          `Neither the nft nor the legacy nat table of the ${role} has a KUBE-SERVICES chain`,
        );
  return failed(
    t(
      `${where.zh}${cmNote.zh}：kube-proxy 没有在这个节点上写任何 iptables 规则。它在运行吗？`,
      `${where.en}${cmNote.en}: kube-proxy has written no iptables rules on this node. Is it running?`,
    ),
    t(
      `运行 \`kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide\` 和 \`kubectl -n kube-system logs daemonset/kube-proxy\`，然后在该节点上运行 \`sudo ${saveCommand(rules)} -t nat | grep KUBE-SERVICES\`。`,
      `Run \`kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide\` and \`kubectl -n kube-system logs daemonset/kube-proxy\`, then on that node \`sudo ${saveCommand(rules)} -t nat | grep KUBE-SERVICES\`.`,
    ),
  );
}

export function readServices(view: SnapshotView): Service[] {
  return view.json('master', 'kube.services', ServiceList).items;
}

/** Endpoints and EndpointSlices; one of the two probes may be missing, not both. */
export function readEndpointSources(view: SnapshotView): { endpoints?: Endpoints[]; slices?: EndpointSlice[] } {
  const out: { endpoints?: Endpoints[]; slices?: EndpointSlice[] } = {};
  let firstError: CannotLook | undefined;
  try {
    out.slices = view.json('master', 'kube.endpointslices', EndpointSliceList).items;
  } catch (err) {
    if (!(err instanceof CannotLook)) throw err;
    firstError = err;
  }
  try {
    out.endpoints = view.json('master', 'kube.endpoints', EndpointsList).items;
  } catch (err) {
    if (!(err instanceof CannotLook)) throw err;
    if (out.slices === undefined) throw firstError ?? err;
  }
  return out;
}

/** `ns/name` of a Service. */
export function serviceRef(svc: Service): string {
  return `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
}

/** ` -n ns` for kubectl commands in hints, empty for the default namespace. */
export function kubectlNs(svc: Service): string {
  const ns = svc.metadata.namespace ?? 'default';
  return ns === 'default' ? '' : ` -n ${ns}`;
}

/** Evidence listing the Services seen (`ns/name clusterIP ports`). */
export function servicesEvidence(view: SnapshotView, services: readonly Service[]): Evidence {
  const lines = services.map(
    (s) => `${serviceRef(s)} ${s.spec.clusterIP ?? '-'} ${(s.spec.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',')}`,
  );
  return view.evidence('master', 'kube.services', lines.join('\n') || '(no Services)');
}
