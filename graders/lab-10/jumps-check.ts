import type { Check } from '../../src/grading/grader.ts';
import { failed, passed } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import type { IptablesRule } from '../../src/parse/iptables-save.ts';
import { rulesNamingService } from '../../src/parse/kube-proxy-chains.ts';
import { kubectlNs, serviceRef } from './kube-proxy-view.ts';
import { legacyNote, ruleEvidence, saveCommand } from './rules-source.ts';
import { chainsData, isVerdict, portLabel, service1Chains, SERVICE_NAME } from './service-ports.ts';

/** KUBE-SERVICES sends service1's ClusterIP:8080 and :3000 to service chains. */
export const jumpsCheck: Check = {
  id: 'service-jumps',
  title: t(
    'KUBE-SERVICES 把 service1 的 ClusterIP:8080 和 :3000 跳转到 KUBE-SVC 链',
    'KUBE-SERVICES jumps from service1’s ClusterIP:8080 and :3000 to KUBE-SVC chains',
  ),
  points: 3,
  run(view) {
    const sc = service1Chains(view, 'master', false);
    if (isVerdict(sc)) return sc;
    const ref = serviceRef(sc.service);
    const ok: { zh: string; en: string }[] = [];
    const bad: { zh: string; en: string }[] = [];
    const lines: IptablesRule[] = [];
    for (const p of sc.ports) {
      const dest = `${sc.clusterIP}:${p.port}`;
      if (!p.spec) {
        const have = (sc.service.spec.ports ?? []).map((x) => `${x.port}/${x.protocol ?? 'TCP'}`).join(', ') || '—';
        bad.push({
          zh: `Service ${ref} 没有 TCP 端口 ${p.port}（现有端口：${have}）`,
          en: `Service ${ref} has no TCP port ${p.port} (its ports: ${have})`,
        });
        continue;
      }
      const jump = p.chains?.jumps[0];
      if (jump) {
        lines.push(jump);
        ok.push({ zh: `${dest} → ${jump.target}（第 ${jump.line} 行）`, en: `${dest} → ${jump.target} (line ${jump.line})` });
        continue;
      }
      if (p.chains?.rejected) {
        lines.push(p.chains.rejected);
        bad.push({
          zh: `${dest} 被 filter 表的 KUBE-SERVICES 拒绝（第 ${p.chains.rejected.line} 行，${p.chains.rejected.target}）：这个端口没有可用的 endpoint`,
          en: `${dest} is rejected by filter KUBE-SERVICES (line ${p.chains.rejected.line}, ${p.chains.rejected.target}): the port has no usable endpoint`,
        });
        continue;
      }
      const named = rulesNamingService(sc.dump, sc.service.metadata.namespace ?? 'default', sc.service.metadata.name, p.spec.name);
      if (named.length > 0) {
        lines.push(...named);
        const shown = named.map((r) => `${r.destination?.value ?? '?'}:${r.dport?.value ?? '?'}`).join(', ');
        bad.push({
          zh: `没有 -d ${sc.clusterIP}/32 --dport ${p.port} 的规则；注释提到 ${ref} 的规则指向 ${shown}（规则过时，或 Service 被重建过）`,
          en: `no rule for -d ${sc.clusterIP}/32 --dport ${p.port}; rules whose comment names ${ref} point at ${shown} (stale rules, or the Service was recreated)`,
        });
        continue;
      }
      bad.push({
        zh: `KUBE-SERVICES 中没有 -d ${sc.clusterIP}/32 -p tcp --dport ${p.port} 的跳转规则（端口 ${portLabel(p)}）`,
        en: `KUBE-SERVICES has no rule for -d ${sc.clusterIP}/32 -p tcp --dport ${p.port} (port ${portLabel(p)})`,
      });
    }
    const ns = kubectlNs(sc.service);
    const evidence = lines.length > 0 ? [ruleEvidence(sc.rules, lines)] : [];
    const legacy = legacyNote(sc.rules);
    const lz = legacy?.zh ?? '';
    const le = legacy ? ` ${legacy.en}` : '';
    const data = chainsData(sc);
    if (bad.length === 0) {
      return passed(
        t(
          `Service ${ref}（ClusterIP ${sc.clusterIP}）：${ok.map((x) => x.zh).join('；')}。${lz}`,
          `Service ${ref} (ClusterIP ${sc.clusterIP}): ${ok.map((x) => x.en).join('; ')}.${le}`,
        ),
        { evidence, data },
      );
    }
    return failed(
      t(
        `Service ${ref}（ClusterIP ${sc.clusterIP}）：${bad.map((x) => x.zh).join('；')}。${lz}`,
        `Service ${ref} (ClusterIP ${sc.clusterIP}): ${bad.map((x) => x.en).join('; ')}.${le}`,
      ),
      t(
        `运行 \`kubectl get svc ${SERVICE_NAME}${ns} -o wide\` 和 \`kubectl get endpoints ${SERVICE_NAME}${ns}\` 确认端口 8080 和 3000 都有 endpoint，再在 master 上运行 \`sudo ${saveCommand(sc.rules)} -t nat | grep ${sc.clusterIP}\`。`,
        `Run \`kubectl get svc ${SERVICE_NAME}${ns} -o wide\` and \`kubectl get endpoints ${SERVICE_NAME}${ns}\` to confirm ports 8080 and 3000 both have endpoints, then on the master \`sudo ${saveCommand(sc.rules)} -t nat | grep ${sc.clusterIP}\`.`,
      ),
      { evidence, data },
    );
  },
};
