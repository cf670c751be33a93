import type { Check, Grader } from '../../src/grading/grader.ts';
import { CannotLook, failed, passed } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { IpAddrLink } from '../../src/parse/ip-json.ts';
import { flannelDevice, POD_PROBE, readLinks, readPodAddrs, ROLES } from './host-net.ts';
import { isVerdict, locatePod1 } from './pod1.ts';
import { masterRouteCheck } from './route-check.ts';
import { buildTopology } from './topology.ts';

/** Q6: pod1's veth pair, the cni0 bridge, flannel.1 (vxlan), and the master's route to the pod. */

const IP_LINK_HINT = (role: string) =>
  t(
    `在 ${role} 上运行 \`ip -d link show\`，在 pod1 里运行 \`ip addr\`（如 \`kubectl exec pod1 -c downloader -- ip addr\`），按 eth0@ifN 的 N 找到宿主机上的 veth。`,
    `On the ${role}, run \`ip -d link show\`; in pod1 run \`ip addr\` (e.g. \`kubectl exec pod1 -c downloader -- ip addr\`) and find the host veth numbered N in eth0@ifN.`,
  );

const vethCheck: Check = {
  id: 'pod-veth-peer',
  title: t('pod1 的 eth0 与宿主机上接入 cni0 的 veth 成对', 'pod1’s eth0 pairs with a host veth enslaved to cni0'),
  points: 4,
  run(view) {
    const place = locatePod1(view);
    if (isVerdict(place)) return place;
    const role = place.role;
    const podLinks: IpAddrLink[] = readPodAddrs(view, role);
    const links = readLinks(view, role);
    const data = buildTopology(view, place, podLinks);
    const node = place.node.metadata.name;
    const evidence = [view.evidence(role, POD_PROBE), view.evidence(role, 'net.link')];
    const fail = (msg: Localized) => failed(msg, IP_LINK_HINT(role), { evidence, data });
    const eth0 = podLinks.find((l) => l.ifname === 'eth0') ?? podLinks.find((l) => l.addrs.some((a) => a.local === place.podIP));
    if (!eth0)
      return fail(
        t(
          `pod1 的网络命名空间里没有 eth0（设备：${podLinks.map((l) => l.ifname).join(', ')}）。`,
          `pod1’s network namespace has no eth0 (devices: ${podLinks.map((l) => l.ifname).join(', ')}).`,
        ),
      );
    if (eth0.linkIndex === undefined)
      return fail(t(`pod1 的 ${eth0.ifname} 没有对端序号（不是 veth？）。`, `pod1’s ${eth0.ifname} has no peer index (not a veth?).`));
    const peer = links.find((l) => l.ifindex === eth0.linkIndex);
    const seen = `pod1 ${eth0.ifname}@if${eth0.linkIndex}`;
    if (!peer)
      return fail(
        t(
          `${seen}：节点 ${node}（${role}）上没有序号为 ${eth0.linkIndex} 的设备。`,
          `${seen}: node ${node} (${role}) has no device with ifindex ${eth0.linkIndex}.`,
        ),
      );
    if (peer.kind !== undefined && peer.kind !== 'veth')
      return fail(
        t(
          `${seen}：宿主机上的 ${eth0.linkIndex}: ${peer.ifname} 是 ${peer.kind}，不是 veth。`,
          `${seen}: host device ${eth0.linkIndex}: ${peer.ifname} is a ${peer.kind}, not a veth.`,
        ),
      );
    if (peer.linkIndex !== undefined && peer.linkIndex !== eth0.ifindex) {
      return fail(
        t(
          `${seen}：宿主机的 ${peer.ifname}@if${peer.linkIndex} 指向序号 ${peer.linkIndex}，而 pod1 的 eth0 序号是 ${eth0.ifindex}，它们不是一对。`,
          `${seen}: the host’s ${peer.ifname}@if${peer.linkIndex} points at ifindex ${peer.linkIndex}, but pod1’s eth0 is ifindex ${eth0.ifindex}; they are not a pair.`,
        ),
      );
    }
    if (peer.master !== 'cni0') {
      const where = peer.master
        ? t(`接在 ${peer.master} 上`, `is enslaved to ${peer.master}`)
        : t('没有接入任何网桥', 'is enslaved to no bridge');
      return fail(
        t(
          `${seen} ↔ ${peer.ifname}：这个 veth ${where.zh}，而不是 flannel 的 cni0。`,
          `${seen} ↔ ${peer.ifname}: this veth ${where.en}, not flannel’s cni0.`,
        ),
      );
    }
    const bridge = links.find((l) => l.ifname === 'cni0');
    if (bridge?.kind !== undefined && bridge.kind !== 'bridge')
      return fail(t(`cni0 是 ${bridge.kind}，不是网桥。`, `cni0 is a ${bridge.kind}, not a bridge.`));
    return passed(
      t(
        `节点 ${node}（${role}）：pod1 的 eth0（序号 ${eth0.ifindex}，eth0@if${eth0.linkIndex}）↔ 宿主机 ${peer.ifname}（序号 ${peer.ifindex}${peer.linkIndex !== undefined ? `，@if${peer.linkIndex}` : ''}），该 veth 接在网桥 cni0 上。`,
        `Node ${node} (${role}): pod1’s eth0 (ifindex ${eth0.ifindex}, eth0@if${eth0.linkIndex}) ↔ host ${peer.ifname} (ifindex ${peer.ifindex}${peer.linkIndex !== undefined ? `, @if${peer.linkIndex}` : ''}), enslaved to bridge cni0.`,
      ),
      { evidence, data },
    );
  },
};

