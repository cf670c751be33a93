import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Container, PodSpec, Volume } from '../../src/parse/kube.ts';

/** The two containers of Q4's pod (and of Q7's pod template): name, port, where the shared volume goes. */
export const EXPECTED_CONTAINERS = [
  { name: 'fileserver', port: 8080, path: '/usr/share/files' },
  { name: 'downloader', port: 3000, path: '/data' },
] as const;

/** What a spec comparison found: problems cost the check; notes are said but accepted. */
export interface SpecFindings {
  problems: Localized[];
  notes: Localized[];
}

/** "/data/" and "/data" are the same mount point. */
export const normPath = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);

const portsOf = (c: Container | undefined): number[] => (c?.ports ?? []).map((p) => p.containerPort);
const mountAt = (c: Container | undefined, path: string) => c?.volumeMounts?.find((m) => normPath(m.mountPath) === path);

/**
 * Compares the containers of a pod spec with Q4: names, containerPorts, mount paths.
 * `subject` names what is compared ("Pod pod1", "the pod template of deployment1").
 */
export function compareContainers(spec: PodSpec, subject: Localized): SpecFindings {
  const problems: Localized[] = [];
  const notes: Localized[] = [];
  const seen = spec.containers.map((c) => c.name);
  for (const want of EXPECTED_CONTAINERS) {
    const c = spec.containers.find((x) => x.name === want.name);
    if (c === undefined) {
      const lookalike = spec.containers.find((x) => portsOf(x).includes(want.port) && !EXPECTED_CONTAINERS.some((e) => e.name === x.name));
      const extraZh = lookalike ? `容器 ${lookalike.name} 看起来就是它，请改名为 ${want.name}。` : '';
      const extraEn = lookalike ? ` Container ${lookalike.name} looks like it; rename it to ${want.name}.` : '';
      problems.push(
        t(
          `${subject.zh}没有名为 ${want.name} 的容器（现有：${seen.join(', ') || '无'}）。${extraZh}`,
          `${subject.en} has no container named ${want.name} (it has: ${seen.join(', ') || 'none'}).${extraEn}`,
        ),
      );
      continue;
    }
    const ports = portsOf(c);
    if (!ports.includes(want.port)) {
      const other = spec.containers.find((x) => x !== c && portsOf(x).includes(want.port));
      const whereZh = other ? `（端口 ${want.port} 声明在容器 ${other.name} 上）` : '';
      const whereEn = other ? ` (port ${want.port} is declared on container ${other.name})` : '';
      problems.push(
        t(
          `容器 ${want.name} 应声明 containerPort ${want.port}，实际为：${ports.join(', ') || '无'}${whereZh}。`,
          `Container ${want.name} should declare containerPort ${want.port}; it declares: ${ports.join(', ') || 'none'}${whereEn}.`,
        ),
      );
    }
    if (mountAt(c, want.path) === undefined) {
      const paths = (c.volumeMounts ?? []).map((m) => m.mountPath).filter((p) => !p.startsWith('/var/run/secrets/'));
      problems.push(
        t(
          `容器 ${want.name} 应把共享卷挂载到 ${want.path}，实际挂载点：${paths.join(', ') || '无'}。`,
          `Container ${want.name} should mount the shared volume at ${want.path}; its mounts are: ${paths.join(', ') || 'none'}.`,
        ),
      );
    }
  }
  const extra = seen.filter((n) => !EXPECTED_CONTAINERS.some((e) => e.name === n));
  const bothPresent = EXPECTED_CONTAINERS.every((e) => seen.includes(e.name));
  if (extra.length > 0 && bothPresent) {
    notes.push(
      t(
        `另有容器 ${extra.join(', ')}（题目未要求，不影响评分）。`,
        `There are extra containers ${extra.join(', ')} (not asked for; not graded).`,
      ),
    );
  }
  return { problems, notes };
}

/** The volume kinds a learner may plausibly use, named as in the Pod spec. */
function volumeKind(v: Volume): string {
  const known = ['emptyDir', 'hostPath', 'persistentVolumeClaim', 'configMap', 'secret', 'nfs', 'projected'];
  const key = known.find((k) => (v as Record<string, unknown>)[k] !== undefined);
  return key ?? Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
}

