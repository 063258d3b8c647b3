import { existsSync } from 'node:fs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { openQuerySession, type QuerySession } from '../../query/session.js';
import { storeStats, type StoreStats } from '../../store/catalog.js';
import { Db } from '../../store/duckdb.js';

export type StoreStatus = 'opening' | 'ready' | 'empty' | 'missing' | 'writing' | 'error';

export interface StoreState {
  status: StoreStatus;
  session?: QuerySession;
  stats: StoreStats[];
  error?: string;
}

export interface StoreApi extends StoreState {
  /**
   * Runs `fn` on a read-write handle: the read-only one is closed first and reopened after, since
   * DuckDB allows one writer and the process must not hold two instances of one file.
   */
  withWritable<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  refresh(): Promise<void>;
}

/** The store file, open read-only for queries (external access off), and its stores' figures. */
export function useStore(dbPath: string): StoreApi {
  const [state, setState] = useState<StoreState>({ status: 'opening', stats: [] });
  const dbRef = useRef<Db | undefined>(undefined);
  const alive = useRef(true);

  const close = () => {
    const db = dbRef.current;
    dbRef.current = undefined;
    if (db) db.close();
  };

  const open = useCallback(async () => {
    close();
    if (!existsSync(dbPath)) {
      if (alive.current) setState({ status: 'missing', stats: [] });
      return;
    }
    try {
      const db = await Db.open(dbPath, { readOnly: true, externalAccess: false });
      if (!alive.current) return db.close();
      dbRef.current = db;
      const session = await openQuerySession(db);
      const stats = await storeStats(db);
      const events = stats.reduce((a, s) => a + s.events, 0);
      if (alive.current) setState({ status: events ? 'ready' : 'empty', session, stats });
    } catch (e) {
      close();
      if (alive.current) setState({ status: 'error', stats: [], error: (e as Error).message });
    }
  }, [dbPath]);

  useEffect(() => {
    alive.current = true;
    void open();
    return () => {
      alive.current = false;
      close();
    };
  }, [open]);

  const withWritable = useCallback(
    async <T,>(fn: (db: Db) => Promise<T>): Promise<T> => {
      close();
      setState((s) => ({ ...s, status: 'writing', session: undefined }));
      let db: Db | undefined;
      try {
        db = await Db.openForIngest(dbPath);
        return await fn(db);
      } finally {
        db?.close();
        await open();
      }
    },
    [dbPath, open],
  );

  return { ...state, withWritable, refresh: open };
}
