import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Pod } from '../../src/parse/kube.ts';

/**
 * Where a pod stands, as a grader sees it: `ready` (Running, every container ready), `starting`
 * (will likely converge on its own: ContainerCreating, just started) or `broken` (needs the
 * learner: image pull failures, crash loops, unschedulable, failed).
 */
export type PodHealth =
  { kind: 'ready' } | { kind: 'starting'; why: Localized } | { kind: 'broken'; why: Localized; container?: string; reason?: string };

/** Waiting reasons that do not fix themselves: the kubelet keeps backing off. */
const STUCK_WAITING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreStartHookError',
  'PostStartHookError',
]);

export function podHealth(pod: Pod): PodHealth {
  const name = pod.metadata.name;
  const status = pod.status ?? {};
  if (pod.metadata.deletionTimestamp !== undefined) {
    return broken(t(`Pod ${name} 正在被删除（Terminating）。`, `Pod ${name} is being deleted (Terminating).`));
  }
  for (const cs of status.containerStatuses ?? []) {
    const waiting = cs.state?.['waiting'];
    if (waiting?.reason !== undefined && STUCK_WAITING.has(waiting.reason)) {
      const detail = waiting.message ? `: ${waiting.message}` : '';
      return {
        kind: 'broken',
        container: cs.name,
        reason: waiting.reason,
        why: t(
          `Pod ${name} 的容器 ${cs.name} 处于 ${waiting.reason}${detail}。`,
          `Container ${cs.name} of Pod ${name} is in ${waiting.reason}${detail}.`,
        ),
      };
    }
    const terminated = cs.state?.['terminated'];
    if (terminated !== undefined && status.phase !== 'Pending') {
      const reason = terminated.reason ?? 'Terminated';
      return {
        kind: 'broken',
        container: cs.name,
        reason,
        why: t(`Pod ${name} 的容器 ${cs.name} 已退出（${reason}）。`, `Container ${cs.name} of Pod ${name} has exited (${reason}).`),
      };
    }
  }
  const phase = status.phase ?? 'Pending';
  const reasonOf = (status as { reason?: unknown }).reason;
  const podReason = typeof reasonOf === 'string' ? `（${reasonOf}）` : '';
  const podReasonEn = typeof reasonOf === 'string' ? ` (${reasonOf})` : '';
  if (phase === 'Failed') return broken(t(`Pod ${name} 的阶段为 Failed${podReason}。`, `Pod ${name} is in phase Failed${podReasonEn}.`));
  if (phase === 'Succeeded')
    return broken(
      t(`Pod ${name} 的容器都已退出（Succeeded），服务没有在运行。`, `Pod ${name} has Succeeded: its containers exited and serve nothing.`),
    );
  if (phase === 'Unknown')
    return broken(t(`Pod ${name} 的阶段为 Unknown：所在节点失联。`, `Pod ${name} is in phase Unknown: its node stopped reporting.`));
  if (phase === 'Pending') {
    const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False') {
      const msg = (scheduled.message ?? scheduled.reason ?? '').trim();
      const end = /[.。]$/.test(msg) ? '' : '。';
      return broken(
        t(`Pod ${name} 无法被调度：${msg}${end}`, `Pod ${name} cannot be scheduled: ${msg}`),
        undefined,
        scheduled.reason ?? 'Unschedulable',
      );
    }
    const waitingReason =
      (status.containerStatuses ?? []).map((c) => c.state?.['waiting']?.reason).find((r) => r !== undefined) ?? 'ContainerCreating';
    return { kind: 'starting', why: t(`Pod ${name} 仍在启动（${waitingReason}）。`, `Pod ${name} is still starting (${waitingReason}).`) };
  }
  const statuses = status.containerStatuses ?? [];
  const notReady = pod.spec.containers.filter((c) => statuses.find((s) => s.name === c.name)?.ready !== true).map((c) => c.name);
  if (notReady.length === 0) return { kind: 'ready' };
  return {
    kind: 'starting',
    why: t(
      `Pod ${name} 在运行，但容器 ${notReady.join(', ')} 尚未就绪。`,
      `Pod ${name} is running but container ${notReady.join(', ')} is not ready yet.`,
    ),
  };
}

function broken(why: Localized, container?: string, reason?: string): PodHealth {
  const out: PodHealth = { kind: 'broken', why };
  if (container !== undefined) out.container = container;
  if (reason !== undefined) out.reason = reason;
  return out;
}

/** The next command for a pod that is not ready: describe shows events; logs show crashes. */
export function podHint(pod: Pod, health: PodHealth): Localized {
  const ns = pod.metadata.namespace ?? 'default';
  const nsFlag = ns === 'default' ? '' : ` -n ${ns}`;
  const name = pod.metadata.name;
  if (health.kind === 'broken' && health.reason === 'CrashLoopBackOff' && health.container !== undefined) {
    return t(
      `运行 \`kubectl logs${nsFlag} ${name} -c ${health.container} --previous\` 查看容器崩溃前的输出，修正后重新 apply。`,
      `Run \`kubectl logs${nsFlag} ${name} -c ${health.container} --previous\` to read why the container crashed, fix it and apply again.`,
    );
  }
  if (health.kind === 'broken' && health.reason !== undefined && /Image/.test(health.reason)) {
    return t(
      `镜像拉取失败：运行 \`kubectl describe pod${nsFlag} ${name}\` 查看 Events；检查镜像名，或在节点上用 \`crictl pull <镜像>\` 试拉（需要时配置镜像加速器）。`,
      `The image could not be pulled: run \`kubectl describe pod${nsFlag} ${name}\` and read Events; check the image name, or try \`crictl pull <image>\` on the node (configure a registry mirror if needed).`,
    );
  }
  if (health.kind === 'broken' && health.reason === 'Unschedulable') {
    return t(
      `调度器找不到可用节点：运行 \`kubectl get nodes\` 确认两个节点都 Ready，用 \`kubectl describe nodes | grep Taints\` 查看污点，再看 \`kubectl describe pod${nsFlag} ${name}\` 的 Events。`,
      `The scheduler found no node for it: run \`kubectl get nodes\` to check both nodes are Ready, \`kubectl describe nodes | grep Taints\` for taints, and read Events in \`kubectl describe pod${nsFlag} ${name}\`.`,
    );
  }
  if (health.kind === 'starting') {
    return t(
      `稍等片刻再评分；若一直如此，运行 \`kubectl describe pod${nsFlag} ${name}\` 查看 Events。`,
      `Wait a moment and grade again; if it stays like this, run \`kubectl describe pod${nsFlag} ${name}\` and read Events.`,
    );
  }
  return t(
    `运行 \`kubectl describe pod${nsFlag} ${name}\` 查看 Events 与容器状态。`,
    `Run \`kubectl describe pod${nsFlag} ${name}\` and read Events and the container states.`,
  );
}
