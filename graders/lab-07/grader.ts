import type { Check, Grader } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { failed, passed, pending, type Verdict } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { DeploymentList, HorizontalPodAutoscalerList, PodList, type Deployment } from '../../src/parse/kube.ts';
import { findNamed, joinText, whereNote, withNote, type Found } from '../common/find-object.ts';
import { DEPLOYMENT_NAME, REPLICAS, nsFlag } from '../common/names.ts';
import { podHealth, podHint } from '../common/pod-health.ts';
import { compareContainers, compareSharedVolume, type SpecFindings } from '../common/pod-template.ts';
import { objectEvidence, tryJson } from '../common/probe-read.ts';
import { firstBroken, hpaFor, podsOfDeployment, rolloutState } from '../common/workload.ts';
import { judgeSelector, renderSelector } from './selector.ts';

/** Q7: Deployment deployment1, selector app=app2, 3 replicas, pod template as in Q4. */

function findDeployment(view: SnapshotView): Found<Deployment> | undefined {
  return findNamed(view.json('master', 'kube.deployments', DeploymentList).items, DEPLOYMENT_NAME);
}

const notFound = (): Verdict =>
  failed(
    t(`任何命名空间中都没有名为 ${DEPLOYMENT_NAME} 的 Deployment。`, `There is no Deployment named ${DEPLOYMENT_NAME} in any namespace.`),
    t(
      `用 \`kubectl apply -f deployment1.yaml\` 创建它，再用 \`kubectl get deploy ${DEPLOYMENT_NAME}\` 确认。`,
      `Create it with \`kubectl apply -f deployment1.yaml\`, then check with \`kubectl get deploy ${DEPLOYMENT_NAME}\`.`,
    ),
  );

const evidenceOf = (d: Deployment) => [
  objectEvidence('kube.deployments', {
    metadata: d.metadata,
    spec: { replicas: d.spec.replicas, selector: d.spec.selector },
    status: d.status,
  }),
];

const exists: Check = {
  id: 'deployment-exists',
  title: t('Deployment deployment1 存在', 'Deployment deployment1 exists'),
  points: 2,
  run(view) {
    const found = findDeployment(view);
    if (found === undefined) return notFound();
    return passed(
      withNote(
        t(
          `找到 Deployment ${DEPLOYMENT_NAME}（命名空间 ${found.namespace}）。`,
          `Found Deployment ${DEPLOYMENT_NAME} (namespace ${found.namespace}).`,
        ),
        whereNote('Deployment', DEPLOYMENT_NAME, found),
      ),
      { evidence: evidenceOf(found.item) },
    );
  },
};

const selector: Check = {
  id: 'deployment-selector',
  title: t('选择器为 app=app2', 'The selector is app=app2'),
  points: 2,
  run(view) {
    const found = findDeployment(view);
    if (found === undefined) return notFound();
    const d = found.item;
    const judged = judgeSelector(d.spec.selector);
    const evidence = evidenceOf(d);
    if (judged.ok) {
      return passed(
        withNote(
          t(
            `选择器 ${renderSelector(d.spec.selector)} 选中 app=app2 的 Pod。`,
            `The selector ${renderSelector(d.spec.selector)} selects the app=app2 pods.`,
          ),
          judged.note,
        ),
        { evidence },
      );
    }
    return failed(judged.why ?? t('选择器不符合要求。', 'The selector is not as asked.'), selectorHint(found.namespace), { evidence });
  },
};

const selectorHint = (ns: string): Localized =>
  t(
    `Deployment 的 selector 创建后不可修改：把 spec.selector.matchLabels 与 template.metadata.labels 都改成 app: app2，\`kubectl delete deploy ${DEPLOYMENT_NAME}${nsFlag(ns)}\` 后重新 apply。`,
    `A Deployment's selector cannot change after creation: set both spec.selector.matchLabels and template.metadata.labels to app: app2, \`kubectl delete deploy ${DEPLOYMENT_NAME}${nsFlag(ns)}\` and apply again.`,
  );

