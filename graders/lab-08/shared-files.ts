import type { Check } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { errored, failed, passed, skipped, type Verdict } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { joinText } from '../common/find-object.ts';
import { nsFlag } from '../common/names.ts';
import { withSetup, type ClaimSetup } from './claims.ts';
import { readShareTest, SHARE_EXIT, type ShareOutcome, type ShareTestResult } from './share-test.ts';
import { nodeLocalVolume, nodeLocalWhy, SHARED_STORAGE_HINT } from './volumes.ts';

/**
 * The exercise's point, tested for real: a marker file written in one replica of deployment1 is
 * read back in another (the `pvc.share-test` active check). Two pods on different nodes are the
 * strong evidence; two pods on one node show sharing there only (a ReadWriteOnce or hostPath
 * volume passes that too), and the message says so.
 */
export const sharedFilesCheck: Check = {
  id: 'pvc-files-shared',
  title: t('在一个副本中写入的文件能在另一个副本中读到（主动检查）', 'A file written in one replica is read in another (active check)'),
  points: 3,
  run: (view) => withSetup(view, (s) => judge(view, s, readShareTest(view))),
};

function judge(view: SnapshotView, s: ClaimSetup, out: ShareOutcome): Verdict {
  const evidence = [out.evidence];
  if (out.kind === 'no-claim-volume') {
    // The pods in the snapshot mount a claim, but the pod the probe picked did not: most likely a
    // rollout between emptyDir and PVC pods. Same rule as an exercise not attempted: skipped.
    return skipped(
      t(
        `可选练习：主动检查选中的 Pod 没有挂载 PersistentVolumeClaim（${out.reason}），因此没有测试文件共享。这不算错误；若 deployment1 正在滚动更新，等它完成后重新评分。`,
        `Optional exercise: the pod the active check picked mounts no PersistentVolumeClaim (${out.reason}), so file sharing was not tested. Nothing is counted as wrong; if deployment1 is rolling out, grade again when it is done.`,
      ),
      { evidence },
    );
  }
  if (out.kind === 'read-only') {
    return failed(
      t(
        `没有容器以读写方式挂载 PVC（${out.reason}）：downloader 无法把下载的文件写到共享目录。`,
        `No container mounts the PVC read-write (${out.reason}): the downloader cannot save downloads to the shared directory.`,
      ),
      t(
        '去掉 Pod 模板中该卷挂载的 readOnly: true（downloader 的 /data 必须可写），然后 `kubectl apply -f deployment1.yaml`。',
        'Remove readOnly: true from the volume mounts in the pod template (the downloader’s /data must be writable), then `kubectl apply -f deployment1.yaml`.',
      ),
      { evidence },
    );
  }
  if (out.kind === 'could-not-run') return couldNotRun(s, out);
  return judgeRun(view, s, out.result, evidence);
}

function couldNotRun(s: ClaimSetup, out: Extract<ShareOutcome, { kind: 'could-not-run' }>): Verdict {
  const ns = nsFlag(s.namespace);
  const why = out.timedOut
    ? t('超时', 'it timed out')
    : out.exitCode === null
      ? t('没有退出码', 'it ended without an exit code')
      : t(`退出码 ${out.exitCode}`, `exit code ${out.exitCode}`);
  const reason = out.reason === '' ? t('', '') : t(`：${out.reason}`, `: ${out.reason}`);
  const hints: Record<number, Localized> = {
    [SHARE_EXIT.unexpected]: t(
      `运行 \`kubectl get deploy deployment1${ns} -o wide\`，确认 deployment1 存在且 selector 使用 matchLabels。`,
      `Run \`kubectl get deploy deployment1${ns} -o wide\` and check that deployment1 exists and its selector uses matchLabels.`,
    ),
    [SHARE_EXIT.fewerPods]: t(
      `需要至少两个 Running 的副本才能比较：运行 \`kubectl get pods${ns} -l app=app2 -o wide\`，等副本运行后重新评分。`,
      `Comparing needs at least two Running replicas: run \`kubectl get pods${ns} -l app=app2 -o wide\` and grade again once they run.`,
    ),
    [SHARE_EXIT.noExec]: t(
      `无法在容器中执行 sh（镜像需要 sh，容器需要在运行）。请手动检查：在一个 Pod 中 \`kubectl exec${ns} <Pod> -c downloader -- sh -c 'echo hi > /data/t'\`，在另一个 Pod 中读取它。`,
      `Cannot run sh in the container (the image needs sh and the container must be running). Check by hand: \`kubectl exec${ns} <pod> -c downloader -- sh -c 'echo hi > /data/t'\` in one pod, then read it in another.`,
    ),
  };
  const hint =
    (out.exitCode === null ? undefined : hints[out.exitCode]) ??
    t(
      '在 master 上运行 `kubectl get pods -A`，确认 kubectl 能连上 API server 并有权限执行 `kubectl exec`，然后重新评分。',
      'On the master run `kubectl get pods -A` to check that kubectl reaches the API server and may run `kubectl exec`, then grade again.',
    );
  return errored(
    t(
      `主动检查 pvc.share-test 没能运行（${why.zh}${reason.zh}），因此不知道副本之间是否共享文件。`,
      `The active check pvc.share-test could not run (${why.en}${reason.en}), so whether the replicas share files is unknown.`,
    ),
    hint,
    { evidence: [out.evidence] },
  );
}

