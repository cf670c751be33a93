import type { Check, Grader } from '../../src/grading/grader.ts';
import { failed, passed, pending } from '../../src/grading/verdict.ts';
import { t } from '../../src/shared/i18n.ts';
import { joinText } from '../common/find-object.ts';
import { nsFlag } from '../common/names.ts';
import { EXPECTED_CONTAINERS, normPath } from '../common/pod-template.ts';
import { objectEvidence, objectsEvidence } from '../common/probe-read.ts';
import { claimOf, withSetup } from './claims.ts';
import { accessModeCheck } from './access-mode.ts';
import { replicasCheck } from './replicas.ts';
import { sharedFilesCheck } from './shared-files.ts';

/**
 * Q8's optional exercise: deployment1's replicas share files through a PersistentVolumeClaim,
 * judged from the objects and, for real, by the `pvc.share-test` active check.
 * (Q8's questions themselves are a quiz that comes with the lesson; nothing here grades them.)
 */

const mounted: Check = {
  id: 'pvc-mounted',
  title: t('deployment1 的 Pod 把共享目录放在 PVC 上', "deployment1's pods keep the shared directory on a PVC"),
  points: 2,
  run: (view) =>
    withSetup(view, (s) => {
      const tmpl = s.deploy.spec.template.spec;
      const evidence = [
        objectEvidence('kube.deployments', {
          metadata: { name: s.deploy.metadata.name, namespace: s.namespace },
          spec: {
            template: {
              spec: { containers: tmpl.containers.map((c) => ({ name: c.name, volumeMounts: c.volumeMounts })), volumes: tmpl.volumes },
            },
          },
        }),
      ];
      const wrong = EXPECTED_CONTAINERS.flatMap((want) => {
        const m = tmpl.containers.find((c) => c.name === want.name)?.volumeMounts?.find((v) => normPath(v.mountPath) === want.path);
        return m !== undefined && s.volumes.has(m.name) ? [] : [`${want.name}:${want.path}`];
      });
      if (wrong.length === 0) {
        const claims = [...new Set(s.volumes.values())].join(', ');
        return passed(
          t(
            `Pod 模板中 fileserver 的 /usr/share/files 与 downloader 的 /data 都在 PVC ${claims} 上。`,
            `In the pod template, fileserver's /usr/share/files and downloader's /data both live on PVC ${claims}.`,
          ),
          { evidence },
        );
      }
      const where =
        s.volumes.size === 0
          ? t('（只有正在运行的旧 Pod 挂载了 PVC，模板里已没有）', ' (only some running pods mount a PVC; the template no longer does)')
          : t('', '');
      return failed(
        t(
          `共享目录 ${wrong.join(', ')} 不在 PVC 上${where.zh}：下载的文件仍只存在于各自 Pod 的 emptyDir 中，其他副本看不到。`,
          `The shared directory ${wrong.join(', ')} is not on the PVC${where.en}: downloaded files still live in each pod's own emptyDir, invisible to the other replicas.`,
        ),
        t(
          '在 Pod 模板中把共享卷 share-volume 的 emptyDir 换成 persistentVolumeClaim: {claimName: <你的 PVC>}，两个容器继续挂载它，然后 `kubectl apply -f deployment1.yaml`。',
          'In the pod template replace the emptyDir of share-volume with persistentVolumeClaim: {claimName: <your PVC>}, keep both containers mounting it, then `kubectl apply -f deployment1.yaml`.',
        ),
        { evidence },
      );
    }),
};

const bound: Check = {
  id: 'pvc-bound',
  title: t('PVC 已绑定（Bound）', 'The PVC is Bound'),
  points: 2,
  run: (view) =>
    withSetup(view, (s) => {
      const ns = nsFlag(s.namespace);
      const claims = s.claims.map((name) => ({ name, pvc: claimOf(s, name) }));
      const evidence = [
        objectsEvidence(
          'kube.pvc',
          claims.flatMap((c) => (c.pvc ? [c.pvc] : [])),
        ),
      ];
      const missing = claims.find((c) => c.pvc === undefined);
      if (missing !== undefined) {
        return failed(
          t(
            `Pod 引用的 PVC ${missing.name} 在命名空间 ${s.namespace} 中不存在，Pod 会一直 Pending。`,
            `The pods use PVC ${missing.name}, which does not exist in namespace ${s.namespace}; the pods stay Pending.`,
          ),
          t(
            `创建它（\`kubectl apply -f pvc.yaml\`），再用 \`kubectl get pvc${ns}\` 确认。`,
            `Create it (\`kubectl apply -f pvc.yaml\`), then check with \`kubectl get pvc${ns}\`.`,
          ),
          { evidence },
        );
      }
      const notBound = claims.find((c) => c.pvc?.status?.phase !== 'Bound');
      if (notBound?.pvc === undefined) {
        const list = claims.map((c) => `${c.name} → ${c.pvc?.spec?.volumeName ?? '?'}`).join(', ');
        return passed(t(`PVC 已绑定：${list}。`, `The PVCs are Bound: ${list}.`), { evidence });
      }
      const phase = notBound.pvc.status?.phase ?? 'Pending';
      const seen = t(`PVC ${notBound.name} 的状态是 ${phase}，不是 Bound。`, `PVC ${notBound.name} is ${phase}, not Bound.`);
      const hint = t(
        `运行 \`kubectl describe pvc ${notBound.name}${ns}\` 看 Events：要么没有容量、accessModes 与 storageClassName 都匹配的 PV（手动创建一个，例如 NFS），要么集群没有默认 StorageClass / 供应器。`,
        `Run \`kubectl describe pvc ${notBound.name}${ns}\` and read Events: either no PV matches its size, accessModes and storageClassName (create one, an NFS PV say), or the cluster has no default StorageClass / provisioner.`,
      );
      // A claim created moments ago may simply not be bound yet.
      const age = (Date.parse(view.snapshot.takenAt) - Date.parse(notBound.pvc.metadata.creationTimestamp ?? '')) / 1000;
      if (phase === 'Pending' && age >= 0 && age < 60)
        return pending(joinText([seen, t('它刚创建不久。', 'It was created moments ago.')]), hint, { evidence });
      return failed(seen, hint, { evidence });
    }),
};

export const grader: Grader = { lab: 'lab-08', checks: [mounted, bound, accessModeCheck, replicasCheck, sharedFilesCheck] };
