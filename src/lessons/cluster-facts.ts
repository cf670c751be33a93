import { findNamed } from '../../graders/common/find-object.ts';
import { readPodAddrs } from '../../graders/lab-06/host-net.ts';
import { isVerdict, locatePod1 } from '../../graders/lab-06/pod1.ts';
import { buildTopology } from '../../graders/lab-06/topology.ts';
import { SnapshotView } from '../grading/snapshot-view.ts';
import { CannotLook } from '../grading/verdict.ts';
import { ServiceList } from '../parse/kube.ts';
import { t, type Localized } from '../shared/i18n.ts';
import type { ClusterFact } from '../shared/lesson.ts';
import type { Snapshot } from '../shared/snapshot.ts';

/**
 * The value of a `cluster` quiz fact in the learner's own snapshot, read the way the graders read
 * it (lab-06's pod1 and topology helpers, the Service by name in any namespace, `default` first),
 * so the quiz and the grader never disagree about what the cluster shows.
 */
export type FactValue = { value: string } | { missing: Localized };

export function clusterFact(snapshot: Snapshot, fact: ClusterFact): FactValue {
  const view = new SnapshotView(snapshot);
  try {
    return fact === 'service1.clusterIP' ? serviceIP(view) : pod1Fact(view, fact);
  } catch (err) {
    if (err instanceof CannotLook) return { missing: joined(err.reason, err.hint) };
    throw err;
  }
}

/** A reason and its hint as one text ("… . Run …"). */
function joined(reason: Localized, hint: Localized | undefined): Localized {
  return hint ? t(`${reason.zh}${hint.zh}`, `${reason.en} ${hint.en}`) : reason;
}

function serviceIP(view: SnapshotView): FactValue {
  const found = findNamed(view.json('master', 'kube.services', ServiceList).items, 'service1');
  const ip = found?.item.spec.clusterIP;
  if (!found) {
    return {
      missing: t(
        '快照里没有 Service `service1`。先完成 lab-09，再运行“检查我的作业”。',
        'The snapshot has no Service `service1`. Do lab-09, then run Check my work again.',
      ),
    };
  }
  if (!ip || ip === 'None') {
    return {
      missing: t(
        `Service service1 没有 ClusterIP（${ip ?? '空'}）。运行 \`kubectl get service service1\` 查看它的类型。`,
        `Service service1 has no ClusterIP (${ip ?? 'empty'}). Run \`kubectl get service service1\` and look at its type.`,
      ),
    };
  }
  return { value: ip };
}

function pod1Fact(view: SnapshotView, fact: Exclude<ClusterFact, 'service1.clusterIP'>): FactValue {
  const place = locatePod1(view);
  if (isVerdict(place)) return { missing: joined(place.message, place.hint) };
  if (fact === 'pod1.ip') return { value: place.podIP };
  if (fact === 'pod1.node') return { value: place.node.metadata.name };
  const veth = buildTopology(view, place, readPodAddrs(view, place.role)).hostVeth?.ifname;
  if (!veth) {
    return {
      missing: t(
        `在 ${place.role} 的 \`ip link\` 里找不到与 pod1 的 eth0 成对的 veth。运行“检查我的作业”（lab-06）重新采集。`,
        `No veth on the ${place.role} pairs with pod1's eth0 in its \`ip link\` output. Run Check my work (lab-06) to collect it again.`,
      ),
    };
  }
  return { value: veth };
}
