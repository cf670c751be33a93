import type { Check } from '../../src/grading/grader.ts';
import { failed, passed, pending, type Verdict } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { compareEndpoints } from '../../src/parse/kube-proxy-chains.ts';
import { endpointKey } from '../../src/parse/service-endpoints.ts';
import { kubectlNs, serviceRef } from './kube-proxy-view.ts';
import { legacyNote, ruleEvidence, saveCommand } from './rules-source.ts';
import { chainsData, isVerdict, pct, portLabel, service1Chains, SERVICE_NAME, type PortView, type ServiceChains } from './service-ports.ts';

/** Effective shares closer than this to 1/n count as equal (kube-proxy prints 10 or 5 decimals). */
export const SHARE_TOLERANCE = 0.002;
/** The homework balances across the 3 Pods of deployment1 (HPA may add more, never fewer). */
export const MIN_ENDPOINTS = 3;

type Line = Localized;
const line = (zh: string, en: string): Line => ({ zh, en });
const join = (items: Line[], sepZh = '；', sepEn = '; ') => t(items.map((x) => x.zh).join(sepZh), items.map((x) => x.en).join(sepEn));

function noChain(p: PortView): Line | undefined {
  if (!p.spec) return line(`端口 ${p.port}：Service 没有这个端口`, `port ${p.port}: the Service has no such port`);
  if (!p.chains?.svcChain)
    return line(
      `端口 ${portLabel(p)}：KUBE-SERVICES 没有跳到 KUBE-SVC 链（见上一项检查）`,
      `port ${portLabel(p)}: KUBE-SERVICES does not jump to a KUBE-SVC chain (see the previous check)`,
    );
  return undefined;
}

/** "0.33333333349 → 33.3%, 0.5 → 33.3%, rest → 33.3%" */
function shares(p: PortView, rest = 'rest'): string {
  return (p.chains?.branches ?? [])
    .filter((b) => b.endpoint)
    .map((b) => `${b.probability === null ? rest : String(b.probability)} → ${pct(b.effective)}`)
    .join(', ');
}

function verdictOf(sc: ServiceChains, good: Line[], bad: Line[], waiting: Line[], hint: Localized, evidenceLines: string[]): Verdict {
  const ref = serviceRef(sc.service);
  const extra = { evidence: evidenceLines.length > 0 ? [ruleEvidence(sc.rules, evidenceLines)] : [], data: chainsData(sc) };
  const legacy = legacyNote(sc.rules);
  const say = (all: Localized) =>
    t(`Service ${ref}：${all.zh}。${legacy?.zh ?? ''}`, `Service ${ref}: ${all.en}.${legacy ? ` ${legacy.en}` : ''}`);
  if (bad.length > 0) return failed(say(join([...bad, ...waiting])), hint, extra);
  if (waiting.length > 0) {
    return pending(
      say(join(waiting)),
      t(
        '等 Pod 就绪后（`kubectl get pods -o wide`）重新评分。',
        'Wait until the Pods are ready (`kubectl get pods -o wide`) and grade again.',
      ),
      extra,
    );
  }
  return passed(say(join(good)), extra);
}

/** Each KUBE-SVC has one KUBE-SEP per ready endpoint, with random probabilities giving equal shares. */
export const loadBalancingCheck: Check = {
  id: 'load-balancing',
  title: t(
    '每个 KUBE-SVC 链为每个就绪 endpoint 各有一个 KUBE-SEP，随机概率使流量均分',
    'Each KUBE-SVC chain has one KUBE-SEP per ready endpoint, with random probabilities that share traffic equally',
  ),
  points: 3,
  run(view) {
    const sc = service1Chains(view, 'master', true);
    if (isVerdict(sc)) return sc;
    const good: Line[] = [];
    const bad: Line[] = [];
    const waiting: Line[] = [];
    const ev: string[] = [];
    for (const p of sc.ports) {
      const missing = noChain(p);
      if (missing) {
        bad.push(missing);
        continue;
      }
      const chain = p.chains?.svcChain ?? '';
      const branches = (p.chains?.branches ?? []).filter((b) => b.endpoint);
      ev.push(...branches.map((b) => b.rule));
      const usable = p.endpoints?.usable ?? [];
      const listed = p.endpoints?.all ?? [];
      const n = branches.length;
      const label = portLabel(p);
      if (n !== usable.length) {
        bad.push(
          line(
            `端口 ${label}：${chain} 有 ${n} 个 KUBE-SEP 分支，但有 ${usable.length} 个就绪 endpoint（${usable.map(endpointKey).join(', ') || '无'}）`,
            `port ${label}: ${chain} has ${n} KUBE-SEP branches but there are ${usable.length} ready endpoints (${usable.map(endpointKey).join(', ') || 'none'})`,
          ),
        );
      }
      const unequal =
        n > 0 && (branches.some((b) => Math.abs(b.effective - 1 / n) > SHARE_TOLERANCE) || (p.chains?.fallthrough ?? 0) > SHARE_TOLERANCE);
      if (unequal) {
        bad.push(
          line(
            `端口 ${label}：${chain} 的概率 ${shares(p, '其余')} 不是均分（每个应为 ${pct(1 / n)}，依次为 1/${n}、1/${n - 1}…、其余）`,
            `port ${label}: the probabilities of ${chain}, ${shares(p)}, do not share equally (each should get ${pct(1 / n)}: 1/${n}, 1/${n - 1}, …, the rest)`,
          ),
        );
      }
      if (usable.length < MIN_ENDPOINTS) {
        const msg = line(
          `端口 ${label}：只有 ${usable.length} 个就绪 endpoint，本实验要求在 deployment1 的 ${MIN_ENDPOINTS} 个 Pod 之间负载均衡`,
          `port ${label}: only ${usable.length} ready endpoints; the lab balances across the ${MIN_ENDPOINTS} Pods of deployment1`,
        );
        (listed.length >= MIN_ENDPOINTS ? waiting : bad).push(msg);
      }
      const affinity = p.chains?.affinity ? line('（含 ClientIP 会话保持规则）', ' (with ClientIP session affinity rules)') : line('', '');
      if (n > 0)
        good.push(
          line(
            `端口 ${label}：${chain} → ${n} 个 KUBE-SEP，${shares(p, '其余')}${affinity.zh}`,
            `port ${label}: ${chain} → ${n} KUBE-SEP chains, ${shares(p)}${affinity.en}`,
          ),
        );
    }
    const ns = kubectlNs(sc.service);
    return verdictOf(
      sc,
      good,
      bad,
      waiting,
      t(
        `运行 \`kubectl get endpoints ${SERVICE_NAME}${ns} -o wide\` 和 \`kubectl get deploy deployment1${ns}\`，确认有 3 个就绪 Pod；再在 master 上运行 \`sudo ${saveCommand(sc.rules)} -t nat | grep KUBE-SVC\` 查看 statistic 概率。`,
        `Run \`kubectl get endpoints ${SERVICE_NAME}${ns} -o wide\` and \`kubectl get deploy deployment1${ns}\` to confirm 3 ready Pods; then on the master \`sudo ${saveCommand(sc.rules)} -t nat | grep KUBE-SVC\` to read the statistic probabilities.`,
      ),
      ev,
    );
  },
};

