import { describe, expect, it } from 'vitest';
import { checkReadOnly, LakeSqlError, translateLake } from '../../src/query/lake/index.js';

const A = { id: '5e2676f8-9fce-46ef-8142-3e36a94e6691', name: 'main' };

function refusal(sql: string, dialect: 'lake' | 'duckdb' = 'lake'): LakeSqlError {
  try {
    checkReadOnly(sql, dialect);
  } catch (e) {
    if (e instanceof LakeSqlError) return e;
    throw e;
  }
  throw new Error(`not refused: ${sql}`);
}

/** One statement per refused class: each must be refused with E_NOT_READ_ONLY, pointing at the culprit. */
const REFUSED: [string, string, string][] = [
  ['COPY', "COPY (SELECT 1) TO '/tmp/x.csv'", 'COPY'],
  ['ATTACH', "ATTACH '/tmp/other.duckdb' AS o", 'ATTACH'],
  ['DETACH', 'DETACH o', 'DETACH'],
  ['INSTALL', 'INSTALL httpfs', 'INSTALL'],
  ['FORCE INSTALL', 'FORCE INSTALL httpfs', 'FORCE'],
  ['LOAD', 'LOAD httpfs', 'LOAD'],
  ['PRAGMA', 'PRAGMA enable_profiling', 'PRAGMA'],
  ['SET', 'SET enable_external_access = true', 'SET'],
  ['RESET', 'RESET threads', 'RESET'],
  ['CREATE', 'CREATE TABLE t AS SELECT 1', 'CREATE'],
  ['CREATE MACRO', 'CREATE MACRO m(a) AS a', 'CREATE'],
  ['DROP', 'DROP VIEW x', 'DROP'],
  ['ALTER', 'ALTER TABLE events RENAME TO e2', 'ALTER'],
  ['INSERT', 'INSERT INTO events SELECT * FROM events', 'INSERT'],
  ['UPDATE', "UPDATE events SET eventName = 'x'", 'UPDATE'],
  ['DELETE', 'DELETE FROM events', 'DELETE'],
  ['CALL', 'CALL pragma_version()', 'CALL'],
  ['EXPORT', "EXPORT DATABASE '/tmp/x'", 'EXPORT'],
  ['IMPORT', "IMPORT DATABASE '/tmp/x'", 'IMPORT'],
  ['CHECKPOINT', 'CHECKPOINT', 'CHECKPOINT'],
  ['USE', 'USE other', 'USE'],
  ['transactions', 'BEGIN TRANSACTION', 'BEGIN'],
  ['WITH ... INSERT', 'WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', 'INSERT'],
  ['a statement inside brackets', 'WITH x AS (DELETE FROM events RETURNING *) SELECT * FROM x', 'DELETE'],
  ['EXPLAIN of a write', 'EXPLAIN DELETE FROM events', 'DELETE'],
  ['read_csv', "SELECT * FROM read_csv('/etc/passwd')", 'read_csv'],
  ['read_csv_auto', "SELECT * FROM read_csv_auto('x.csv')", 'read_csv_auto'],
  ['read_json', "SELECT * FROM read_json('x.json')", 'read_json'],
  ['read_json_auto', "SELECT * FROM read_json_auto('x.json')", 'read_json_auto'],
  ['read_ndjson_objects', "SELECT * FROM read_ndjson_objects('x.json')", 'read_ndjson_objects'],
  ['read_parquet', "SELECT * FROM read_parquet('x.parquet')", 'read_parquet'],
  ['parquet_scan', "SELECT * FROM parquet_scan('x.parquet')", 'parquet_scan'],
  ['read_text', "SELECT * FROM read_text('/etc/hosts')", 'read_text'],
  ['read_blob', "SELECT * FROM read_blob('/etc/hosts')", 'read_blob'],
  ['glob', "SELECT * FROM glob('/etc/*')", 'glob'],
  ['sniff_csv', "SELECT * FROM sniff_csv('x.csv')", 'sniff_csv'],
  ['a file reader in a subquery', "SELECT * FROM eds WHERE eventName IN (SELECT * FROM read_csv('x'))", 'read_csv'],
  ['a qualified file reader', "SELECT * FROM main.read_parquet('x')", 'read_parquet'],
  ['query() runs SQL text', "SELECT * FROM query('DROP TABLE events')", 'query'],
  ['getenv', "SELECT getenv('HOME')", 'getenv'],
  ['a string literal as a table', "SELECT * FROM 'data.csv'", "'data.csv'"],
  ['a string literal after JOIN', "SELECT * FROM eds JOIN 's3://bucket/x.parquet' ON true", "'s3://bucket/x.parquet'"],
];

