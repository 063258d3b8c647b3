import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { decodeProjectionSql, eventsTableColumns, quoteIdent, viewColumnsSql } from '../../store/schema.js';
import { prepareConnection } from './macros.js';
import type { StoreRef } from './stores.js';

/**
 * A small in-memory store for the conformance harness and the tests: the events table and one
 * view per store, exactly as the schema declares them, filled from CloudTrail JSON records. It
 * decodes with the schema's own json_transform projection, so queries see the same types a
 * real ingest produces. (Not the ingest pipeline: no dedup, no ledger.)
 */
export interface TestStore {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  stores: StoreRef[];
  close(): void;
}

export interface StoreInput {
  store: StoreRef;
  /** Event records (objects) or their JSON text. */
  records: { record: unknown; sourceFile?: string }[];
}

export async function createTestStore(inputs: StoreInput[]): Promise<TestStore> {
  const instance = await DuckDBInstance.create(':memory:', { storage_compatibility_version: 'latest' });
  const conn = await instance.connect();
  const cols = eventsTableColumns().map((c) => `${quoteIdent(c.name)} ${c.duck}`);
  await conn.run(`CREATE TABLE events (${cols.join(', ')})`);
  await conn.run('CREATE TABLE raw_events (j VARCHAR, storeId VARCHAR, sourceFile VARCHAR)');
  const app = await conn.createAppender('raw_events');
  for (const { store, records } of inputs) {
    for (const r of records) {
      app.appendVarchar(typeof r.record === 'string' ? r.record : JSON.stringify(r.record));
      app.appendVarchar(store.id);
      if (r.sourceFile === undefined) app.appendNull();
      else app.appendVarchar(r.sourceFile);
      app.endRow();
    }
  }
  app.closeSync();
  const { inner, outer } = decodeProjectionSql('j');
  await conn.run(
    `INSERT INTO events (${[...outer.map((o) => o.slice(o.lastIndexOf(' AS ') + 4)), '"eventJson"', '"storeId"', '"sourceFile"', '"fileKind"'].join(', ')})
     SELECT ${outer.join(', ')}, j, storeId, sourceFile, 'CloudTrail' FROM (SELECT ${inner}, j, storeId, sourceFile FROM raw_events)`,
  );
  await conn.run('DROP TABLE raw_events');
  for (const { store } of inputs) {
    await conn.run(`CREATE VIEW ${quoteIdent(store.id)} AS SELECT ${viewColumnsSql()} FROM events WHERE "storeId" = '${store.id}'`);
  }
  await prepareConnection(conn);
  // As the query session does: nothing outside the database from here on.
  await conn.run('SET enable_external_access = false');
  return {
    instance,
    conn,
    stores: inputs.map((i) => i.store),
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Every record of every `.json.gz` / `.json` CloudTrail file under `dir`. */
export function readCloudTrailFiles(dir: string): { record: unknown; sourceFile: string }[] {
  const out: { record: unknown; sourceFile: string }[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.json(\.gz)?$/.test(name) && name !== 'SOURCE.json') {
        const buf = readFileSync(p);
        const text = (name.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
        const doc = JSON.parse(text) as { Records?: unknown[] };
        for (const record of doc.Records ?? []) out.push({ record, sourceFile: relative(dir, p) });
      }
    }
  };
  walk(dir);
  return out;
}