/** Each KUBE-SEP DNATs to an endpoint IP:port of the Service, none stale, none missing. */
export const dnatCheck: Check = {
  id: 'dnat-endpoints',
  title: t('每个 KUBE-SEP 的 DNAT 目标与 Service 的 endpoint（IP:端口）一致', 'Each KUBE-SEP DNATs to an endpoint IP:port of the Service'),
  points: 3,
  run(view) {
    const sc = service1Chains(view, 'master', true);
    if (isVerdict(sc)) return sc;
    const good: Line[] = [];
    const bad: Line[] = [];
    const ev: string[] = [];
    for (const p of sc.ports) {
      const missingChain = noChain(p);
      if (missingChain) {
        bad.push(missingChain);
        continue;
      }
      const branches = p.chains?.branches ?? [];
      ev.push(...branches.flatMap((b) => (b.dnat ? [b.dnat.rule] : [])));
      const cmp = compareEndpoints(branches, p.endpoints?.usable ?? []);
      const label = portLabel(p);
      const src = p.endpoints?.source ?? 'Endpoints';
      const ipOf = (k: string) => k.replace(/:\d+$/, '');
      for (const s of cmp.stale) {
        const sameIp = cmp.missing.find((m) => ipOf(m) === ipOf(s));
        if (sameIp)
          bad.push(
            line(
              `端口 ${label}：KUBE-SEP DNAT 到 ${s}，但 endpoint 是 ${sameIp}（端口不对，检查 targetPort）`,
              `port ${label}: a KUBE-SEP DNATs to ${s} but the endpoint is ${sameIp} (wrong port; check targetPort)`,
            ),
          );
        else
          bad.push(
            line(
              `端口 ${label}：过时的 KUBE-SEP DNAT 到 ${s}，${src} 中没有这个地址（Pod 已被删除？）`,
              `port ${label}: a stale KUBE-SEP DNATs to ${s}, which is not in the ${src} (a removed Pod?)`,
            ),
          );
      }
      for (const m of cmp.missing) {
        if (cmp.stale.some((s) => ipOf(s) === ipOf(m))) continue;
        bad.push(line(`端口 ${label}：endpoint ${m} 没有对应的 KUBE-SEP`, `port ${label}: endpoint ${m} has no KUBE-SEP chain`));
      }
      for (const c of cmp.noDnat) bad.push(line(`端口 ${label}：${c} 没有 DNAT 规则`, `port ${label}: ${c} has no DNAT rule`));
      if (cmp.matched.length === 0 && cmp.stale.length === 0 && cmp.missing.length === 0)
        bad.push(line(`端口 ${label}：没有任何 endpoint，也没有 KUBE-SEP`, `port ${label}: no endpoints and no KUBE-SEP chains`));
      if (cmp.matched.length > 0)
        good.push(
          line(
            `端口 ${label}：DNAT 到 ${cmp.matched.join(', ')}，与 ${src} 一致`,
            `port ${label}: DNAT to ${cmp.matched.join(', ')}, as in the ${src}`,
          ),
        );
    }
    const ns = kubectlNs(sc.service);
    return verdictOf(
      sc,
      good,
      bad,
      [],
      t(
        `对比 \`kubectl get endpoints ${SERVICE_NAME}${ns}\` 与 master 上 \`sudo ${saveCommand(sc.rules)} -t nat | grep -- --to-destination\` 的输出；规则没有跟上时查看 \`kubectl -n kube-system logs daemonset/kube-proxy\`。`,
        `Compare \`kubectl get endpoints ${SERVICE_NAME}${ns}\` with \`sudo ${saveCommand(sc.rules)} -t nat | grep -- --to-destination\` on the master; if the rules lag behind, read \`kubectl -n kube-system logs daemonset/kube-proxy\`.`,
      ),
      ev,
    );
  },
};
