import { describe, expect, test } from 'vitest';
import { complete } from '../../src/tui/sql-complete.js';
import { segmentLines, tokenize } from '../../src/tui/sql-tokens.js';

const STORES = [{ id: '30dc6a69-cf94-4ae2-a7ee-34d366237839', name: 'default' }];
const at = (sql: string) => complete(sql.replace('|', ''), sql.indexOf('|'), STORES);
const labels = (sql: string) => at(sql).items.map((i) => i.label);

describe('highlighting', () => {
  test('token kinds', () => {
    const sql = `SELECT count(*), 'it''s' FROM 30dc6a69-cf94-4ae2-a7ee-34d366237839 -- note\nWHERE x = 1.5 AND y = $EDS_ID`;
    const kinds = tokenize(sql)
      .filter((t) => t.kind !== 'space')
      .map((t) => `${t.kind}:${sql.slice(t.start, t.end)}`);
    expect(kinds).toEqual([
      'keyword:SELECT', 'function:count', 'op:(', 'op:*', 'op:)', 'op:,', "string:'it''s'", 'keyword:FROM',
      'storeId:30dc6a69-cf94-4ae2-a7ee-34d366237839', 'comment:-- note', 'keyword:WHERE', 'ident:x', 'op:=', 'number:1.5',
      'keyword:AND', 'ident:y', 'op:=', 'param:$EDS_ID',
    ]);
  });

  test('a comment or string spanning lines is cut per line; an unterminated one runs to the end', () => {
    const lines = segmentLines("/* a\nb */ SELECT 'x\ny");
    expect(lines[0]).toEqual([{ text: '/* a', kind: 'comment' }]);
    expect(lines[1]![0]).toEqual({ text: 'b */', kind: 'comment' });
    expect(lines[2]).toEqual([{ text: 'y', kind: 'string' }]);
  });
});

describe('completion', () => {
  test('column names by prefix, any case', () => {
    expect(labels('SELECT eventn|')).toEqual(['eventName']);
    expect(labels('SELECT useri|')[0]).toBe('userIdentity');
  });

  test('nested struct fields after a dot, at any depth, through a table alias', () => {
    expect(labels('SELECT userIdentity.|')).toContain('sessionContext');
    expect(labels('SELECT userIdentity.sessionContext.sessionIssuer.user|')).toEqual(['userName']);
    expect(labels('SELECT e.useridentity.ty| FROM x e')).toEqual(['type', 'identityProvider']); // prefix first, then substring
    expect(labels('SELECT resources[1].a|')).toEqual(['accountId', 'arn', 'arnPrefix']);
    expect(labels('SELECT eventName.|')).toEqual([]);
    expect(labels('SELECT e.eventn| FROM x e')).toEqual(['eventName']);
  });

  test('functions, and store ids after FROM', () => {
    const c = at('SELECT json_extract_s|');
    expect(c.items[0]).toMatchObject({ label: 'json_extract_scalar()', insert: 'json_extract_scalar(' });
    expect(c.from).toBe(7);
    expect(labels('SELECT * FROM |')).toEqual([STORES[0]!.id, 'default']);
    expect(labels('SELECT * FROM 30dc|')).toEqual([STORES[0]!.id]);
  });
});
