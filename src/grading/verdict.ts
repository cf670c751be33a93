import type { Localized } from '../shared/i18n.ts';
import type { CheckStatus, Evidence } from '../shared/report.ts';

/** What one check decided. Points are filled in by the runner from the status. */
export interface Verdict {
  status: CheckStatus;
  message: Localized;
  hint?: Localized;
  evidence?: Evidence[];
  data?: unknown;
}

type Extra = { evidence?: Evidence[]; data?: unknown };

export function passed(message: Localized, extra: Extra = {}): Verdict {
  return { status: 'passed', message, ...extra };
}

export function failed(message: Localized, hint: Localized, extra: Extra = {}): Verdict {
  return { status: 'failed', message, hint, ...extra };
}

/** Could not look: never costs points, always says why. */
export function errored(message: Localized, hint: Localized, extra: Extra = {}): Verdict {
  return { status: 'error', message, hint, ...extra };
}

/** Still converging (e.g. replicas starting); re-check later. */
export function pending(message: Localized, hint: Localized, extra: Extra = {}): Verdict {
  return { status: 'pending', message, hint, ...extra };
}

export function skipped(message: Localized, extra: Extra = {}): Verdict {
  return { status: 'skipped', message, ...extra };
}

/**
 * Thrown inside a check when the evidence it needs is not there (probe absent, failed, or
 * unparseable). The runner turns it into an `error` verdict; a check never has to handle it.
 */
export class CannotLook extends Error {
  readonly reason: Localized;
  readonly hint: Localized;
  readonly evidence: Evidence[];
  constructor(reason: Localized, hint: Localized, evidence: Evidence[] = []) {
    super(reason.en);
    this.name = 'CannotLook';
    this.reason = reason;
    this.hint = hint;
    this.evidence = evidence;
  }
}

const MAX_EXCERPT = 4000;

/** Bounds an excerpt so a huge probe output never bloats a report. */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}
