import type { Check, Grader } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, passed, pending, type Verdict } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { PodList, type Pod } from '../../src/parse/kube.ts';
import { findNamed, joinText, whereNote, withNote, type Found } from '../common/find-object.ts';
import { POD_NAME, nsFlag } from '../common/names.ts';
import { podHealth, podHint } from '../common/pod-health.ts';
import { compareContainers, compareSharedVolume, type SpecFindings } from '../common/pod-template.ts';
import { objectEvidence } from '../common/probe-read.ts';

/** Q4: Pod pod1, declared in YAML, with two containers sharing one emptyDir volume. */

function findPod1(view: SnapshotView): Found<Pod> | undefined {
  return findNamed(view.json('master', 'kube.pods', PodList).items, POD_NAME);
}

const notFound = (): Verdict =>
  failed(
    t(`任何命名空间中都没有名为 ${POD_NAME} 的 Pod。`, `There is no Pod named ${POD_NAME} in any namespace.`),
    t(
      `用 \`kubectl apply -f pod1.yaml\` 创建它，再用 \`kubectl get pod ${POD_NAME}\` 确认。`,
      `Create it with \`kubectl apply -f pod1.yaml\`, then check with \`kubectl get pod ${POD_NAME}\`.`,
    ),
  );

const running: Check = {
  id: 'pod-running',
  title: t('pod1 存在且正在运行，所有容器就绪', 'pod1 exists and is Running with every container ready'),
  points: 4,
  run(view) {
    const found = findPod1(view);
    if (found === undefined) return notFound();
    const pod = found.item;
    const where = whereNote('Pod', POD_NAME, found);
    const evidence = [objectEvidence('kube.pods', { metadata: pod.metadata, status: pod.status })];
    const health = podHealth(pod);
    if (health.kind === 'ready') {
      const node = pod.spec.nodeName ?? '?';
      return passed(
        withNote(
          t(
            `Pod ${POD_NAME} 在节点 ${node} 上运行（Running），${pod.spec.containers.length} 个容器均已就绪。`,
            `Pod ${POD_NAME} is Running on node ${node} and its ${pod.spec.containers.length} containers are ready.`,
          ),
          where,
        ),
        { evidence },
      );
    }
    const message = withNote(health.why, where);
    if (health.kind === 'starting') return pending(message, podHint(pod, health), { evidence });
    return failed(message, podHint(pod, health), { evidence });
  },
};

/** Runs a spec comparison on pod1 and turns its findings into a verdict. */
function specCheck(view: SnapshotView, compare: (pod: Pod) => SpecFindings, ok?: Localized): Verdict {
  const found = findPod1(view);
  if (found === undefined) return notFound();
  const pod = found.item;
  const { problems, notes } = compare(pod);
  const evidence = [
    objectEvidence('kube.pods', {
      metadata: { name: pod.metadata.name, namespace: found.namespace },
      spec: { containers: pod.spec.containers, volumes: pod.spec.volumes },
    }),
  ];
  const ns = nsFlag(found.namespace);
  if (problems.length === 0) return passed(joinText([ok, ...notes]), { evidence });
  return failed(
    joinText([...problems, ...notes]),
    t(
      `改正 pod1.yaml。Pod 的容器与卷创建后不能修改：先 \`kubectl delete pod ${POD_NAME}${ns}\`，再 \`kubectl apply -f pod1.yaml\`；用 \`kubectl get pod ${POD_NAME}${ns} -o yaml\` 核对。`,
      `Fix pod1.yaml. A Pod's containers and volumes cannot change after creation: \`kubectl delete pod ${POD_NAME}${ns}\`, then \`kubectl apply -f pod1.yaml\`; compare with \`kubectl get pod ${POD_NAME}${ns} -o yaml\`.`,
    ),
    { evidence },
  );
}

const subject = t(`Pod ${POD_NAME} `, `Pod ${POD_NAME}`);

const containers: Check = {
  id: 'pod-containers',
  title: t(
    '容器 fileserver（8080，/usr/share/files）与 downloader（3000，/data）',
    'Containers fileserver (8080, /usr/share/files) and downloader (3000, /data)',
  ),
  points: 3,
  run: (view) =>
    specCheck(
      view,
      (pod) => compareContainers(pod.spec, subject),
      t('两个容器的名称、端口与挂载点都符合题目。', 'Both containers have the expected names, ports and mount paths.'),
    ),
};

const sharedVolume: Check = {
  id: 'pod-shared-volume',
  title: t('两个容器挂载同一个 emptyDir 卷', 'Both containers mount one shared emptyDir volume'),
  points: 3,
  run: (view) =>
    specCheck(view, (pod) => {
      const r = compareSharedVolume(pod.spec, subject);
      if (r.problems.length === 0 && r.volume) {
        r.notes.unshift(t(`两个容器共享 emptyDir 卷 ${r.volume.name}。`, `Both containers share the emptyDir volume ${r.volume.name}.`));
      }
      return r;
    }),
};

export const grader: Grader = { lab: 'lab-04', checks: [running, containers, sharedVolume] };
