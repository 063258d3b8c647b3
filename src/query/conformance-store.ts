import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../ingest/ingest.js';
import { Db } from '../store/duckdb.js';
import type { ConformanceRunner } from './lake/conformance.js';
import { openQuerySession } from './session.js';

/**
 * The conformance store the way a user gets it: `realdata` through the real ingest pipeline
 * into a DuckDB file, then queried through a read-only query session (translator, safety
 * checks, error mapping) — the same path as `ctlake query`.
 */
export async function realStoreRunner(realdata: string): Promise<ConformanceRunner & { close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ctlake-conformance-'));
  const path = join(dir, 'conformance.duckdb');
  const writer = await Db.open(path, { memoryLimit: '512MB' });
  try {
    await ingest(writer, { paths: [realdata], store: 'conformance' });
  } finally {
    writer.close();
  }
  const db = await Db.open(path, { readOnly: true, externalAccess: false });
  const session = await openQuerySession(db);
  const store = session.stores[0]!;
  const sample = await session.run(`SELECT eventID FROM "${store.id}" WHERE eventID IS NOT NULL ORDER BY eventTime LIMIT 1`, { dialect: 'duckdb' });
  return {
    storeId: store.id,
    sampleEventId: String(sample.rows[0]?.[0] ?? 'no-event'),
    async run(sql, o) {
      const r = await session.run(sql, { dialect: 'lake', ...(o.params ? { params: o.params } : {}), dashboard: o.dashboard });
      if (r.error) throw r.error;
      return r.rows.length;
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
