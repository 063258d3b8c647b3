import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/query/lake/tokenizer.js';

const kinds = (sql: string, dialect: 'lake' | 'duckdb' = 'lake'): [string, string][] =>
  tokenize(sql, dialect).filter((t) => t.kind !== 'eof').map((t) => [t.kind, t.text]);

describe('tokenizer', () => {
  it('reads string literals with doubled quotes, quoted identifiers and both comment styles', () => {
    const toks = tokenize(`SELECT 'it''s -- not /* a comment', "a ""b""" -- line\n/* block */ FROM x`);
    expect(toks.map((t) => t.text)).toEqual(['SELECT', "'it''s -- not /* a comment'", ',', '"a ""b"""', 'FROM', 'x', '']);
    const from = toks[4]!;
    expect(from.lead).toBeLessThan(from.start); // the comments stay in the trivia before FROM
  });

  it('reads store ids and placeholders as one table word, only in table position', () => {
    expect(kinds('SELECT a-b FROM 5e2676f8-9fce-46ef-8142-3e36a94e6691, eds-id JOIN <EDS ID> ON x < y')).toEqual([
      ['word', 'SELECT'],
      ['word', 'a'],
      ['op', '-'],
      ['word', 'b'],
      ['word', 'FROM'],
      ['tableword', '5e2676f8-9fce-46ef-8142-3e36a94e6691'],
      ['op', ','],
      ['tableword', 'eds-id'],
      ['word', 'JOIN'],
      ['tableword', '<EDS ID>'],
      ['word', 'ON'],
      ['word', 'x'],
      ['op', '<'],
      ['word', 'y'],
    ]);
    expect(kinds('SELECT * FROM {{replace with your event data store id}} WHERE a')[3]).toEqual(['tableword', '{{replace with your event data store id}}']);
    expect(kinds('SELECT * FROM $EDS_ID')[3]).toEqual(['tableword', '$EDS_ID']);
  });

  it('does not treat FROM inside functions or IS DISTINCT FROM as a table position', () => {
    const toks = tokenize("SELECT extract(year FROM a-b), x IS DISTINCT FROM y-z, trim(BOTH 'x' FROM s) FROM eds");
    expect(toks.filter((t) => t.kind === 'tableword').map((t) => t.text)).toEqual([]);
    expect(toks.filter((t) => t.tablePos).map((t) => t.text)).toEqual(['eds']);
  });

  it('reads lambdas, dashboard variables and parameters', () => {
    expect(kinds("x -> x.a, $StartTime$, '?', ?, ${date_filter}")).toEqual([
      ['word', 'x'],
      ['op', '->'],
      ['word', 'x'],
      ['op', '.'],
      ['word', 'a'],
      ['op', ','],
      ['dollar', '$StartTime$'],
      ['op', ','],
      ['string', "'?'"],
      ['op', ','],
      ['param', '?'],
      ['op', ','],
      ['dollar', '${date_filter}'],
    ]);
  });

  it("follows DuckDB's lexical rules when asked", () => {
    expect(kinds("SELECT E'a\\'b', $$x;y$$, $1", 'duckdb')).toEqual([
      ['word', 'SELECT'],
      ['estring', "E'a\\'b'"],
      ['op', ','],
      ['dstring', '$$x;y$$'],
      ['op', ','],
      ['param', '$1'],
    ]);
  });
});
