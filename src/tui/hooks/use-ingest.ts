import { useCallback, useRef, useState } from 'react';
import { ingest, type IngestSummary } from '../../ingest/ingest.js';
import type { IngestProgress } from '../../ingest/progress.js';
import type { StoreApi } from './use-store.js';

export interface IngestState {
  running: boolean;
  progress?: IngestProgress;
  summary?: IngestSummary;
  error?: string;
}

export interface IngestApi extends IngestState {
  start(paths: string[]): Promise<IngestSummary | undefined>;
  reset(): void;
}

/**
 * Ingest from inside the workbench: the store is reopened read-write for the run (see
 * useStore.withWritable), progress is the ingest library's own model, redrawn at most 10 times a
 * second so a fast load does not flood the terminal.
 */
export function useIngest(store: StoreApi, jobs?: number): IngestApi {
  const [state, setState] = useState<IngestState>({ running: false });
  const last = useRef(0);

  const start = useCallback(
    async (paths: string[]) => {
      setState({ running: true });
      try {
        const summary = await store.withWritable((db) =>
          ingest(db, {
            paths,
            jobs,
            onProgress: (p) => {
              const now = Date.now();
              if (now - last.current < 100 && p.filesDone < p.filesTotal) return;
              last.current = now;
              setState((s) => ({ ...s, progress: { ...p } }));
            },
          }),
        );
        setState((s) => ({ ...s, running: false, summary }));
        return summary;
      } catch (e) {
        setState((s) => ({ ...s, running: false, error: (e as Error).message }));
        return undefined;
      }
    },
    [store.withWritable, jobs],
  );

  return { ...state, start, reset: () => setState({ running: false }) };
}
