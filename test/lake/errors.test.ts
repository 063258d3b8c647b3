import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeSqlError, mapDuckDbError, translateLake } from '../../src/query/lake/index.js';
import type { TestStore } from '../../src/query/lake/test-store.js';
import { fixtureStore, lakeError, STORE_A } from './fixture.js';

/** Errors point at the user's SQL: line, column and token there, never in the translated text. */
describe('errors in the user\'s terms', () => {
  let st: TestStore;
  beforeAll(async () => {
    st = await fixtureStore();
  });
  afterAll(() => st.close());

  it.each([
    ['a repeated keyword', 'SELECT eventName\nFROM eds-id\nWHERE WHERE eventName = 1', 'E_SYNTAX', 3, 7, 'WHERE'],
    ["'< =' with a space", "SELECT *\nFROM eds-ID\nWHERE eventtime >='2023-01-05' and eventtime < ='2023-01-19'", 'E_SYNTAX', 3, 48, '='],
    ['a keyword glued to a name', 'SELECT eventName, count(*) AS n FROM $EDS_ID\nGROUP BY eventNameORDER BY n', 'E_SYNTAX', 2, 25, 'BY'],
    ['an unknown column after rewritten calls', "SELECT element_at(requestParameters, 'x'), any_match(resources, r -> r.arn = 'x'),\n  nosuchcol FROM <EDS ID>", 'E_COLUMN_NOT_FOUND', 2, 3, 'nosuchcol'],
    ['an unknown struct field', 'SELECT userIdentity.nosuch FROM eds', 'E_COLUMN_NOT_FOUND', 1, 21, 'nosuch'],
    ['a column of another kind of store', "SELECT eventTime\nFROM eds\nWHERE eventData.eventSource = 'x'", 'E_NOT_CLOUDTRAIL_COLUMN', 3, 7, 'eventData'],
    ['an unknown function', 'SELECT eventName, frobnicate(eventName) FROM eds', 'E_FUNCTION_NOT_FOUND', 1, 19, 'frobnicate'],
    ['a column not in GROUP BY', 'SELECT eventName, eventSource FROM eds GROUP BY eventName', 'E_SEMANTIC', 1, 19, 'eventSource'],
    ['an unknown date_add unit', "SELECT date_add('fortnight', 1, eventTime) FROM eds", 'E_INVALID_VALUE', 1, 8, 'date_add'],
    ['a bad timestamp literal', "SELECT * FROM eds WHERE eventTime > 'yesterday'", 'E_TYPE', 1, 37, "'yesterday'"],
    ['multi-byte text before the error', "-- café — résumé 😀\nSELECT 'ü' AS a, eventName FROM eds WHERE WHERE", 'E_SYNTAX', 2, 43, 'WHERE'],
    [
      'a long line (DuckDB shows an excerpt)',
      `SELECT ${Array.from({ length: 20 }, (_, i) => `eventName AS c${i}`).join(', ')}, nosuchcol FROM eds`,
      'E_COLUMN_NOT_FOUND',
      1,
      8 + Array.from({ length: 20 }, (_, i) => `eventName AS c${i}`).join(', ').length + 2,
      'nosuchcol',
    ],
  ])('%s', async (_name, sql, code, line, column, token) => {
    const e = await lakeError(st, sql);
    expect(e).toBeInstanceOf(LakeSqlError);
    expect({ code: e.code, line: e.line, column: e.column, token: e.token }).toEqual({ code, line, column, token });
    expect(e.message).toMatch(new RegExp(`^line ${line}:${column}: `));
  });

  it('explains what a Config / integration column means here', async () => {
    const e = await lakeError(st, "SELECT * FROM eds WHERE metadata.channelArn = 'x' AND eventData.uid IS NOT NULL");
    expect(e.message).toContain('column "metadata" does not exist: this store holds CloudTrail events; metadata belongs to integration');
    expect(e.message).toContain('eventData');
  });

  it.each([
    ['an unterminated string', "SELECT 'abc FROM eds", 'E_SYNTAX', 1, 8],
    ['an unclosed parenthesis', 'SELECT count(* FROM eds', 'E_SYNTAX', 1, 13],
    ['a stray parenthesis', 'SELECT 1) FROM eds', 'E_SYNTAX', 1, 9],
    ['an unterminated comment', 'SELECT 1 /* FROM eds', 'E_SYNTAX', 1, 10],
    ['an empty query', '  -- nothing\n', 'E_EMPTY', 2, 1],
    ['two statements', 'SELECT 1 FROM eds;\nSELECT 2', 'E_MULTIPLE_STATEMENTS', 2, 1],
    ['a ? without values', 'SELECT * FROM eds WHERE eventName = ?', 'E_PARAM', 1, 37],
    ['an unfilled template placeholder', 'SELECT * FROM eds WHERE eventID = $EVENT_ID', 'E_PARAM', 1, 35],
    ['a lambda without parameter names', 'SELECT filter(resources, 1 -> true) FROM eds', 'E_SYNTAX', 1, 28],
    ['wrong number of arguments', 'SELECT element_at(requestParameters) FROM eds', 'E_FUNCTION_ARGS', 1, 8],
  ])('%s', (_name, sql, code, line, column) => {
    let err: unknown;
    try {
      translateLake(sql, { stores: [STORE_A] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LakeSqlError);
    expect({ code: (err as LakeSqlError).code, line: (err as LakeSqlError).line, column: (err as LakeSqlError).column }).toEqual({ code, line, column });
  });

  it('checks the number of parameter values', () => {
    const run = (params: string[]): string => {
      try {
        translateLake('SELECT * FROM eds WHERE eventName = ? AND eventSource = ?', { stores: [STORE_A], params });
        return 'ok';
      } catch (e) {
        return (e as LakeSqlError).code;
      }
    };
    expect(run(['a', 'b'])).toBe('ok');
    expect(run(['a'])).toBe('E_PARAM');
    expect(run(['a', 'b', 'c'])).toBe('E_PARAM');
  });

  it("reads DuckDB's JSON error format too", () => {
    const sql = 'SELECT nosuchcol FROM eds';
    const t = translateLake(sql, { stores: [STORE_A] });
    const pos = t.sql.indexOf('nosuchcol');
    const e = mapDuckDbError(
      new Error(`Binder Error: ${JSON.stringify({ exception_type: 'Binder', exception_message: 'Referenced column "nosuchcol" not found in FROM clause!', position: String(pos) })}`.replace(/^Binder Error: /, '')),
      sql,
      t,
    );
    expect(e).toMatchObject({ code: 'E_COLUMN_NOT_FOUND', line: 1, column: 8, token: 'nosuchcol' });
  });

  it('names Trino functions, not our macros, in messages', async () => {
    const e = await lakeError(st, "SELECT json_extract_scalar(eventName, 1, 2) FROM eds");
    expect(e.code).toBe('E_FUNCTION_ARGS');
    const e2 = await lakeError(st, "SELECT date_add('day', 'x', eventTime) FROM eds");
    expect(e2.message).not.toMatch(/lake_/);
  });
});