/** "pod W (node A)" */
const podOn = (pod: string, node: string | undefined): string => (node === undefined || node === '' ? pod : `${pod} (node ${node})`);
const podOnZh = (pod: string, node: string | undefined): string => (node === undefined || node === '' ? pod : `${pod}（节点 ${node}）`);

function judgeRun(view: SnapshotView, s: ClaimSetup, r: ShareTestResult, evidence: ShareOutcome['evidence'][]): Verdict {
  const claim = r.claim ?? s.claims[0] ?? '?';
  const ns = nsFlag(r.namespace ?? s.namespace);
  const container = r.container ?? 'downloader';
  const crossNode = r.writerNode !== undefined && r.readerNode !== undefined && r.writerNode !== r.readerNode;
  const sameNode = r.writerNode !== undefined && r.writerNode === r.readerNode;
  const local = nodeLocalVolume(view, s, claim);
  const data = { ...r, crossNode, pv: local ?? null };
  const writer = t(podOnZh(r.writer, r.writerNode), podOn(r.writer, r.writerNode));
  const reader = t(podOnZh(r.reader, r.readerNode), podOn(r.reader, r.readerNode));
  const leftover = r.cleaned
    ? undefined
    : t(
        `标记文件 ${r.path} 没能从 Pod ${r.writer} 中删除，请手动删除：\`kubectl exec${ns} ${r.writer} -c ${container} -- rm -f ${r.path}\`。`,
        `The marker file ${r.path} could not be removed from pod ${r.writer}; remove it with \`kubectl exec${ns} ${r.writer} -c ${container} -- rm -f ${r.path}\`.`,
      );
  if (!r.written) {
    return failed(
      joinText([
        t(
          `无法在 Pod ${writer.zh} 的容器 ${container} 中写入 ${r.path}（权限不足或只读）：downloader 也无法把文件保存到 PVC ${claim} 上。`,
          `Writing ${r.path} in container ${container} of pod ${writer.en} failed (permission denied or read-only): the downloader cannot save files on PVC ${claim} either.`,
        ),
        leftover,
      ]),
      t(
        `手动试一次：\`kubectl exec${ns} ${r.writer} -c ${container} -- touch ${r.path}\` 会显示错误。NFS 卷需要导出目录对容器用户可写（例如 chmod 777 该目录，或在 /etc/exports 中使用 no_root_squash）。`,
        `Try it by hand: \`kubectl exec${ns} ${r.writer} -c ${container} -- touch ${r.path}\` shows the error. An NFS export must be writable by the container's user (chmod 777 the directory, or no_root_squash in /etc/exports).`,
      ),
      { evidence, data },
    );
  }
  if (!r.seen) {
    const cause = local !== undefined && !sameNode ? nodeLocalWhy(local) : undefined;
    return failed(
      joinText([
        t(
          `在 Pod ${writer.zh} 中写入的 ${r.path} 在 Pod ${reader.zh} 中读不到：这两个副本并不共享这个目录。`,
          `The file ${r.path} written in pod ${writer.en} is not there in pod ${reader.en}: these replicas do not share the directory.`,
        ),
        cause,
        leftover,
      ]),
      cause !== undefined
        ? SHARED_STORAGE_HINT
        : t(
            `比较 \`kubectl describe pod${ns} ${r.writer}\` 与 \`kubectl describe pod${ns} ${r.reader}\` 中的 Volumes，并用 \`kubectl get pv -o wide\` 查看 PVC ${claim} 背后的存储。`,
            `Compare the Volumes of \`kubectl describe pod${ns} ${r.writer}\` and \`kubectl describe pod${ns} ${r.reader}\`, and see what storage backs PVC ${claim} with \`kubectl get pv -o wide\`.`,
          ),
      { evidence, data },
    );
  }
  const where = crossNode
    ? t('两个 Pod 在不同节点上，说明这个卷在节点之间共享。', 'The two pods run on different nodes, so the volume is shared across nodes.')
    : sameNode
      ? t(
          `但两个 Pod 都在节点 ${r.writerNode} 上：这只证明同一节点上的副本共享它（ReadWriteOnce 或 hostPath 卷也能做到），调度到另一节点的副本不在检验范围内。`,
          `Both pods run on node ${r.writerNode}, though: this shows sharing on one node only (a ReadWriteOnce or hostPath volume would pass too); a replica scheduled on the other node is not covered.`,
        )
      : undefined;
  const localNote =
    local === undefined
      ? undefined
      : crossNode
        ? t(
            `PV ${local.pv} 是 ${local.kind} 卷，却在节点之间共享：两个节点上的 ${local.path} 本身必须是共享存储（例如在两个节点上都挂载了同一个 NFS）。`,
            `PV ${local.pv} is a ${local.kind} volume and yet shared across nodes: ${local.path} must itself be shared storage on both nodes (the same NFS mounted on each, say).`,
          )
        : nodeLocalWhy(local);
  return passed(
    joinText([
      t(
        `在 Pod ${writer.zh} 中写入的标记文件 ${r.path} 在 Pod ${reader.zh} 中读到了：副本通过 PVC ${claim} 共享文件。`,
        `A marker file written at ${r.path} in pod ${writer.en} was read in pod ${reader.en}: the replicas share files through PVC ${claim}.`,
      ),
      where,
      localNote,
      leftover,
    ]),
    { evidence, data },
  );
}
