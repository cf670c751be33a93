import { CannotLook, errored, excerpt, failed, type Verdict } from '../../src/grading/verdict.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { t } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { parseIptablesSave, type IptablesDump, type IptablesRule } from '../../src/parse/iptables-save.ts';
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

/**
 * Snapshot reading shared by lab-10 and lab-11: the iptables dump of a host, kube-proxy's mode,
 * the Services and their endpoints. Missing or unreadable evidence throws CannotLook (→ `error`).
 */

export const IPTABLES_PROBE = 'iptables.save';

/** The parsed `iptables-save` of a host; CannotLook when absent, failed or not parseable. */
export function readDump(view: SnapshotView, role: HostRole): IptablesDump {
  const text = view.stdout(role, IPTABLES_PROBE);
  const parsed = parseIptablesSave(text);
  if (parsed.ok) return parsed.dump;
  const { line, reason, text: bad } = parsed.error;
  const cut = view.raw(role, IPTABLES_PROBE)?.truncated
    ? t('（输出在采集上限处被截断）', ' (the output was cut at the collector’s size limit)')
    : t('', '');
  throw new CannotLook(
    t(
      `无法解析 ${role} 上 iptables-save 的输出：第 ${line} 行：${reason}${cut.zh}。`,
      `The iptables-save output of the ${role} cannot be parsed: line ${line}: ${reason}${cut.en}.`,
    ),
    t(
      `在 ${role} 上运行 \`sudo iptables-save | head -n ${line + 2}\`，看第 ${line} 行打印了什么，然后重新评分。`,
      `On the ${role}, run \`sudo iptables-save | head -n ${line + 2}\` to see what line ${line} holds, then grade again.`,
    ),
    [{ probe: IPTABLES_PROBE, host: role, excerpt: bad }],
  );
}

/** Evidence made of dump lines, verbatim. */
export function ruleEvidence(role: HostRole, rules: readonly (IptablesRule | { rule: string } | string)[]): Evidence {
  const lines = rules.map((r) => (typeof r === 'string' ? r : 'text' in r ? r.text : r.rule));
  return { probe: IPTABLES_PROBE, host: role, excerpt: excerpt(lines.join('\n')) };
}

/** True when iptables-save warned that the other backend holds tables. */
function legacyWarning(view: SnapshotView, role: HostRole, dump: IptablesDump): string | undefined {
  const stderr = view.raw(role, IPTABLES_PROBE)?.stderr ?? '';
  return dump.warnings.find((w) => /legacy tables present/i.test(w)) ?? stderr.split('\n').find((l) => /legacy tables present/i.test(l));
}

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
export function modeProblem(view: SnapshotView, role: HostRole, dump: IptablesDump): Verdict | undefined {
  const seen = proxyModeOfDump(dump);
  if (seen.mode === 'iptables') return undefined;
  const configured = readConfiguredMode(view);
  const cmMode = configured?.found ? configured.mode : undefined;
  if (seen.mode === 'ipvs') {
    return failed(
      t(
        `${role} 上的 kube-proxy 运行在 ipvs 模式：nat 表的 KUBE-SERVICES 匹配 ipset（第 ${seen.rule.line} 行），而不是跳转到 KUBE-SVC 链。本实验讲的是 iptables 模式（kubeadm 的默认模式），在 ipvs 模式下看不到 KUBE-SVC/KUBE-SEP 链和随机概率。`,
        `kube-proxy on the ${role} runs in ipvs mode: nat KUBE-SERVICES matches an ipset (line ${seen.rule.line}) instead of jumping to KUBE-SVC chains. This lab is about the iptables mode (the kubeadm default); ipvs mode has no KUBE-SVC/KUBE-SEP chains or random probabilities to show.`,
      ),
      RESTART,
      { evidence: [ruleEvidence(role, [seen.rule])] },
    );
  }
  const warning = legacyWarning(view, role, dump);
  if (warning) {
    return errored(
      t(
        `${role} 上的 iptables-save 没有 KUBE-SERVICES 链，但提示存在 iptables-legacy 表：kube-proxy 的规则可能在 legacy 后端里，评分程序看不到。`,
        `iptables-save on the ${role} shows no KUBE-SERVICES chain but warns that iptables-legacy tables exist: kube-proxy's rules may be in the legacy backend, which the grader does not read.`,
      ),
      t(
        `在 ${role} 上运行 \`sudo iptables-legacy-save | grep KUBE-SERVICES\`。如果规则在那里，请把这个情况告诉教师（主机上的 iptables 命令与 kube-proxy 使用的后端不一致）。`,
        `On the ${role}, run \`sudo iptables-legacy-save | grep KUBE-SERVICES\`. If the rules are there, tell your instructor (the host's iptables command and kube-proxy use different backends).`,
      ),
      { evidence: [{ probe: IPTABLES_PROBE, host: role, excerpt: warning }] },
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
  return failed(
    t(
      `${role} 的 nat 表里没有 KUBE-SERVICES 链${cmNote.zh}：kube-proxy 没有在这个节点上写任何 iptables 规则。它在运行吗？`,
      `The nat table of the ${role} has no KUBE-SERVICES chain${cmNote.en}: kube-proxy has written no iptables rules on this node. Is it running?`,
    ),
    t(
      '运行 `kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide` 和 `kubectl -n kube-system logs daemonset/kube-proxy`，然后在该节点上运行 `sudo iptables-save -t nat | grep KUBE-SERVICES`。',
      'Run `kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide` and `kubectl -n kube-system logs daemonset/kube-proxy`, then on that node `sudo iptables-save -t nat | grep KUBE-SERVICES`.',
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
