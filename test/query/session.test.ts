import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/duckdb.js';
import { openQuerySession, withoutFinalSemicolon, type QuerySession } from '../../src/query/session.js';
import type { LakeSqlError } from '../../src/query/lake/index.js';
import { tempDir } from '../helpers/cli.js';
import { buildSampleStore, openReadOnly, sha256 } from './fixture.js';

/**
 * The query session over a real store: Lake SQL translated, DuckDB SQL passed through, both
 * read-only checked; parameters; errors pointing into the user's SQL; cancel and time limits.
 */

const SLOW = 'SELECT count(*) FROM $EDS_ID a, $EDS_ID b, $EDS_ID c, $EDS_ID d WHERE a.eventName <> d.eventName';

let tmp: ReturnType<typeof tempDir>;
let path: string;
let db: Db;
let s: QuerySession;
let events: number;

beforeAll(async () => {
  tmp = tempDir();
  path = await buildSampleStore(tmp.dir);
  db = await openReadOnly(path);
  s = await openQuerySession(db);
  events = Number((await s.run('SELECT count(*) AS n FROM "default"', { dialect: 'duckdb' })).rows[0]![0]);
});
afterAll(() => {
  db?.close();
  tmp?.cleanup();
});

describe('dialects', () => {
  it('lake: placeholders, store ids and names resolve to the store; the DuckDB SQL is returned', async () => {
    const id = s.stores[0]!.id;
    for (const from of ['$EDS_ID', '<EDS ID>', id, 'default']) {
      const r = await s.run(`SELECT count(*) AS n FROM ${from}`);
      expect(r.error, from).toBeUndefined();
      expect(r.rows).toEqual([[events]]);
      expect(r.sql).toContain(`"${id}"`);
    }
  });

  it('lake: Trino functions are translated (element_at on a map, date_trunc)', async () => {
    const r = await s.run("SELECT element_at(requestParameters, 'bucketName') AS b, date_trunc('day', eventTime) AS d FROM $EDS_ID WHERE eventName = 'GetObject' LIMIT 1");
    expect(r.error).toBeUndefined();
    expect(typeof r.rows[0]![0]).toBe('string');
    expect(r.rows[0]![1]).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/);
  });

  it('duckdb: passed through (store names are views), trailing ";" allowed', async () => {
    const r = await s.run('SELECT count(*) AS n FROM "default";', { dialect: 'duckdb' });
    expect(r.rows).toEqual([[events]]);
    expect(withoutFinalSemicolon('SELECT 1; -- done')).toBe('SELECT 1');
    expect(withoutFinalSemicolon("SELECT ';' AS x")).toBe("SELECT ';' AS x");
  });

  it('both dialects refuse anything that is not a query, before DuckDB sees it', async () => {
    for (const sql of [
      "COPY (SELECT 1) TO '/tmp/x.csv'",
      "ATTACH '/tmp/x.db'",
      'INSTALL httpfs',
      'LOAD httpfs',
      'PRAGMA version',
      'SET threads = 1',
      'CREATE TABLE t AS SELECT 1',
      'DROP VIEW "default"',
      'DELETE FROM events',
      "SELECT * FROM read_csv('/etc/hosts')",
      "SELECT * FROM read_json('/etc/hosts')",
      "SELECT * FROM read_parquet('/tmp/x.parquet')",
      "SELECT * FROM glob('/etc/*')",
      "SELECT * FROM read_text('/etc/hosts')",
      "SELECT * FROM '/etc/hosts'",
      'SELECT 1; DROP TABLE events',
    ]) {
      for (const dialect of ['lake', 'duckdb'] as const) {
        const r = await s.run(sql, { dialect });
        expect(r.error?.code, `${dialect}: ${sql}`).toMatch(/^E_(NOT_READ_ONLY|MULTIPLE_STATEMENTS)$/);
      }
    }
  });

  it('locks the configuration once the session is set up (defense in depth)', async () => {
    await expect(db.run('SET threads = 1')).rejects.toThrow(/configuration has been locked/);
    await expect(db.run("SELECT * FROM read_text('/etc/hosts')")).rejects.toThrow(/disabled by configuration/);
  });
});

describe('parameters', () => {
  it('fills ? markers in Lake SQL', async () => {
    const r = await s.run('SELECT count(*) AS n FROM $EDS_ID WHERE eventName = ? AND eventTime >= ?', { params: ['AssumeRole', '2024-01-01 00:00:00'] });
    expect(r.error).toBeUndefined();
    expect(r.rows[0]![0]).toBeGreaterThan(0);
    const missing = await s.run('SELECT count(*) FROM $EDS_ID WHERE eventName = ?');
    expect(missing.error?.code).toBe('E_PARAM');
  });

  it('binds ? in DuckDB SQL', async () => {
    const r = await s.run('SELECT count(*) AS n FROM "default" WHERE eventName = ?', { dialect: 'duckdb', params: ['AssumeRole'] });
    expect(r.error).toBeUndefined();
    expect(r.rows[0]![0]).toBeGreaterThan(0);
  });

  it('fills the dashboard variables $StartTime$ / $EndTime$', async () => {
    const sql = "SELECT count(*) AS n FROM $EDS_ID WHERE eventTime >= '$StartTime$' AND eventTime < '$EndTime$'";
    const all = await s.run(sql, { dashboard: { StartTime: '2000-01-01 00:00:00', EndTime: '2100-01-01 00:00:00' } });
    const none = await s.run(sql, { dashboard: { StartTime: '2000-01-01 00:00:00', EndTime: '2000-01-02 00:00:00' } });
    expect(all.error).toBeUndefined();
    expect(all.rows).toEqual([[events]]);
    expect(none.rows).toEqual([[0]]);
  });
});

describe('errors', () => {
  it('point at the user\'s Lake SQL (line and column), not the translation', async () => {
    const r = await s.run('SELECT eventName,\n       nosuchcolumn\nFROM $EDS_ID');
    const e = r.error as LakeSqlError;
    expect(e.code).toBe('E_COLUMN_NOT_FOUND');
    expect([e.line, e.column]).toEqual([2, 8]);
    expect(e.message).toMatch(/^line 2:8: column nosuchcolumn cannot be resolved/);
  });

  it('a syntax error is an error result, never a throw', async () => {
    const r = await s.run('SELEC 1');
    expect(r.error).toBeDefined();
    expect(r.rows).toEqual([]);
  });
});

describe('cancel and time limit', () => {
  it('--timeout interrupts a slow query with a clear message; the session keeps working', async () => {
    const started = Date.now();
    const r = await s.run(SLOW, { timeoutMs: 300 });
    expect(r.error?.code).toBe('E_TIMEOUT');
    expect(r.error?.message).toMatch(/timed out after 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await s.run('SELECT 1 AS x')).rows).toEqual([[1]]);
  });

  it('cancel() interrupts a running query (E_CANCELLED) and is a no-op when idle', async () => {
    s.cancel(); // idle: must not poison the next query
    const running = s.run(SLOW);
    setTimeout(() => s.cancel(), 200);
    const r = await running;
    expect(r.error?.code).toBe('E_CANCELLED');
    expect(r.error?.message).toBe('query cancelled');
    expect((await s.run('SELECT 2 AS x')).rows).toEqual([[2]]);
  });

  it('leaves the store file byte-for-byte unchanged', async () => {
    const before = sha256(path);
    const running = s.run(SLOW);
    setTimeout(() => s.cancel(), 100);
    await running;
    expect(sha256(path)).toBe(before);
  });
});
