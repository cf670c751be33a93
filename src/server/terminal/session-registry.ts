import { randomBytes } from 'node:crypto';
import { TerminalSession, type SessionTimings } from './session.ts';
import type { ShellHandle } from './types.ts';

export interface SessionLimits {
  /** Concurrent sessions (attached or in their grace period) per learner. */
  maxPerLearner: number;
  /** Concurrent sessions on this server. */
  maxTotal: number;
}

/**
 * All live sessions by id. Ids are 128-bit random and only usable together with the learner's
 * token: a session is found for re-attach only by the learner that opened it, on the same host.
 */
export class SessionRegistry {
  readonly timings: SessionTimings;
  readonly limits: SessionLimits;
  readonly #sessions = new Map<string, TerminalSession>();
  /** Sessions being opened (SSH handshake in progress) count against the limits too. */
  readonly #opening = new Map<string, number>();

  constructor(timings: SessionTimings, limits: SessionLimits) {
    this.timings = timings;
    this.limits = limits;
  }

  get size(): number {
    return this.#sessions.size;
  }

  countFor(learner: string): number {
    let n = this.#opening.get(learner) ?? 0;
    for (const s of this.#sessions.values()) if (s.learner === learner) n++;
    return n;
  }

  /** Why a new session may not open now, or null when it may. */
  refusal(learner: string): 'learner' | 'server' | null {
    if (this.countFor(learner) >= this.limits.maxPerLearner) return 'learner';
    let opening = 0;
    for (const n of this.#opening.values()) opening += n;
    if (this.#sessions.size + opening >= this.limits.maxTotal) return 'server';
    return null;
  }

  /** Counts a session as opening until the returned function is called (once). */
  reserve(learner: string): () => void {
    this.#opening.set(learner, (this.#opening.get(learner) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.#opening.get(learner) ?? 1) - 1;
      if (n > 0) this.#opening.set(learner, n);
      else this.#opening.delete(learner);
    };
  }

  /** Whether the learner has a live session (attached or in its grace period) on `host`. */
  hasSession(learner: string, host: string): boolean {
    for (const s of this.#sessions.values()) if (!s.ended && s.learner === learner && s.host === host) return true;
    return false;
  }

  /** The learner's live session `id` on `host`, if any. */
  find(id: string, learner: string, host: string): TerminalSession | undefined {
    const s = this.#sessions.get(id);
    return s && !s.ended && s.learner === learner && s.host === host ? s : undefined;
  }

  create(learner: string, host: string, shell: ShellHandle, rows?: number): TerminalSession {
    const id = randomBytes(16).toString('base64url');
    const session = new TerminalSession({
      id,
      learner,
      host,
      shell,
      timings: this.timings,
      rows,
      onEnd: (s) => {
        if (this.#sessions.get(s.id) === s) this.#sessions.delete(s.id);
      },
    });
    this.#sessions.set(id, session);
    return session;
  }

  all(): TerminalSession[] {
    return [...this.#sessions.values()];
  }

  closeAll(): void {
    for (const s of this.all()) s.close();
  }
}