export interface SharedVolumeOptions {
  /** Accept a PersistentVolumeClaim as the shared volume (Q8's optional exercise replaces emptyDir). */
  allowPvc?: boolean;
}

/** The shared volume's name and kind when the two containers do share one. */
export interface SharedVolume extends SpecFindings {
  volume?: { name: string; kind: string };
}

/**
 * Checks that fileserver's /usr/share/files and downloader's /data are the same emptyDir volume
 * (same name, same subPath), so a file the downloader writes is served by the fileserver.
 */
export function compareSharedVolume(spec: PodSpec, subject: Localized, opts: SharedVolumeOptions = {}): SharedVolume {
  const problems: Localized[] = [];
  const notes: Localized[] = [];
  const [fsWant, dlWant] = EXPECTED_CONTAINERS;
  const fs = mountAt(
    spec.containers.find((c) => c.name === fsWant.name),
    fsWant.path,
  );
  const dl = mountAt(
    spec.containers.find((c) => c.name === dlWant.name),
    dlWant.path,
  );
  if (fs === undefined || dl === undefined) {
    const missing = [fs === undefined ? `${fsWant.name}:${fsWant.path}` : '', dl === undefined ? `${dlWant.name}:${dlWant.path}` : '']
      .filter(Boolean)
      .join(', ');
    problems.push(
      t(`${subject.zh}缺少挂载点 ${missing}，无法共享文件。`, `${subject.en} lacks the mount ${missing}, so nothing can be shared.`),
    );
    return { problems, notes };
  }
  if (fs.name !== dl.name) {
    problems.push(
      t(
        `fileserver 与 downloader 挂载的是两个不同的卷（${fs.name} 与 ${dl.name}）：downloader 写入 /data 的文件不会出现在 /usr/share/files。两个容器应挂载同一个卷。`,
        `fileserver and downloader mount two different volumes (${fs.name} and ${dl.name}): files the downloader writes to /data never appear in /usr/share/files. Both containers must mount the same volume.`,
      ),
    );
    return { problems, notes };
  }
  const subFs = (fs as Record<string, unknown>)['subPath'] ?? '';
  const subDl = (dl as Record<string, unknown>)['subPath'] ?? '';
  if (subFs !== subDl) {
    problems.push(
      t(
        `两个容器挂载同一个卷 ${fs.name}，但 subPath 不同（${String(subFs) || '无'} 与 ${String(subDl) || '无'}），看到的是不同目录。`,
        `Both containers mount volume ${fs.name} but with different subPaths (${String(subFs) || 'none'} and ${String(subDl) || 'none'}), so they see different directories.`,
      ),
    );
  }
  if (dl.readOnly === true) {
    problems.push(
      t(
        `downloader 以只读方式挂载 /data，无法写入下载的文件。`,
        `downloader mounts /data read-only, so it cannot write what it downloads.`,
      ),
    );
  }
  const vol = (spec.volumes ?? []).find((v) => v.name === fs.name);
  if (vol === undefined) {
    problems.push(t(`卷 ${fs.name} 被挂载，但 volumes 中没有定义它。`, `Volume ${fs.name} is mounted but not defined under volumes.`));
    return { problems, notes };
  }
  const kind = volumeKind(vol);
  if (kind === 'persistentVolumeClaim' && opts.allowPvc === true) {
    notes.push(
      t(
        `共享卷 ${vol.name} 是 PVC（第 8 题的可选练习），接受。`,
        `The shared volume ${vol.name} is a PVC (Q8's optional exercise); accepted.`,
      ),
    );
  } else if (kind === 'hostPath') {
    problems.push(
      t(
        `共享卷 ${vol.name} 是 hostPath：它是节点上的目录，不属于 Pod，Pod 删除后仍在，并与该节点上的其他 Pod 共享。题目要求 emptyDir。`,
        `The shared volume ${vol.name} is a hostPath: a directory of the node, not of the Pod; it outlives the Pod and is shared with other Pods on that node. The question asks for an emptyDir.`,
      ),
    );
  } else if (kind !== 'emptyDir') {
    problems.push(
      t(
        `共享卷 ${vol.name} 的类型是 ${kind}；题目要求 emptyDir。`,
        `The shared volume ${vol.name} is of type ${kind}; the question asks for an emptyDir.`,
      ),
    );
  }
  return { problems, notes, volume: { name: vol.name, kind } };
}
