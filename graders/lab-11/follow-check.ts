import type { Check } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, passed } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { HostRole } from '../../src/shared/snapshot.ts';
import { analyseServicePort, compareEndpoints } from '../../src/parse/kube-proxy-chains.ts';
import type { Service } from '../../src/parse/kube.ts';
import { endpointKey, findService, portEndpoints } from '../../src/parse/service-endpoints.ts';
import { hostRules, isRulesVerdict, readEndpointSources, readServices, serviceRef, servicesEvidence } from '../lab-10/kube-proxy-view.ts';
import { legacyNote, ruleEvidence, saveCommand, type HostRules } from '../lab-10/rules-source.ts';
import { SERVICE_NAME } from '../lab-10/service-ports.ts';

const ROLES: HostRole[] = ['master', 'worker'];

/** The Services compared on every node: the homework's service1 and the cluster DNS. */
function servicesToCompare(view: SnapshotView): { service1?: Service; list: Service[] } {
  const services = readServices(view);
  const service1 = findService(services, SERVICE_NAME);
  const dns = services.find((s) => s.metadata.name === 'kube-dns' && s.metadata.namespace === 'kube-system');
  const list = [service1, dns].filter((s): s is Service => s !== undefined && !!s.spec.clusterIP && s.spec.clusterIP !== 'None');
  return service1 ? { service1, list } : { list };
}

/** On every node, the KUBE-SEP DNAT targets of each Service port equal its current endpoints. */
export const followCheck: Check = {
  id: 'rules-follow-endpoints',
  title: t(
    '每个节点上的 KUBE-SEP 集合与当前 endpoint 一致（规则跟随 Pod 变化）',
    'On every node the KUBE-SEP set equals the current endpoints (rules follow the Pods)',
  ),
  points: 4,
  run(view) {
    const { service1, list } = servicesToCompare(view);
    if (!service1) {
      return failed(
        t(
          `任何命名空间都没有 Service \`${SERVICE_NAME}\`，无法观察规则如何跟随它的 Pod。`,
          `No Service \`${SERVICE_NAME}\` exists in any namespace, so there is nothing to watch the rules follow.`,
        ),
        t(
          '先完成 lab-09 创建 service1（`kubectl get svc -A | grep service1`）。',
          'Create service1 first (lab-09; `kubectl get svc -A | grep service1`).',
        ),
        { evidence: [servicesEvidence(view, readServices(view))] },
      );
    }
    const sources = readEndpointSources(view);
    const bad: Localized[] = [];
    const good: string[] = [];
    const evidence = [];
    const data: unknown[] = [];
    const read: HostRules[] = [];
    for (const role of ROLES) {
      const rules = hostRules(view, role);
      if (isRulesVerdict(rules)) return rules;
      read.push(rules);
      const { dump } = rules;
      const lines: string[] = [];
      for (const svc of list) {
        for (const port of svc.spec.ports ?? []) {
          const protocol = (port.protocol ?? 'TCP').toUpperCase();
          const chains = analyseServicePort(dump, { clusterIP: svc.spec.clusterIP ?? '', port: port.port, protocol });
          const eps = portEndpoints(svc, port, sources.endpoints, sources.slices);
          const cmp = compareEndpoints(chains.branches, eps.usable);
          const name = `${serviceRef(svc)}:${port.name || port.port}`;
          lines.push(...chains.jumps.map((j) => j.text), ...chains.branches.flatMap((b) => (b.dnat ? [b.dnat.rule] : [])));
          data.push({
            node: role,
            service: serviceRef(svc),
            port: port.port,
            protocol,
            rules: chains.branches.filter((b) => b.endpoint).map((b) => (b.dnat ? endpointKey(b.dnat) : b.target)),
            endpoints: eps.usable.map(endpointKey),
          });
          if (cmp.stale.length > 0)
            bad.push(
              t(
                `${role}：${name} 有过时的 KUBE-SEP，DNAT 到 ${cmp.stale.join(', ')}（当前 endpoint 中没有，Pod 已删除？）`,
                `${role}: ${name} has stale KUBE-SEP chains DNATing to ${cmp.stale.join(', ')} (not a current endpoint; a removed Pod?)`,
              ),
            );
          if (cmp.missing.length > 0)
            bad.push(
              t(
                `${role}：${name} 的 endpoint ${cmp.missing.join(', ')} 没有 KUBE-SEP`,
                `${role}: endpoints ${cmp.missing.join(', ')} of ${name} have no KUBE-SEP`,
              ),
            );
          if (cmp.noDnat.length > 0)
            bad.push(t(`${role}：${cmp.noDnat.join(', ')} 没有 DNAT 规则`, `${role}: ${cmp.noDnat.join(', ')} have no DNAT rule`));
          if (cmp.stale.length + cmp.missing.length + cmp.noDnat.length === 0) good.push(`${role} ${name}: ${cmp.matched.length}`);
        }
      }
      if (lines.length > 0) evidence.push(ruleEvidence(rules, lines));
    }
    const checked = list.map(serviceRef).join(', ');
    const notes = read.map(legacyNote).filter((n): n is Localized => n !== undefined);
    const lz = notes.map((n) => n.zh).join('');
    const le = notes.map((n) => ` ${n.en}`).join('');
    if (bad.length === 0) {
      return passed(
        t(
          `在 master 和 worker 上，${checked} 每个端口的 KUBE-SEP DNAT 目标都与当前 endpoint 一一对应（${good.join('；')}）。${lz}`,
          `On the master and the worker, the KUBE-SEP DNAT targets of every port of ${checked} match the current endpoints one to one (${good.join('; ')}).${le}`,
        ),
        { evidence, data },
      );
    }
    const cmd = (r: HostRules) => `\`sudo ${saveCommand(r)} -t nat | grep -- --to-destination\``;
    const cmds =
      new Set(read.map(saveCommand)).size === 1 && read[0] !== undefined
        ? cmd(read[0])
        : read.map((r) => `${r.role}: ${cmd(r)}`).join(', ');
    return failed(
      t(
        `规则与 endpoint 不一致：${bad.map((b) => b.zh).join('；')}。${lz}`,
        `The rules and the endpoints differ: ${bad.map((b) => b.en).join('; ')}.${le}`,
      ),
      t(
        `运行 \`kubectl get endpoints -A -o wide\`，再在对应节点上运行 ${cmds} 对比；kube-proxy 没跟上时查看 \`kubectl -n kube-system logs daemonset/kube-proxy\`，几秒后重新评分。`,
        `Run \`kubectl get endpoints -A -o wide\`, then ${cmds} on that node and compare; if kube-proxy lags behind, read \`kubectl -n kube-system logs daemonset/kube-proxy\` and grade again after a few seconds.`,
      ),
      { evidence, data },
    );
  },
};