const replicas: Check = {
  id: 'deployment-replicas',
  title: t('3 个副本全部就绪', '3 replicas, all ready'),
  points: 3,
  run(view) {
    const found = findDeployment(view);
    if (found === undefined) return notFound();
    const d = found.item;
    const ns = nsFlag(found.namespace);
    const spec = d.spec.replicas ?? 1;
    const ready = d.status?.readyReplicas ?? 0;
    const evidence = evidenceOf(d);
    // After Q12 an HPA owns spec.replicas (3 … 6); the Deployment is then right at whatever it chose.
    const hpas = tryJson(view, 'kube.hpa', HorizontalPodAutoscalerList);
    const hpa = hpas.ok ? hpaFor(hpas.value.items, d) : undefined;
    // Only a size at or above Q7's 3 is accepted from an HPA: a wrong minReplicas must not excuse 2 replicas.
    const hpaOk = hpa !== undefined && spec >= REPLICAS && spec <= hpa.spec.maxReplicas;
    const expected = hpaOk ? spec : REPLICAS;
    const hpaNote = hpaOk
      ? t(
          `副本数由 HPA ${hpa.metadata.name} 控制（当前 ${spec}，范围 ${hpa.spec.minReplicas ?? 1}–${hpa.spec.maxReplicas}），接受。`,
          `Replicas are managed by HPA ${hpa.metadata.name} (now ${spec}, range ${hpa.spec.minReplicas ?? 1}–${hpa.spec.maxReplicas}); accepted.`,
        )
      : undefined;
    if (spec !== expected) {
      return failed(
        t(
          `Deployment ${DEPLOYMENT_NAME} 的 spec.replicas 为 ${spec}，应为 ${REPLICAS}。`,
          `Deployment ${DEPLOYMENT_NAME} has spec.replicas ${spec}; ${REPLICAS} are expected.`,
        ),
        t(
          `在 YAML 中设置 replicas: ${REPLICAS} 后重新 apply（或 \`kubectl scale deploy ${DEPLOYMENT_NAME}${ns} --replicas=${REPLICAS}\`）。`,
          `Set replicas: ${REPLICAS} in the YAML and apply again (or \`kubectl scale deploy ${DEPLOYMENT_NAME}${ns} --replicas=${REPLICAS}\`).`,
        ),
        { evidence },
      );
    }
    if (ready >= expected) {
      return passed(
        withNote(
          t(
            `Deployment ${DEPLOYMENT_NAME} 有 ${ready}/${expected} 个就绪副本。`,
            `Deployment ${DEPLOYMENT_NAME} has ${ready}/${expected} ready replicas.`,
          ),
          hpaNote,
        ),
        { evidence },
      );
    }
    const seen = t(
      `Deployment ${DEPLOYMENT_NAME} 只有 ${ready} 个就绪副本，应有 ${expected} 个。`,
      `Deployment ${DEPLOYMENT_NAME} has ${ready} ready replicas; ${expected} are expected.`,
    );
    const look = t(
      `运行 \`kubectl get deploy ${DEPLOYMENT_NAME}${ns}\` 查看 READY，并用 \`kubectl get pods${ns} -l app=app2\` 查看各 Pod。`,
      `Run \`kubectl get deploy ${DEPLOYMENT_NAME}${ns}\` and look at READY; list the pods with \`kubectl get pods${ns} -l app=app2\`.`,
    );
    const pods = tryJson(view, 'kube.pods', PodList);
    const mine = pods.ok ? podsOfDeployment(pods.value.items, d) : [];
    const bad = firstBroken(mine);
    if (bad !== undefined)
      return failed(joinText([seen, bad.health.why]), podHint(bad.pod, bad.health), {
        evidence: [...evidence, objectEvidence('kube.pods', { metadata: bad.pod.metadata, status: bad.pod.status })],
      });
    const rollout = rolloutState(d);
    if (rollout.kind === 'stalled') return failed(joinText([seen, rollout.why]), look, { evidence });
    if (rollout.kind === 'rolling' || mine.some((p) => podHealth(p).kind === 'starting')) {
      return pending(
        joinText([seen, t('Pod 仍在启动（扩容或滚动更新尚未完成）。', 'Pods are still starting (a scale-up or rollout is not finished).')]),
        t(
          `稍等后重新评分；可用 \`kubectl rollout status deploy/${DEPLOYMENT_NAME}${ns}\` 等待完成。`,
          `Grade again shortly; \`kubectl rollout status deploy/${DEPLOYMENT_NAME}${ns}\` waits for it to finish.`,
        ),
        { evidence },
      );
    }
    return failed(seen, look, { evidence });
  },
};

function templateCheck(view: SnapshotView, compare: (d: Deployment) => SpecFindings, ok?: Localized): Verdict {
  const found = findDeployment(view);
  if (found === undefined) return notFound();
  const d = found.item;
  const { problems, notes } = compare(d);
  const evidence = [
    objectEvidence('kube.deployments', {
      metadata: { name: d.metadata.name, namespace: found.namespace },
      spec: { template: d.spec.template },
    }),
  ];
  if (problems.length === 0) return passed(joinText([ok, ...notes]), { evidence });
  return failed(
    joinText([...problems, ...notes]),
    t(
      `改正 deployment1.yaml 的 spec.template 后 \`kubectl apply -f deployment1.yaml\`，Deployment 会滚动替换 Pod；用 \`kubectl get deploy ${DEPLOYMENT_NAME}${nsFlag(found.namespace)} -o yaml\` 核对。`,
      `Fix spec.template in deployment1.yaml and \`kubectl apply -f deployment1.yaml\`; the Deployment rolls the pods over. Compare with \`kubectl get deploy ${DEPLOYMENT_NAME}${nsFlag(found.namespace)} -o yaml\`.`,
    ),
    { evidence },
  );
}

const subject = t(`deployment1 的 Pod 模板`, `deployment1's pod template`);

const templateContainers: Check = {
  id: 'template-containers',
  title: t('Pod 模板的容器与第 4 题相同', 'The pod template has the containers of Q4'),
  points: 2,
  run: (view) =>
    templateCheck(
      view,
      (d) => compareContainers(d.spec.template.spec, subject),
      t(
        'Pod 模板中两个容器的名称、端口与挂载点都符合题目。',
        "The pod template's two containers have the expected names, ports and mount paths.",
      ),
    ),
};

const templateVolume: Check = {
  id: 'template-shared-volume',
  title: t('Pod 模板中两个容器共享一个 emptyDir 卷', 'In the pod template both containers share one emptyDir volume'),
  points: 1,
  run: (view) =>
    templateCheck(view, (d) => {
      const r = compareSharedVolume(d.spec.template.spec, subject, { allowPvc: true });
      if (r.problems.length === 0 && r.volume?.kind === 'emptyDir')
        r.notes.unshift(t(`两个容器共享 emptyDir 卷 ${r.volume.name}。`, `Both containers share the emptyDir volume ${r.volume.name}.`));
      return r;
    }),
};

export const grader: Grader = { lab: 'lab-07', checks: [exists, selector, replicas, templateContainers, templateVolume] };
