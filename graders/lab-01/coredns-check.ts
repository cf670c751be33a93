import type { Check } from '../../src/grading/grader.ts';
import { podReady, podRef, podState, podStillStarting } from '../../src/grading/pod-status.ts';
import { failed, passed, pending } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { podsEvidence, podsOf } from './cluster-objects.ts';

/** CoreDNS (kubeadm's cluster DNS, label k8s-app=kube-dns): it needs the pod network to start. */

export const corednsReady: Check = {
  id: 'coredns-ready',
  title: t('CoreDNS Pod 都是 Ready', 'The CoreDNS pods are Ready'),
  points: 1,
  run(view) {
    const dns = podsOf(view).filter((p) => p.metadata.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-dns');
    const evidence = [podsEvidence(dns, podState)];
    if (dns.length === 0) {
      return failed(
        t('kube-system 中没有带 k8s-app=kube-dns 标签的 CoreDNS Pod。', 'There is no CoreDNS pod (label k8s-app=kube-dns) in kube-system.'),
        t(
          '运行 `kubectl -n kube-system get deploy coredns`；kubeadm init 会创建它，被删掉时可用 `sudo kubeadm init phase addon coredns` 重建。',
          'Run `kubectl -n kube-system get deploy coredns`; kubeadm init creates it, and `sudo kubeadm init phase addon coredns` recreates it.',
        ),
        { evidence },
      );
    }
    // A pod being deleted (rollout, node drain) or left Failed (evicted, node shutdown) has been
    // replaced by its ReplicaSet; it says nothing about CoreDNS once a replacement is Ready.
    const leftover = (p: (typeof dns)[number]) =>
      p.metadata.deletionTimestamp !== undefined || p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';
    const anyReady = dns.some((p) => podReady(p) && !leftover(p));
    const bad = dns.filter((p) => !podReady(p) && !(anyReady && leftover(p)));
    const names = dns
      .filter((p) => !bad.includes(p) && !leftover(p))
      .map((p) => p.metadata.name)
      .join(', ');
    if (bad.length === 0) return passed(t(`CoreDNS Pod 都是 Ready：${names}。`, `Every CoreDNS pod is Ready: ${names}.`), { evidence });
    const list = bad.map((p) => `${p.metadata.name} ${podState(p)}`).join(', ');
    const message = t(`CoreDNS 没有 Ready：${list}。`, `CoreDNS is not Ready: ${list}.`);
    if (bad.every((p) => podStillStarting(p, view.snapshot.takenAt)))
      return pending(message, t('CoreDNS 刚创建，等一两分钟后重新评分。', 'CoreDNS was just created; grade again in a minute or two.'), {
        evidence,
      });
    const state = podState(bad[0] as (typeof bad)[0]);
    const hint = state.startsWith('Pending')
      ? t(
          'CoreDNS 在网络插件工作、节点 Ready 之前一直是 Pending：先让 flannel 在每个节点上运行，再 `kubectl -n kube-system get pods -o wide`。',
          'CoreDNS stays Pending until a network plugin works and the nodes are Ready: get flannel running on every node first, then `kubectl -n kube-system get pods -o wide`.',
        )
      : state === 'ContainerCreating'
        ? t(
            `运行 \`kubectl describe pod ${podRef(bad[0] as (typeof bad)[0])}\` 查看事件；若是 “failed to set up sandbox network”，清理 /etc/cni/net.d 中旧的网络配置（kubeadm reset 不会删除它们）后重启 kubelet。`,
            `Run \`kubectl describe pod ${podRef(bad[0] as (typeof bad)[0])}\` and read the events; for "failed to set up sandbox network", remove old network configs from /etc/cni/net.d (kubeadm reset leaves them) and restart kubelet.`,
          )
        : t(
            `运行 \`kubectl logs ${podRef(bad[0] as (typeof bad)[0])}\`；Ubuntu 上的 “Loop detected” 说明 /etc/resolv.conf 指向了 127.0.0.53，需让 kubelet 的 resolvConf 使用 /run/systemd/resolve/resolv.conf。`,
            `Run \`kubectl logs ${podRef(bad[0] as (typeof bad)[0])}\`; on Ubuntu "Loop detected" means /etc/resolv.conf points at 127.0.0.53, and kubelet's resolvConf should be /run/systemd/resolve/resolv.conf.`,
          );
    return failed(message, hint, { evidence });
  },
};
