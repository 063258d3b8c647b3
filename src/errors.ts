/**
 * Errors that reach the user carry a stable `code` (for scripts and tests) and a message that
 * says what to do next. The original low-level message is kept as `detail`.
 */
export class CtlakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'CtlakeError';
  }
}

/** Process exit codes, documented in the README. */
export const EXIT = {
  OK: 0,
  FAILED: 1,
  USAGE: 2,
  /** The work finished, but some input was rejected (listed on stderr / in --json). */
  PARTIAL: 3,
  /** `ctlake detect`: a high-severity rule matched events (for scripts and CI gates). */
  HIGH_SEVERITY_HITS: 4,
} as const;
