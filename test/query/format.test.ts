import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/store/duckdb.js';
import { formatResult, formatTable, TextWriter, textSink } from '../../src/query/format.js';
import { readSql, streamSql, type QueryResult } from '../../src/query/run-query.js';

/**
 * The text formats, fed by real DuckDB results (so the types are DuckDB's, not hand-made):
 * CSV quoting, JSON keeping types, NDJSON one object per line, the table's width and its
 * "showing N of >N rows" footer, and the streaming writer agreeing with the buffered one.
 */

const SQL = `SELECT * FROM (VALUES
  (1, 'plain', 1.5, true, TIMESTAMP '2024-03-01 12:00:00', MAP {'bucketName': 'b', 'key': 'k'}, {'type': 'IAMUser', 'n': 2}, ['a', 'b'], NULL::VARCHAR, 9007199254740993::BIGINT),
  (2, 'comma, "quote"' || chr(10) || 'newline', -2.25, false, TIMESTAMP '2024-03-02 00:00:00.5', MAP {}, {'type': NULL, 'n': NULL}, [], 'x', 3::BIGINT)
) AS t(id, s, d, b, ts, m, st, l, nul, big)`;

let db: Db;
let r: QueryResult;

beforeAll(async () => {
  db = await Db.open(':memory:');
  r = { ...(await readSql(db.conn, SQL)), elapsedMs: 0 };
});
afterAll(() => db.close());

describe('csv and tsv', () => {
  it('quotes fields with commas, quotes and newlines (RFC 4180) and writes nested values as JSON', () => {
    const csv = formatResult(r, 'csv');
    expect(csv.split('\n')[0]).toBe('id,s,d,b,ts,m,st,l,nul,big');
    expect(csv).toContain('1,plain,1.5,true,2024-03-01T12:00:00.000Z,"{""bucketName"":""b"",""key"":""k""}","{""type"":""IAMUser"",""n"":2}","[""a"",""b""]",,9007199254740993\n');
    expect(csv).toContain('2,"comma, ""quote""\nnewline",-2.25,false,2024-03-02T00:00:00.500Z,{},"{""type"":null,""n"":null}",[],x,3\n');
  });

  it('tsv flattens tabs and newlines inside values', () => {
    const tsv = formatResult(r, 'tsv').split('\n');
    expect(tsv[2]).toMatch(/^2\tcomma, "quote" newline\t-2.25\tfalse\t/);
    expect(tsv).toHaveLength(4);
  });
});

describe('json and ndjson', () => {
  it('keep types: numbers, booleans, nulls, objects, arrays; timestamps as ISO-8601 UTC', () => {
    const rows = JSON.parse(formatResult(r, 'json')) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      id: 1,
      s: 'plain',
      d: 1.5,
      b: true,
      ts: '2024-03-01T12:00:00.000Z',
      m: { bucketName: 'b', key: 'k' },
      st: { type: 'IAMUser', n: 2 },
      l: ['a', 'b'],
      nul: null,
      // beyond 2^53: a string, never a rounded number
      big: '9007199254740993',
    });
    expect(rows[1]!.b).toBe(false);
    expect(rows[1]!.big).toBe(3);
  });

  it('ndjson is one compact object per line', () => {
    const lines = formatResult(r, 'ndjson').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toMatchObject({ id: 2, m: {}, l: [] });
    expect(lines[0]).not.toMatch(/\n/);
  });

  it('an empty result is [] in json, nothing in ndjson, just the header in csv', () => {
    const empty: QueryResult = { columns: r.columns, rows: [], truncated: false, elapsedMs: 0 };
    expect(formatResult(empty, 'json')).toBe('[]\n');
    expect(formatResult(empty, 'ndjson')).toBe('');
    expect(formatResult(empty, 'csv')).toBe('id,s,d,b,ts,m,st,l,nul,big\n');
  });

  it('repeated column names get suffixes instead of losing values', async () => {
    const dup = { ...(await readSql(db.conn, 'SELECT 1 AS n, 2 AS n')), elapsedMs: 0 };
    expect(JSON.parse(formatResult(dup, 'ndjson'))).toEqual({ n: 1, n_2: 2 });
  });
});

describe('streaming writer', () => {
  it('writes exactly what the buffered formatter writes, chunk by chunk', async () => {
    const big = `SELECT range AS i, 'row ' || range AS s, range % 2 = 0 AS even FROM range(5000)`;
    const all = { ...(await readSql(db.conn, big)), elapsedMs: 0 };
    for (const format of ['csv', 'tsv', 'json', 'ndjson'] as const) {
      let out = '';
      let writes = 0;
      const w = new TextWriter(format, (s) => {
        out += s;
        writes++;
      });
      await streamSql(db.conn, big, textSink(w));
      w.end();
      expect(out).toBe(formatResult(all, format));
      expect(writes).toBeGreaterThan(2); // DuckDB hands out 2048-row chunks
    }
  });

  it('stops at maxRows and says the result was cut', async () => {
    let out = '';
    const w = new TextWriter('ndjson', (s) => (out += s));
    const res = await streamSql(db.conn, 'SELECT range AS i FROM range(5000)', textSink(w), { maxRows: 2500 });
    expect(res).toEqual({ rows: 2500, truncated: true });
    expect(out.trimEnd().split('\n')).toHaveLength(2500);
  });
});

describe('table', () => {
  it('says "showing N of >N rows" when maxRows cut the result', async () => {
    const cut = { ...(await readSql(db.conn, 'SELECT range AS i FROM range(10)', { maxRows: 3 })), elapsedMs: 0 };
    expect(cut.truncated).toBe(true);
    expect(formatTable(cut, 80)).toMatch(/showing 3 of >3 rows \(raise --max-rows to see more\)\n$/);
    const whole = { ...(await readSql(db.conn, 'SELECT range AS i FROM range(3)', { maxRows: 3 })), elapsedMs: 0 };
    expect(formatTable(whole, 80)).toMatch(/\n3 rows\n$/);
  });

  it('fits the given width, shortening the widest values with …', async () => {
    const wide = { ...(await readSql(db.conn, `SELECT repeat('x', 300) AS long, 'short' AS s, 42 AS n`)), elapsedMs: 0 };
    const lines = formatTable(wide, 60).split('\n').filter((l) => l.startsWith('│') || l.startsWith('┌'));
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    expect(formatTable(wide, 60)).toContain('…');
    expect(formatTable(wide, 60)).toContain('short');
  });

  it('shows every value whole when the width is unbounded (output piped)', async () => {
    const wide = { ...(await readSql(db.conn, `SELECT repeat('x', 300) AS long`)), elapsedMs: 0 };
    const t = formatTable(wide, Infinity);
    expect(t).toContain('x'.repeat(300));
    expect(t).not.toContain('…');
  });

  it('right-aligns numeric columns and prints NULL for nulls', () => {
    const t = formatTable(r, Infinity);
    expect(t).toMatch(/│  1 │ plain/);
    expect(t).toContain('NULL');
  });
});