describe('checkReadOnly', () => {
  it.each(REFUSED)('refuses %s', (_name, sql, token) => {
    const e = refusal(sql);
    expect(e.code).toBe('E_NOT_READ_ONLY');
    expect(e.token).toBe(token);
    expect(e.line).toBe(1);
    expect(e.column).toBe(sql.indexOf(token) + 1);
    expect(refusal(sql, 'duckdb').code).toBe('E_NOT_READ_ONLY');
  });

  it('refuses a quoted file name as a table: in DuckDB text, and in Lake SQL once translated', () => {
    const e = refusal('SELECT * FROM eds, "data.parquet"', 'duckdb');
    expect(e).toMatchObject({ code: 'E_NOT_READ_ONLY', column: 20, token: '"data.parquet"' });
    try {
      translateLake('SELECT *\nFROM eds, "data.parquet"', { stores: [A] });
      throw new Error('not refused');
    } catch (err) {
      expect(err).toMatchObject({ code: 'E_NOT_READ_ONLY', line: 2, column: 11 });
    }
  });

  it('says why and what is allowed', () => {
    expect(refusal('SET threads = 1').message).toMatch(/SET changes settings: only SELECT queries can run/);
    expect(refusal("SELECT * FROM read_csv('x')").message).toMatch(/read_csv\(\) reads outside the event data stores/);
  });

  it('refuses a second statement', () => {
    const e = refusal('SELECT 1; DROP TABLE events');
    expect(e.code).toBe('E_MULTIPLE_STATEMENTS');
    expect(e.column).toBe(11);
  });

  it.each([
    'SELECT 1',
    'select eventName from eds;',
    'WITH a AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b',
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r',
    'VALUES (1), (2)',
    'EXPLAIN SELECT 1',
    'EXPLAIN ANALYZE SELECT 1',
    '(SELECT 1) UNION (SELECT 2)',
    'SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3',
    "SELECT 'DROP TABLE x; COPY y' AS s -- ; DELETE FROM x",
    "SELECT eventName AS \"delete\" FROM eds WHERE eventName = 'DeleteBucket'",
    'SELECT x FROM eds GROUP BY GROUPING SETS ((x), ())',
    'WITH t AS (SELECT 1 AS load, 2 AS "update") SELECT * FROM t WHERE (load > 0) AND ("update" = 2)',
    "SELECT from_json('{\"a\": 1}', '{\"a\": \"INTEGER\"}') AS j",
  ])('allows %s', (sql) => {
    expect(() => checkReadOnly(sql)).not.toThrow();
  });

  it("checks DuckDB text with DuckDB's lexical rules (E'' strings, $$ strings, nested comments)", () => {
    expect(refusal("SELECT E'\\'' ; COPY t TO 'x' ; --'", 'duckdb').code).toBe('E_MULTIPLE_STATEMENTS');
    expect(refusal('SELECT $$ x $$; DROP TABLE t', 'duckdb').code).toBe('E_MULTIPLE_STATEMENTS');
    expect(refusal('SELECT 1 /* a /* b */ ; */; DROP TABLE t', 'duckdb').code).toBe('E_MULTIPLE_STATEMENTS');
    expect(() => checkReadOnly('SELECT $$ ; DROP TABLE t $$', 'duckdb')).not.toThrow();
  });

  it('is applied by translateLake, with the position in the user\'s SQL', () => {
    try {
      translateLake("SELECT *\n  FROM read_parquet('x')", { stores: [A] });
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(LakeSqlError);
      expect(e).toMatchObject({ code: 'E_NOT_READ_ONLY', line: 2, column: 8 });
    }
  });
});
