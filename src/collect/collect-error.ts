import { t, type Localized } from '../shared/i18n.ts';
import { SshError } from '../ssh/ssh-error.ts';

export type CollectErrorKind = 'unreachable' | 'auth' | 'host-key' | 'timeout' | 'protocol' | 'sudo';

/**
 * A host could not be collected at all (the CLI exits 3). One probe failing is not this: it is
 * recorded in the snapshot with its exit code and stderr, and graders report it as `error`.
 */
export class CollectError extends Error {
  override name = 'CollectError';
  readonly kind: CollectErrorKind;
  /** The host's name in the config. */
  readonly host: string;
  readonly detail: Localized;
  /** Every host that failed in the same collection (this one first). */
  failures: CollectError[] = [];
  constructor(kind: CollectErrorKind, host: string, detail: Localized) {
    super(detail.en);
    this.kind = kind;
    this.host = host;
    this.detail = detail;
  }

  static from(err: unknown, host: string): CollectError {
    if (err instanceof CollectError) return err;
    if (err instanceof SshError) return new CollectError(err.kind, host, err.detail);
    if (err instanceof Error && err.name === 'AbortError') {
      return new CollectError('timeout', host, t(`已取消对 ${host} 的采集。`, `Collection from ${host} was cancelled.`));
    }
    const msg = err instanceof Error ? err.message : String(err);
    return new CollectError('protocol', host, t(`采集 ${host} 时出错：${msg}`, `Collecting from ${host} failed: ${msg}`));
  }
}
