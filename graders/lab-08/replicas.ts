import type { Check } from '../../src/grading/grader.ts';
import { failed, passed, pending } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { joinText } from '../common/find-object.ts';
import { DEPLOYMENT_NAME, nsFlag } from '../common/names.ts';
import { podHealth, podHint } from '../common/pod-health.ts';
import { objectsEvidence } from '../common/probe-read.ts';
import { firstBroken, rolloutState } from '../common/workload.ts';
import { withSetup } from './claims.ts';

/** Every replica Running and ready with the claim mounted: the sharing only exists if they all run. */
export const replicasCheck: Check = {
  id: 'pvc-replicas-running',
  title: t('所有副本挂载 PVC 并正常运行', 'Every replica runs with the PVC mounted'),
  points: 3,
  run: (view) =>
    withSetup(view, (s) => {
      const ns = nsFlag(s.namespace);
      const live = s.pods.filter((p) => p.metadata.deletionTimestamp === undefined);
      const withClaim = live.filter((p) =>
        (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim !== undefined && s.claims.includes(v.persistentVolumeClaim.claimName)),
      );
      const ready = withClaim.filter((p) => podHealth(p).kind === 'ready');
      const evidence = [
        objectsEvidence(
          'kube.pods',
          live.map((p) => ({
            metadata: { name: p.metadata.name },
            spec: { nodeName: p.spec.nodeName },
            status: { phase: p.status?.phase, containerStatuses: p.status?.containerStatuses },
          })),
        ),
      ];
      const data = { pods: withClaim.map((p) => ({ name: p.metadata.name, node: p.spec.nodeName, ready: podHealth(p).kind === 'ready' })) };
      if (s.replicas < 2) {
        return failed(
          t(
            `deployment1 只有 ${s.replicas} 个副本，无法体现 Pod 之间的文件共享（第 7 题要求 3 个）。`,
            `deployment1 has ${s.replicas} ${s.replicas === 1 ? 'replica' : 'replicas'}, which cannot show files shared between pods (Q7 asks for 3).`,
          ),
          t(
            `\`kubectl scale deploy ${DEPLOYMENT_NAME}${ns} --replicas=3\``,
            `\`kubectl scale deploy ${DEPLOYMENT_NAME}${ns} --replicas=3\``,
          ),
          { evidence, data },
        );
      }
      const seen = t(
        `${ready.length}/${s.replicas} 个副本挂载着 PVC 并已就绪。`,
        `${ready.length}/${s.replicas} replicas run ready with the PVC mounted.`,
      );
      if (ready.length >= s.replicas) {
        const nodes = [...new Set(ready.map((p) => p.spec.nodeName ?? '?'))].join(', ');
        return passed(joinText([seen, t(`所在节点：${nodes}。`, `Nodes: ${nodes}.`)]), { evidence, data });
      }
      const bad = firstBroken(live);
      if (bad !== undefined) return failed(joinText([seen, bad.health.why]), podHint(bad.pod, bad.health), { evidence, data });
      const mountHint = t(
        `运行 \`kubectl describe pod${ns} <Pod 名>\`，在 Events 中查找 FailedMount / FailedAttachVolume（Multi-Attach 表示 ReadWriteOnce 卷已被另一节点占用）。`,
        `Run \`kubectl describe pod${ns} <pod>\` and look in Events for FailedMount / FailedAttachVolume (Multi-Attach means a ReadWriteOnce volume is in use on another node).`,
      );
      if (live.some((p) => podHealth(p).kind === 'starting') || rolloutState(s.deploy).kind === 'rolling') {
        return pending(joinText([seen, t('其余副本仍在启动或滚动更新中。', 'The others are still starting or rolling out.')]), mountHint, {
          evidence,
          data,
        });
      }
      return failed(seen, mountHint, { evidence, data });
    }),
};
