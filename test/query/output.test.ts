import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { Db } from '../../src/store/duckdb.js';
import { formatForPath, writeResultFile } from '../../src/query/output.js';
import { openQuerySession, type QuerySession } from '../../src/query/session.js';
import { tempDir } from '../helpers/cli.js';
import { buildSampleStore, openReadOnly, sha256 } from './fixture.js';

/**
 * File outputs read back by other readers: Parquet with DuckDB's read_parquet (in a separate
 * instance), Arrow IPC with apache-arrow's tableFromIPC. A refused, failed or cancelled query
 * leaves no file.
 */

let tmp: ReturnType<typeof tempDir>;
let path: string;
let db: Db;
let s: QuerySession;
let reader: Db;
let out: string;

const EVENTS_SQL = 'SELECT eventID, eventTime, eventName, readOnly, userIdentity, requestParameters, resources FROM $EDS_ID ORDER BY eventID';

beforeAll(async () => {
  tmp = tempDir();
  path = await buildSampleStore(tmp.dir);
  db = await openReadOnly(path);
  s = await openQuerySession(db);
  reader = await Db.open(':memory:');
  out = join(tmp.dir, 'out');
  mkdirSync(out);
});
afterAll(() => {
  db?.close();
  reader?.close();
  tmp?.cleanup();
});

const files = () => readdirSync(out).sort();

