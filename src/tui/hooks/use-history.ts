import { useCallback, useState } from 'react';
import { appendHistory, readHistory, type HistoryEntry } from '../history-file.js';

export interface HistoryApi {
  entries: HistoryEntry[];
  add(e: HistoryEntry): void;
  error?: string;
}

/** Every run, newest first, persisted beside the store so it outlives the session. */
export function useHistory(path: string): HistoryApi {
  const [entries, setEntries] = useState<HistoryEntry[]>(() => safeRead(path));
  const [error, setError] = useState<string>();
  const add = useCallback(
    (e: HistoryEntry) => {
      setEntries((xs) => [e, ...xs]);
      try {
        appendHistory(path, e);
      } catch (err) {
        // A read-only folder must not stop querying: the run stays in this session's list.
        setError(`history not saved: ${(err as Error).message}`);
      }
    },
    [path],
  );
  return { entries, add, error };
}

function safeRead(path: string): HistoryEntry[] {
  try {
    return readHistory(path);
  } catch {
    return [];
  }
}
