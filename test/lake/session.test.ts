import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { eventsTableColumns, quoteIdent, viewColumnsSql } from '../../src/store/schema.js';
import { checkReadOnly, LAKE_SESSION_SQL, prepareConnection, translateLake } from '../../src/query/lake/index.js';

/**
 * The query session opens the store read-only with external access off. The Lake macros and
 * settings must work there: TEMP macros live in the connection, not in the database file.
 */
describe('prepareConnection on a read-only store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctlake-lake-'));
  const path = join(dir, 'store.duckdb');
  const id = '5e2676f8-9fce-46ef-8142-3e36a94e6691';
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;

  beforeAll(async () => {
    const w = await DuckDBInstance.create(path, { storage_compatibility_version: 'latest' });
    const wc = await w.connect();
    await wc.run(`CREATE TABLE events (${eventsTableColumns().map((c) => `${quoteIdent(c.name)} ${c.duck}`).join(', ')})`);
    await wc.run(`INSERT INTO events ("eventName", "eventTime", "storeId", "resources", "eventJson") VALUES
      ('ConsoleLogin', TIMESTAMP '2023-01-22 10:00:00', '${id}', [{'accountId': NULL, 'type': 'AWS::S3::Object', 'arn': 'x', 'arnPrefix': NULL}], '{}')`);
    await wc.run(`CREATE VIEW "${id}" AS SELECT ${viewColumnsSql()} FROM events WHERE "storeId" = '${id}'`);
    wc.closeSync();
    w.closeSync();
    instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY', enable_external_access: 'false' });
    conn = await instance.connect();
    await prepareConnection(conn);
  });
  afterAll(() => {
    conn?.closeSync();
    instance?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  it('defines the macros and settings without writing to the file', async () => {
    const t = translateLake(
      "SELECT day_of_week(eventTime) AS d, any_match(resources, r -> r.type = 'AWS::S3::Object') AS s3, json_array_get('[1,2]', -1) AS j, 7 / 2 AS half FROM eds",
      { stores: [{ id, name: 'main' }] },
    );
    const rows = (await conn.runAndReadAll(t.sql)).getRowObjectsJson();
    expect(rows).toEqual([{ d: '7', s3: true, j: '2', half: 3 }]);
    expect(LAKE_SESSION_SQL.every((s) => /^(SET|CREATE OR REPLACE TEMP MACRO) /.test(s))).toBe(true);
  });

  it('keeps the translation read-only by construction (DuckDB rules on the output)', () => {
    const t = translateLake("SELECT 'x; DROP TABLE events' AS s FROM eds", { stores: [{ id, name: 'main' }] });
    expect(() => checkReadOnly(t.sql, 'duckdb')).not.toThrow();
  });

  it('cannot read files even if a query got through', async () => {
    await expect(conn.run("SELECT * FROM read_csv('/etc/hosts')")).rejects.toThrow(/disabled by configuration/);
  });
});
