import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { CannotLook, errored, excerpt, type Verdict } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { parseIptablesSave, type IptablesDump, type IptablesRule } from '../../src/parse/iptables-save.ts';
import { proxyModeOfDump } from '../../src/parse/kube-proxy-chains.ts';

/**
 * Which iptables dump of a host holds kube-proxy's rules. iptables 1.8 has two backends; a host's
 * `iptables-save` may be the nft variant while kube-proxy (whose image picks the backend with the
 * most KUBE- rules, or its own default) wrote the legacy x_tables. Then the nft dump has no
 * KUBE-SERVICES chain (kubelet's KUBE-KUBELET-CANARY and the like may still be there) and warns
 * `# Warning: iptables-legacy tables present`; `iptables.legacy-save` holds the rules instead.
 */

export const IPTABLES_PROBE = 'iptables.save';
export const LEGACY_PROBE = 'iptables.legacy-save';
export type RulesProbe = typeof IPTABLES_PROBE | typeof LEGACY_PROBE;

/** kube-proxy's rules on one host, and where they were read. */
export interface HostRules {
  role: HostRole;
  dump: IptablesDump;
  probe: RulesProbe;
  /** The nft dump's warning when the rules came from the legacy backend. */
  legacyWarning?: string;
}

/** The command that prints these rules on the host, for hints. */
export const saveCommand = (rules: Pick<HostRules, 'probe'>): string =>
  rules.probe === LEGACY_PROBE ? 'iptables-legacy-save' : 'iptables-save';

/** The parsed output of an iptables-save probe; CannotLook when absent, failed or not parseable. */
export function readDump(view: SnapshotView, role: HostRole, probe: RulesProbe = IPTABLES_PROBE): IptablesDump {
  const text = view.stdout(role, probe);
  const parsed = parseIptablesSave(text);
  if (parsed.ok) return parsed.dump;
  const { line, reason, text: bad } = parsed.error;
  const cmd = saveCommand({ probe });
  const cut = view.raw(role, probe)?.truncated
    ? t('（输出在采集上限处被截断）', ' (the output was cut at the collector’s size limit)')
    : t('', '');
  throw new CannotLook(
    t(
      `无法解析 ${role} 上 ${cmd} 的输出：第 ${line} 行：${reason}${cut.zh}。`,
      `The ${cmd} output of the ${role} cannot be parsed: line ${line}: ${reason}${cut.en}.`,
    ),
    t(
      `在 ${role} 上运行 \`sudo ${cmd} | head -n ${line + 2}\`，看第 ${line} 行打印了什么，然后重新评分。`,
      `On the ${role}, run \`sudo ${cmd} | head -n ${line + 2}\` to see what line ${line} holds, then grade again.`,
    ),
    [{ probe, host: role, excerpt: bad }],
  );
}

/** Evidence made of dump lines, verbatim, credited to the probe they came from. */
export function ruleEvidence(
  src: Pick<HostRules, 'role' | 'probe'>,
  rules: readonly (IptablesRule | { rule: string } | string)[],
): Evidence {
  const lines = rules.map((r) => (typeof r === 'string' ? r : 'text' in r ? r.text : r.rule));
  return { probe: src.probe, host: src.role, excerpt: excerpt(lines.join('\n')) };
}

/** The warning line when iptables-save said the legacy backend holds tables (on stdout or stderr). */
function legacyWarning(view: SnapshotView, role: HostRole, dump: IptablesDump): string | undefined {
  const stderr = view.raw(role, IPTABLES_PROBE)?.stderr ?? '';
  return dump.warnings.find((w) => /legacy tables present/i.test(w)) ?? stderr.split('\n').find((l) => /legacy tables present/i.test(l));
}

/**
 * The dump holding kube-proxy's rules on `role`: `iptables.save`, or `iptables.legacy-save` when
 * the former has no KUBE-SERVICES chain and warns that legacy tables exist. When that probe is
 * missing (older snapshots, labs that do not collect it) or failed, an `error` verdict: the rules
 * may exist, the grader just cannot see them.
 */
export function readHostRules(view: SnapshotView, role: HostRole): HostRules | Verdict {
  const dump = readDump(view, role);
  const own: HostRules = { role, dump, probe: IPTABLES_PROBE };
  if (proxyModeOfDump(dump).mode !== 'none') return own;
  const warning = legacyWarning(view, role, dump);
  if (warning === undefined) return own;
  const raw = view.raw(role, LEGACY_PROBE);
  if (raw !== undefined && raw.exitCode === 0 && raw.timedOut !== true) {
    return { role, dump: readDump(view, role, LEGACY_PROBE), probe: LEGACY_PROBE, legacyWarning: warning };
  }
  const evidence: Evidence[] = [{ probe: IPTABLES_PROBE, host: role, excerpt: warning }];
  let why: Localized;
  if (raw === undefined) {
    why = t(
      `快照中没有 ${LEGACY_PROBE}（旧版采集器或未采集），评分程序读不到 legacy 后端。`,
      `The snapshot has no ${LEGACY_PROBE} (an older collector, or not collected), so the grader cannot read the legacy backend.`,
    );
  } else {
    const stderr = raw.stderr.trim();
    const how = raw.timedOut === true ? 'timed out' : raw.exitCode === null ? 'ended without an exit code' : `exited with ${raw.exitCode}`;
    const howZh = raw.timedOut === true ? '超时' : raw.exitCode === null ? '没有返回退出码' : `退出码为 ${raw.exitCode}`;
    why = t(
      `读取 legacy 后端的 ${LEGACY_PROBE} 失败（${howZh}${stderr ? `：${stderr.split('\n')[0]}` : ''}）。`,
      `Reading the legacy backend failed: ${LEGACY_PROBE} ${how}${stderr ? ` (${stderr.split('\n')[0]})` : ''}.`,
    );
    evidence.push(view.evidence(role, LEGACY_PROBE, raw.stderr || raw.stdout));
  }
  return errored(
    t(
      `${role} 上的 iptables-save 没有 KUBE-SERVICES 链，但提示存在 iptables-legacy 表：kube-proxy 的规则可能写在 legacy 后端里。${why.zh}`,
      `iptables-save on the ${role} shows no KUBE-SERVICES chain but warns that iptables-legacy tables exist: kube-proxy's rules may be in the legacy backend. ${why.en}`,
    ),
    t(
      `在 ${role} 上运行 \`sudo iptables-legacy-save | grep KUBE-SERVICES\` 查看 legacy 表中的规则，然后重新评分。`,
      `On the ${role}, run \`sudo iptables-legacy-save | grep KUBE-SERVICES\` to see the rules in the legacy tables, then grade again.`,
    ),
    { evidence },
  );
}

/** A sentence for messages when the rules came from the legacy backend; undefined otherwise. */
export function legacyNote(rules: HostRules): Localized | undefined {
  if (rules.probe !== LEGACY_PROBE) return undefined;
  return t(
    `（kube-proxy 把规则写进了 ${rules.role} 的 legacy iptables 表；主机上的 iptables-save 是 nft 版本，只提示“iptables-legacy tables present”，因此规则取自 iptables-legacy-save。）`,
    `(kube-proxy wrote legacy iptables tables on the ${rules.role}: the host's iptables-save is the nft variant and only warns "iptables-legacy tables present", so the rules were read with iptables-legacy-save.)`,
  );
}
