import { useCallback, useEffect, useState } from 'react';
import { samples as listSamples, saved as listSaved, type QueryInfo } from '../library-source.js';

export interface LibraryApi {
  samples: QueryInfo[];
  saved: QueryInfo[];
  error?: string;
  reloadSaved(): void;
}

/** The sample queries shipped with ctlake and the user's saved queries folder. */
export function useLibrary(queriesDir: string): LibraryApi {
  const [samples, setSamples] = useState<QueryInfo[]>([]);
  const [saved, setSaved] = useState<QueryInfo[]>([]);
  const [error, setError] = useState<string>();

  // A handful of small files: read synchronously, and a bad folder only costs its tab.
  const reloadSaved = useCallback(() => {
    try {
      setSaved(listSaved(queriesDir));
    } catch (e) {
      setError(`saved queries: ${(e as Error).message}`);
    }
  }, [queriesDir]);

  useEffect(() => {
    try {
      setSamples(listSamples());
    } catch (e) {
      setError(`samples: ${(e as Error).message}`);
    }
    reloadSaved();
  }, [reloadSaved]);

  return { samples, saved, error, reloadSaved };
}
