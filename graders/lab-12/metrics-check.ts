import type { Check } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { CannotLook, failed, passed, pending } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { DeploymentList, PodMetricsList } from '../../src/parse/kube.ts';
import { joinText } from '../common/find-object.ts';
import { objectEvidence, tryJson } from '../common/probe-read.ts';

const PROBE = 'kube.metrics';

/** What metrics-server's own Deployment says: ready count and whether it skips kubelet TLS checks. */
function metricsServerState(view: SnapshotView): { note?: Localized; evidence: ReturnType<typeof objectEvidence>[] } {
  const deploys = tryJson(view, 'kube.deployments', DeploymentList);
  if (!deploys.ok) return { evidence: [] };
  const ms = deploys.value.items.find((d) => d.metadata.name === 'metrics-server' || d.metadata.labels?.['k8s-app'] === 'metrics-server');
  if (ms === undefined) {
    return { note: t('集群中没有 metrics-server 的 Deployment。', 'The cluster has no metrics-server Deployment.'), evidence: [] };
  }
  const args = ms.spec.template.spec.containers.flatMap((c) => [
    ...(((c as { args?: unknown }).args as string[] | undefined) ?? []),
    ...(((c as { command?: unknown }).command as string[] | undefined) ?? []),
  ]);
  const tls = args.some((a) => a.startsWith('--kubelet-insecure-tls'));
  const ready = ms.status?.readyReplicas ?? 0;
  const want = ms.spec.replicas ?? 1;
  const note = t(
    `metrics-server（${ms.metadata.namespace ?? 'default'}）就绪 ${ready}/${want}，${tls ? '已' : '未'}设置 --kubelet-insecure-tls。`,
    `metrics-server (${ms.metadata.namespace ?? 'default'}) is ${ready}/${want} ready and ${tls ? 'has' : 'lacks'} --kubelet-insecure-tls.`,
  );
  return { note, evidence: [objectEvidence('kube.deployments', { metadata: ms.metadata, args, status: ms.status })] };
}

const FIX_503 = t(
  'metrics-server 已注册但不可用。在 kubeadm 集群上常见原因：① kubelet 的服务证书是自签名的，要在 metrics-server 容器的 args 中加 --kubelet-insecure-tls；② 用了 high-availability 清单（2 个副本且互斥），而 master 有 NoSchedule 污点，一个副本一直 Pending：改用 components.yaml，或 `kubectl taint nodes --all node-role.kubernetes.io/control-plane-`；③ 镜像 registry.k8s.io 拉不下来：换成镜像站。用 `kubectl -n kube-system get pods -l k8s-app=metrics-server` 与 `kubectl get apiservice v1beta1.metrics.k8s.io` 查看。',
  'metrics-server is registered but not serving. On kubeadm the usual causes: (1) the kubelets’ serving certificates are self-signed, so add --kubelet-insecure-tls to the metrics-server container args; (2) the high-availability manifest (2 replicas, anti-affinity) with the master’s NoSchedule taint leaves one replica Pending: use components.yaml, or `kubectl taint nodes --all node-role.kubernetes.io/control-plane-`; (3) the image from registry.k8s.io cannot be pulled: use a mirror. Look with `kubectl -n kube-system get pods -l k8s-app=metrics-server` and `kubectl get apiservice v1beta1.metrics.k8s.io`.',
);

/** `kubectl get --raw /apis/metrics.k8s.io/v1beta1/pods`: exit 0 with pod metrics, or the API's error. */
export const metricsApiCheck: Check = {
  id: 'metrics-api',
  title: t('metrics-server 提供 metrics API', 'metrics-server serves the metrics API'),
  points: 1,
  run(view) {
    const raw = view.raw('master', PROBE);
    if (raw === undefined || raw.exitCode === null) return cannotLook(view);
    const ms = metricsServerState(view);
    const evidenceOf = (text: string) => [view.evidence('master', PROBE, text), ...ms.evidence];
    if (raw.exitCode !== 0) {
      const err = `${raw.stderr}\n${raw.stdout}`;
      if (/ServiceUnavailable|currently unable to handle the request|\b503\b/i.test(err)) {
        return failed(
          joinText([
            t(
              'metrics API 返回 503（the server is currently unable to handle the request）。',
              'The metrics API answers 503 (the server is currently unable to handle the request).',
            ),
            ms.note,
          ]),
          FIX_503,
          { evidence: evidenceOf(err) },
        );
      }
      if (/NotFound|could not find the requested resource|\b404\b/i.test(err)) {
        return failed(
          joinText([
            t(
              '集群没有 metrics API（metrics.k8s.io 未注册）：metrics-server 没有安装。',
              'The cluster has no metrics API (metrics.k8s.io is not registered): metrics-server is not installed.',
            ),
            ms.note,
          ]),
          t(
            '安装 metrics-server：`kubectl apply -f components.yaml`（来自 kubernetes-sigs/metrics-server 的发布页），并加上 --kubelet-insecure-tls。',
            'Install metrics-server: `kubectl apply -f components.yaml` (from the kubernetes-sigs/metrics-server releases) and add --kubelet-insecure-tls.',
          ),
          { evidence: evidenceOf(err) },
        );
      }
      return cannotLook(view);
    }
    const parsed = tryJson(view, PROBE, PodMetricsList);
    if (!parsed.ok) throw parsed.why;
    const items = parsed.value.items;
    if (items.length === 0) {
      return pending(
        joinText([t('metrics API 可用，但还没有任何 Pod 的指标。', 'The metrics API answers but holds no pod metrics yet.'), ms.note]),
        t(
          'metrics-server 每 15 秒左右采集一次；一分钟后重新评分。若仍为空，查看 `kubectl -n kube-system logs deploy/metrics-server`。',
          'metrics-server scrapes about every 15 s; grade again in a minute. If it stays empty, read `kubectl -n kube-system logs deploy/metrics-server`.',
        ),
        { evidence: evidenceOf(raw.stdout) },
      );
    }
    return passed(
      t(`metrics API 正常，提供了 ${items.length} 个 Pod 的指标。`, `The metrics API works and serves metrics for ${items.length} pods.`),
      { evidence: evidenceOf(raw.stdout) },
    );
  },
};

function cannotLook(view: SnapshotView): never {
  view.stdout('master', PROBE);
  throw new CannotLook(
    t(`探针 ${PROBE} 没有给出可用的结果（超时或输出不完整）。`, `Probe ${PROBE} gave no usable result (timed out or incomplete).`),
    t('重新评分；若仍如此，在 master 上手动运行该命令。', 'Grade again; if it persists, run the command by hand on the master.'),
  );
}
