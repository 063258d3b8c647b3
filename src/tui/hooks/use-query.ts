import { useCallback, useEffect, useRef, useState } from 'react';
import { CtlakeError } from '../../errors.js';
import type { QueryResult } from '../../query/run-query.js';
import type { QuerySession } from '../../query/session.js';

export type Dialect = 'lake' | 'duckdb';

export interface QueryState {
  running: boolean;
  startedAt?: number;
  /** The SQL of the run shown (or running). */
  sql?: string;
  result?: QueryResult;
  /** Bumped per finished run, so views can reset their selection. */
  runId: number;
}

export interface QueryApi extends QueryState {
  run(sql: string, dialect: Dialect): void;
  /** True when there was a query to cancel. */
  cancel(): boolean;
}

/**
 * Runs one query at a time through the session. DuckDB does the work on its own threads and the
 * promise resolves later, so the UI keeps drawing (spinner, elapsed) and Esc can interrupt it.
 */
export function useQuery(session: QuerySession | undefined, maxRows: number, onDone?: (sql: string, r: QueryResult, dialect: Dialect) => void): QueryApi {
  const [state, setState] = useState<QueryState>({ running: false, runId: 0 });
  const running = useRef(false);
  const alive = useRef(true);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (running.current) session?.cancel();
    };
  }, [session]);

  const run = useCallback(
    (sql: string, dialect: Dialect) => {
      if (!session || running.current || !sql.trim()) return;
      running.current = true;
      setState((s) => ({ ...s, running: true, startedAt: Date.now(), sql }));
      void session.run(sql, { maxRows, dialect }).then(
        (result) => {
          running.current = false;
          if (!alive.current) return;
          setState((s) => ({ running: false, sql, result, runId: s.runId + 1 }));
          done.current?.(sql, result, dialect);
        },
        (e: unknown) => {
          // session.run reports query errors in the result; this is a bug or a closed store.
          running.current = false;
          if (!alive.current) return;
          const error = new CtlakeError('E_INTERNAL', (e as Error).message);
          setState((s) => ({ running: false, sql, result: { columns: [], rows: [], truncated: false, elapsedMs: 0, error }, runId: s.runId + 1 }));
        },
      );
    },
    [session, maxRows],
  );

  const cancel = useCallback(() => {
    if (!running.current || !session) return false;
    session.cancel();
    return true;
  }, [session]);

  return { ...state, run, cancel };
}
