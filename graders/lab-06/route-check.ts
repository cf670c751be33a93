import type { Check } from '../../src/grading/grader.ts';
import { errored, failed, passed } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { lookupRoute } from '../../src/parse/ip-route-lookup.ts';
import type { IpRoute } from '../../src/parse/ip-json.ts';
import { nodeOfRole, podCIDR, readPodAddrs, readRoutes } from './host-net.ts';
import { isVerdict, locatePod1 } from './pod1.ts';
import { buildTopology } from './topology.ts';

const show = (r: IpRoute) =>
  [r.dst, r.gateway ? `via ${r.gateway}` : '', r.dev ? `dev ${r.dev}` : '', ...r.flags].filter(Boolean).join(' ');

/** The master reaches the pod subnet of pod1's node through flannel.1. */
export const masterRouteCheck: Check = {
  id: 'master-route',
  title: t('master 经 flannel.1 路由到 pod1 所在节点的 Pod 子网', 'The master routes to the pod subnet of pod1’s node through flannel.1'),
  points: 3,
  run(view) {
    const place = locatePod1(view, true);
    if (isVerdict(place)) return place;
    // The question follows a packet from the master to a Pod on the worker; when pod1 runs on
    // the master itself, the worker's pod subnet stands in for it.
    const onMaster = place.role === 'master';
    const target = onMaster ? nodeOfRole(view, place.nodes, 'worker') : place.node;
    if (!target) {
      return errored(
        t(
          'pod1 运行在 master 上，且找不到 InternalIP 与 worker 主机匹配的节点。',
          'pod1 runs on the master, and no node has an InternalIP on the worker host.',
        ),
        t(
          '运行 `kubectl get nodes -o wide` 并检查 k8s-labs.yaml 里 worker 的地址。',
          'Run `kubectl get nodes -o wide` and check the worker’s address in k8s-labs.yaml.',
        ),
      );
    }
    const destination = podCIDR(target) ?? (onMaster ? undefined : `${place.podIP}/32`);
    if (!destination) {
      return failed(
        t(
          `节点 ${target.metadata.name} 没有 spec.podCIDR：kubeadm init 时没有指定 --pod-network-cidr？`,
          `Node ${target.metadata.name} has no spec.podCIDR: was kubeadm init run without --pod-network-cidr?`,
        ),
        t(
          `运行 \`kubectl get node ${target.metadata.name} -o jsonpath='{.spec.podCIDR}'\`。`,
          `Run \`kubectl get node ${target.metadata.name} -o jsonpath='{.spec.podCIDR}'\`.`,
        ),
      );
    }
    const routes = readRoutes(view, 'master');
    const route = lookupRoute(routes, destination);
    const podLinks = onMaster ? undefined : tryPodAddrs(view, place.role);
    const data = buildTopology(view, place, podLinks, { destination, route });
    const evidence = [view.evidence('master', 'net.route')];
    const where = onMaster
      ? t(
          `（pod1 运行在 master 上，改查到 worker ${target.metadata.name} 的 Pod 子网的路由）`,
          ` (pod1 runs on the master, so the route to worker ${target.metadata.name}'s pod subnet is checked instead)`,
        )
      : t(
          `（pod1 ${place.podIP} 所在节点 ${target.metadata.name} 的 Pod 子网）`,
          ` (the pod subnet of ${target.metadata.name}, where pod1 ${place.podIP} runs)`,
        );
    const hint = t(
      '在 master 上运行 `ip route` 和 `ip -d link show flannel.1`，并检查 flannel Pod：`kubectl -n kube-flannel get pods -o wide`、`kubectl -n kube-flannel logs -l app=flannel`（旧版清单在 kube-system）。',
      'On the master, run `ip route` and `ip -d link show flannel.1`, and check the flannel Pods: `kubectl -n kube-flannel get pods -o wide`, `kubectl -n kube-flannel logs -l app=flannel` (kube-system with old manifests).',
    );
    if (!route || route.dst === 'default') {
      const via = route ? t(`，只会走默认路由 ${show(route)}`, `; it would take the default route ${show(route)}`) : t('', '');
      return failed(
        t(`master 没有到 ${destination}${where.zh} 的路由${via.zh}。`, `The master has no route to ${destination}${where.en}${via.en}.`),
        hint,
        { evidence, data },
      );
    }
    if (!/^flannel\.\d+$/.test(route.dev ?? '')) {
      return failed(
        t(
          `master 到 ${destination}${where.zh} 的路由是 ${show(route)}，没有经过 flannel.1（vxlan）。`,
          `The master routes ${destination}${where.en} by ${show(route)}, not through flannel.1 (vxlan).`,
        ),
        hint,
        { evidence, data },
      );
    }
    return passed(
      t(`master 到 ${destination}${where.zh} 的路由：${show(route)}。`, `The master routes ${destination}${where.en} by ${show(route)}.`),
      { evidence, data },
    );
  },
};

function tryPodAddrs(view: Parameters<Check['run']>[0], role: 'master' | 'worker') {
  try {
    return readPodAddrs(view, role);
  } catch {
    return undefined;
  }
}