const flannelCheck: Check = {
  id: 'flannel-vxlan',
  title: t('两个节点上的 flannel.1 都是 vxlan 设备', 'flannel.1 is a vxlan device on both nodes'),
  points: 3,
  run(view) {
    const good: string[] = [];
    const bad: Localized[] = [];
    const evidence = [];
    const data: unknown[] = [];
    for (const role of ROLES) {
      const links = readLinks(view, role);
      evidence.push(view.evidence(role, 'net.link'));
      if (!links.some((l) => l.detailed)) {
        throw new CannotLook(
          t(
            `${role} 上 net.link 的输出没有设备细节（需要 \`ip -j -d link show\`）。`,
            `The net.link output of the ${role} has no device details (\`ip -j -d link show\` is needed).`,
          ),
          t('用最新版本重新采集快照。', 'Collect the snapshot again with the current version.'),
          evidence,
        );
      }
      const dev = flannelDevice(links);
      if (!dev) {
        bad.push(
          t(
            `${role} 上没有 flannel.N 设备（flannel 没有运行，或没有使用 vxlan 后端）`,
            `the ${role} has no flannel.N device (flannel is not running, or not with the vxlan backend)`,
          ),
        );
        continue;
      }
      data.push({
        host: role,
        ifname: dev.ifname,
        kind: dev.kind ?? null,
        vni: dev.vxlan?.id ?? null,
        port: dev.vxlan?.port ?? null,
        local: dev.vxlan?.local ?? null,
        dev: dev.vxlan?.dev ?? null,
        up: dev.flags.includes('UP'),
      });
      if (dev.kind !== 'vxlan')
        bad.push(
          t(
            `${role} 上的 ${dev.ifname} 类型是 ${dev.kind ?? '普通设备'}，不是 vxlan`,
            `${dev.ifname} on the ${role} is ${dev.kind ?? 'a plain device'}, not vxlan`,
          ),
        );
      else if (!dev.flags.includes('UP')) bad.push(t(`${role} 上的 ${dev.ifname} 处于 down 状态`, `${dev.ifname} on the ${role} is down`));
      else
        good.push(
          `${role} ${dev.ifname}: vxlan id ${dev.vxlan?.id ?? '?'} dstport ${dev.vxlan?.port ?? '?'} local ${dev.vxlan?.local ?? '?'}${dev.vxlan?.dev ? ` dev ${dev.vxlan.dev}` : ''}`,
        );
    }
    if (bad.length > 0) {
      return failed(
        t(`${bad.map((b) => b.zh).join('；')}。`, `${bad.map((b) => b.en).join('; ')}.`),
        t(
          '运行 `kubectl -n kube-flannel get pods -o wide`（旧版本在 kube-system），并在该节点上运行 `ip -d link show flannel.1`。',
          'Run `kubectl -n kube-flannel get pods -o wide` (kube-system in older versions) and `ip -d link show flannel.1` on that node.',
        ),
        { evidence, data },
      );
    }
    return passed(t(`${good.join('；')}。`, `${good.join('; ')}.`), { evidence, data });
  },
};

export const grader: Grader = {
  lab: 'lab-06',
  checks: [vethCheck, flannelCheck, masterRouteCheck],
};