describe('parquet', () => {
  it('holds the same rows and nested types as the store', async () => {
    const file = join(out, 'events.parquet');
    const r = await writeResultFile(s, EVENTS_SQL, file, { format: 'parquet' });
    const expected = await s.run(EVENTS_SQL);
    expect(r).toEqual({ rows: expected.rows.length, truncated: false });
    const back = await reader.all<{ eventID: string; eventTime: Date; userIdentity: { arn: string | null }; requestParameters: unknown; resources: unknown }>(
      `SELECT * FROM read_parquet('${file}') ORDER BY eventID`,
    );
    expect(back).toHaveLength(expected.rows.length);
    const types = await reader.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({
      eventTime: 'TIMESTAMP',
      readOnly: 'BOOLEAN',
      requestParameters: 'MAP(VARCHAR, VARCHAR)',
    });
    expect(types.find((t) => t.column_name === 'userIdentity')!.column_type).toMatch(/^STRUCT\("type" VARCHAR/);
    expect(back[0]!.eventID).toBe(expected.rows[0]![0]);
    expect(back[0]!.eventTime.toISOString()).toBe(expected.rows[0]![1]);
  });

  it('--max-rows cuts it and says so', async () => {
    const r = await writeResultFile(s, EVENTS_SQL, join(out, 'few.parquet'), { format: 'parquet', maxRows: 7 });
    expect(r).toEqual({ rows: 7, truncated: true });
    expect(await reader.all(`SELECT * FROM read_parquet('${join(out, 'few.parquet')}')`)).toHaveLength(7);
  });

  it('works with DuckDB SQL and bound parameters too', async () => {
    const file = join(out, 'p.parquet');
    const r = await writeResultFile(s, 'SELECT eventName FROM "default" WHERE eventName = ?;', file, { format: 'parquet', dialect: 'duckdb', params: ['AssumeRole'] });
    expect(r.rows).toBeGreaterThan(0);
    const back = await reader.all<{ eventName: string }>(`SELECT DISTINCT eventName FROM read_parquet('${file}')`);
    expect(back).toEqual([{ eventName: 'AssumeRole' }]);
  });
});

describe('arrow', () => {
  it('reads back with tableFromIPC, with Arrow struct / list / map / timestamp types', async () => {
    const file = join(out, 'events.arrow');
    const r = await writeResultFile(s, EVENTS_SQL, file, { format: 'arrow' });
    const expected = await s.run(EVENTS_SQL);
    expect(r.rows).toBe(expected.rows.length);
    const t = tableFromIPC(readFileSync(file));
    expect(t.numRows).toBe(expected.rows.length);
    const types = Object.fromEntries(t.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types.eventID).toBe('Utf8');
    expect(types.eventTime).toBe('Timestamp<MICROSECOND>');
    expect(types.readOnly).toBe('Bool');
    expect(types.userIdentity).toMatch(/^Struct<\{type:Utf8, principalId:Utf8/);
    expect(types.requestParameters).toBe('Map<{key:Utf8, value:Utf8}>');
    expect(types.resources).toMatch(/^List<Struct<\{accountId:Utf8/);
    const row0 = t.get(0)!.toJSON() as Record<string, unknown>;
    expect(row0.eventID).toBe(expected.rows[0]![0]);
    expect(new Date(row0.eventTime as number).toISOString()).toBe(expected.rows[0]![1]);
    const ui = (t.getChild('userIdentity')!.get(0) as { toJSON(): Record<string, unknown> }).toJSON();
    expect(ui.arn).toBe((expected.rows[0]![4] as { arn: string }).arn);
  });

  it('keeps aggregates as integers (HUGEINT sums → Int64) and writes an empty result with its schema', async () => {
    const file = join(out, 'agg.arrow');
    await writeResultFile(s, "SELECT eventName, count(*) AS n, sum(CAST(1 AS bigint)) AS total FROM $EDS_ID GROUP BY 1", file, { format: 'arrow' });
    const t = tableFromIPC(readFileSync(file));
    expect(String(t.schema.fields[1]!.type)).toBe('Int64');
    expect(String(t.schema.fields[2]!.type)).toBe('Int64');
    const empty = join(out, 'empty.arrow');
    const r = await writeResultFile(s, "SELECT eventName FROM $EDS_ID WHERE eventName = 'nothing'", empty, { format: 'arrow' });
    expect(r.rows).toBe(0);
    const te = tableFromIPC(readFileSync(empty));
    expect(te.numRows).toBe(0);
    expect(te.schema.fields.map((f) => f.name)).toEqual(['eventName']);
  });
});

describe('no file unless the query succeeds', () => {
  it('a refused statement creates nothing (not even a temp file)', async () => {
    const before = files();
    for (const format of ['parquet', 'arrow', 'csv', 'json'] as const) {
      await expect(writeResultFile(s, "SELECT * FROM read_csv('/etc/hosts')", join(out, `refused.${format}`), { format })).rejects.toMatchObject({ code: 'E_NOT_READ_ONLY' });
      await expect(writeResultFile(s, "COPY (SELECT 1) TO '/tmp/x'", join(out, `refused2.${format}`), { format })).rejects.toMatchObject({ code: 'E_NOT_READ_ONLY' });
    }
    await expect(writeResultFile(s, 'SELECT nosuch FROM $EDS_ID', join(out, 'bad.parquet'), { format: 'parquet' })).rejects.toMatchObject({ code: 'E_COLUMN_NOT_FOUND' });
    expect(files()).toEqual(before);
  });

  it('a cancelled or timed-out write leaves no file and the store unchanged', async () => {
    const before = files();
    const hash = sha256(path);
    const slow = 'SELECT a.eventName FROM $EDS_ID a, $EDS_ID b, $EDS_ID c, $EDS_ID d WHERE a.eventName <> d.eventName';
    for (const format of ['parquet', 'arrow', 'ndjson'] as const) {
      const p = writeResultFile(s, slow, join(out, `slow.${format}`), { format });
      setTimeout(() => s.cancel(), 300);
      await expect(p).rejects.toMatchObject({ code: 'E_CANCELLED' });
      await expect(writeResultFile(s, slow, join(out, `slow2.${format}`), { format, timeoutMs: 300 })).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    }
    expect(files()).toEqual(before);
    expect(sha256(path)).toBe(hash);
  });

  it('a missing folder is a clear error', async () => {
    await expect(writeResultFile(s, 'SELECT 1', join(out, 'nope', 'x.csv'), { format: 'csv' })).rejects.toThrow(/the folder .*nope does not exist/);
  });
});

it('infers the format from the file name', () => {
  expect(['a.parquet', 'a.arrow', 'a.ipc', 'a.feather', 'a.csv', 'a.tsv', 'a.json', 'a.ndjson', 'a.jsonl', 'a.txt', 'a.xyz'].map(formatForPath)).toEqual([
    'parquet', 'arrow', 'arrow', 'arrow', 'csv', 'tsv', 'json', 'ndjson', 'ndjson', 'table', undefined,
  ]);
});
