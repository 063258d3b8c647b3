import { CtlakeError } from '../errors.js';

/**
 * One running query's stop switch: Ctrl-C (cancel) and the time limit (timeout) both end in
 * DuckDB's interrupt on every connection the query uses. The interrupt is repeated until the
 * query is over, because an interrupt that lands between two statements (or before DuckDB has
 * started executing) would otherwise be lost and the query would run on.
 */
export class RunGuard {
  reason?: 'cancelled' | 'timeout';
  private readonly targets = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private repeat?: NodeJS.Timeout;

  constructor(readonly timeoutMs?: number) {
    if (timeoutMs !== undefined && timeoutMs > 0) this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
  }

  /** Registers something to interrupt; returns a function that unregisters it. */
  onStop(interrupt: () => void): () => void {
    this.targets.add(interrupt);
    if (this.reason) interrupt();
    return () => this.targets.delete(interrupt);
  }

  stop(reason: 'cancelled' | 'timeout'): void {
    if (this.reason) return;
    this.reason = reason;
    this.fire();
    this.repeat = setInterval(() => this.fire(), 100);
  }

  /** Throws the stop error if the query was stopped: call between steps. */
  check(): void {
    if (this.reason) throw this.error();
  }

  error(): CtlakeError {
    if (this.reason === 'timeout') {
      const s = Math.round((this.timeoutMs ?? 0) / 100) / 10;
      return new CtlakeError('E_TIMEOUT', `query timed out after ${s} s and was stopped: narrow it (a time range on eventTime, fewer joins) or raise the limit (--timeout)`);
    }
    return new CtlakeError('E_CANCELLED', 'query cancelled');
  }

  done(): void {
    clearTimeout(this.timer);
    clearInterval(this.repeat);
    this.targets.clear();
  }

  private fire(): void {
    for (const t of this.targets) {
      try {
        t();
      } catch {
        // A connection that is already closed has nothing left to interrupt.
      }
    }
  }
}
