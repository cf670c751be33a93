import type { Localized } from '../shared/i18n.ts';

/** Exit codes of `npm run grade` (docs/cli.md). */
export const EXIT = {
  /** Every check passed (skipped checks aside). */
  ok: 0,
  /** Graded, and some check failed, could not be judged, or is still pending. */
  notPassed: 1,
  /** Usage or invalid input: bad flag, unknown lab, bad config, malformed snapshot. */
  usage: 2,
  /** Could not collect: host unreachable, authentication failed, host key refused, timeout. */
  collect: 3,
  /** Interrupted (Ctrl-C), as shells report SIGINT. */
  interrupted: 130,
  /** A bug in this program (an unexpected exception). */
  internal: 70,
} as const;

/** An error the CLI explains in one line and maps to an exit code; never shows a stack. */
export class CliError extends Error {
  override name = 'CliError';
  readonly text: Localized;
  readonly exitCode: number;
  /** Print the usage summary after the message (wrong flags, missing lab). */
  readonly showUsage: boolean;
  constructor(text: Localized, exitCode: number, showUsage = false) {
    super(text.en);
    this.text = text;
    this.exitCode = exitCode;
    this.showUsage = showUsage;
  }
}

/** Wrong command line: exit 2 with the usage. */
export function usageError(text: Localized): CliError {
  return new CliError(text, EXIT.usage, true);
}

/** Invalid input file or value: exit 2. */
export function inputError(text: Localized): CliError {
  return new CliError(text, EXIT.usage);
}
