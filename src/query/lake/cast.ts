import { rename, tpl, type Call, type Rw } from './call.js';
import { lastTopLevelAs } from './infer-type.js';
import { translateType } from './trino-types.js';
import type { Token } from './tokenizer.js';
import { isWord } from './tree.js';

/** EXTRACT fields whose DuckDB meaning differs (DuckDB's DOW counts from Sunday=0). */
const EXTRACT_FIELDS: Record<string, string> = {
  DOW: 'isodow',
  DAY_OF_WEEK: 'isodow',
  DOY: 'dayofyear',
  DAY_OF_YEAR: 'dayofyear',
  YOW: 'isoyear',
  YEAR_OF_WEEK: 'isoyear',
};

/** EXTRACT(field FROM x), with Trino's meaning of the fields. */
export function extractFn(rw: Rw, c: Call): void {
  const items = c.group.items;
  const field = items[0];
  if (c.args.length === 1 && isWord(field) && isWord(items[1], 'FROM')) {
    const duck = EXTRACT_FIELDS[field.upper];
    if (duck) {
      rw.out.tok(c.name, duck);
      rw.out.tok(c.group.open);
      rw.out.trivia(field);
      rw.out.trivia(items[1]);
      rw.expr(items.slice(2));
      rw.out.tok(c.group.close);
      return;
    }
  }
  rename(rw, c, c.name.text);
}

/**
 * CAST / TRY_CAST: Trino type names become DuckDB's, and three casts whose meaning differs
 * are rewritten: JSON to varchar (Trino unwraps the scalar), anything to JSON (Trino makes a
 * JSON value, it does not parse text), and timestamp to varchar (Trino prints milliseconds).
 */
export function castFn(rw: Rw, c: Call, isTry: boolean): void {
  const items = c.group.items;
  const asAt = lastTopLevelAs(items);
  if (asAt <= 0 || asAt === items.length - 1) throw rw.error(c.name, 'E_SYNTAX', `${c.name.text}(value AS type) is missing its type`);
  const exprNodes = items.slice(0, asAt);
  const typeNodes = items.slice(asAt + 1);
  const duckType = translateType(typeNodes);
  const from = rw.infer(exprNodes);
  const wrap = (fn: string): void => {
  const g = { ...c, args: [exprNodes], seps: [] };
  tpl(rw, g, [isTry ? `TRY(${fn}(` : `${fn}(`, 0, isTry ? '))' : ')']);
  };
  if (duckType === 'VARCHAR' && from?.kind === 'json') return wrap('lake_json_to_varchar');
  if (duckType === 'JSON') return wrap('to_json');
  if (duckType === 'VARCHAR' && from?.kind === 'scalar' && from.duck === 'TIMESTAMP') {
  const g = { ...c, args: [exprNodes], seps: [] };
  return tpl(rw, g, ['strftime(', 0, ", '%Y-%m-%d %H:%M:%S.%g')"]);
  }
  rw.out.tok(c.name);
  rw.out.tok(c.group.open);
  rw.expr(exprNodes);
  rw.out.tok(items[asAt] as Token);
  if (duckType !== undefined) {
  for (const n of typeNodes) if (n.kind !== 'group') rw.out.trivia(n);
  rw.out.text(` ${duckType}`, typeNodes[0]!.kind === 'group' ? typeNodes[0]!.open : typeNodes[0]!);
  } else rw.expr(typeNodes);
  rw.out.tok(c.group.close);
}
