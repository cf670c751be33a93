import type { z } from 'zod';
import { t } from '../shared/i18n.ts';
import type { Evidence } from '../shared/report.ts';
import type { HostRole, ProbeResult, Snapshot } from '../shared/snapshot.ts';
import { CannotLook, excerpt } from './verdict.ts';

const ROLE_ZH: Record<HostRole, string> = { master: '主节点 (master)', worker: '工作节点 (worker)' };

/**
 * Read access to a snapshot for checks. Hosts are found by role, never by key. Every accessor
 * throws CannotLook when the evidence is missing, so a check's code reads as the happy path.
 */
export class SnapshotView {
  readonly snapshot: Snapshot;
  constructor(snapshot: Snapshot) {
    this.snapshot = snapshot;
  }

  /** The host key for a role (the first one, in key order), if the snapshot has such a host. */
  hostKey(role: HostRole): string | undefined {
    return Object.keys(this.snapshot.hosts)
      .sort()
      .find((key) => this.snapshot.hosts[key]?.role === role);
  }

  /** A probe's raw result, or undefined when the host or the probe is absent. */
  raw(role: HostRole, probe: string): ProbeResult | undefined {
    const key = this.hostKey(role);
    return key === undefined ? undefined : this.snapshot.hosts[key]?.probes[probe];
  }

  /** True when the probe was collected on that role (whatever its exit code). */
  has(role: HostRole, probe: string): boolean {
    return this.raw(role, probe) !== undefined;
  }

  /** A probe's stdout; throws CannotLook when the host or probe is missing or the command failed. */
  stdout(role: HostRole, probe: string): string {
    const key = this.hostKey(role);
    if (key === undefined) {
      throw new CannotLook(
        t(`快照里没有${ROLE_ZH[role]}的数据。`, `The snapshot has no ${role} host.`),
        t(
          `在 k8s-labs.yaml 里配置一个 role: ${role} 的主机，然后重新评分。`,
          `Configure a host with role: ${role} in k8s-labs.yaml and grade again.`,
        ),
      );
    }
    const result = this.snapshot.hosts[key]?.probes[probe];
    if (result === undefined) {
      throw new CannotLook(
        t(`${ROLE_ZH[role]}上没有采集探针 ${probe}。`, `Probe ${probe} was not collected on the ${role}.`),
        t(
          '重新运行评分以采集它；离线评分时请使用包含该探针的快照。',
          'Grade again to collect it; offline, use a snapshot that includes this probe.',
        ),
      );
    }
    if (result.exitCode !== 0) {
      const why = result.timedOut
        ? 'timed out'
        : result.exitCode === null
          ? 'ended without an exit code'
          : `exited with ${result.exitCode}`;
      const whyZh = result.timedOut ? '超时' : result.exitCode === null ? '没有返回退出码' : `退出码为 ${result.exitCode}`;
      throw new CannotLook(
        t(`${ROLE_ZH[role]}上的探针 ${probe} 执行失败（${whyZh}）。`, `Probe ${probe} failed on the ${role} (${why}).`),
        t('在该节点上手动运行对应命令，查看错误输出。', 'Run the command by hand on that node and read its error output.'),
        [this.evidence(role, probe, result.stderr || result.stdout)],
      );
    }
    return result.stdout;
  }

  /** A probe's stdout parsed as JSON and validated; throws CannotLook when it is not. */
  json<S extends z.ZodType>(role: HostRole, probe: string, schema: S): z.infer<S> {
    const text = this.stdout(role, probe);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new CannotLook(
        t(`探针 ${probe} 的输出不是 JSON。`, `The output of probe ${probe} is not JSON.`),
        t(
          '在该节点上手动运行对应命令，检查是否有额外输出（如登录横幅）。',
          'Run the command by hand on that node and look for extra output (a login banner, say).',
        ),
        [this.evidence(role, probe, text)],
      );
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
      throw new CannotLook(
        t(`探针 ${probe} 的输出格式不符合预期（${where}）。`, `The output of probe ${probe} has an unexpected shape (${where}).`),
        t('确认 kubectl 版本与集群匹配，然后重新评分。', 'Check that kubectl matches the cluster version, then grade again.'),
        [this.evidence(role, probe, text)],
      );
    }
    return parsed.data;
  }

  /** Evidence from a probe, bounded. */
  evidence(role: HostRole, probe: string, text?: string): Evidence {
    const body = text ?? this.raw(role, probe)?.stdout ?? '';
    return { probe, host: role, excerpt: excerpt(body) };
  }
}
