import { quoteIdent } from '../../store/schema.js';
import type { Rw } from './call.js';
import type { Token } from './tokenizer.js';
import { isGroup, isOp, isTok, isWord, lastToken, type Node } from './tree.js';

/**
 * Output column names, as Trino gives them: a column or a dereference is named after its last
 * field (`userIdentity.arn` -> `arn`), anything else without an alias is `_col<position>`.
 * Aliases written without AS (`json_extract_scalar(...) securityGroup`) get an explicit AS,
 * and every alias is quoted, because DuckDB reserves words Trino allows as aliases (`key`,
 * `value`, `user`, `operator`).
 */

/** Trino's reserved words: never an alias unless quoted. */
export const TRINO_RESERVED = new Set(
  (
    'ALTER AND AS BETWEEN BY CASE CAST CONSTRAINT CREATE CROSS CUBE CURRENT_CATALOG CURRENT_DATE CURRENT_PATH CURRENT_ROLE ' +
    'CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DEALLOCATE DELETE DESCRIBE DISTINCT DROP ELSE END ESCAPE EXCEPT ' +
    'EXECUTE EXISTS EXTRACT FALSE FOR FROM FULL GROUP GROUPING HAVING IN INNER INSERT INTERSECT INTO IS JOIN JSON_ARRAY ' +
    'JSON_EXISTS JSON_OBJECT JSON_QUERY JSON_TABLE JSON_VALUE LEFT LIKE LISTAGG LOCALTIME LOCALTIMESTAMP NATURAL NORMALIZE NOT ' +
    'NULL ON OR ORDER OUTER PREPARE RECURSIVE RIGHT ROLLUP SELECT SKIP TABLE THEN TRIM TRUE UESCAPE UNION UNNEST USING VALUES ' +
    'WHEN WHERE WITH'
  ).split(' '),
);

/** Words that end an operand although they are keywords. */
const OPERAND_END = new Set(['END', 'NULL', 'TRUE', 'FALSE', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP']);
/** Non-reserved words that still never end an operand (so the word after them is not an alias). */
const OPERATOR_WORDS = new Set(['OVER', 'INTERVAL', 'AT', 'ZONE', 'TO', 'ARRAY', 'ROW', 'ANY', 'SOME', 'ALL', 'TIMESTAMP', 'DATE', 'TIME', 'DESC', 'ASC']);
const NOT_A_COLUMN = new Set([...OPERAND_END, 'CURRENT_USER']);

function isAliasName(n: Node | undefined): n is Token {
  if (!isTok(n)) return false;
  if (n.kind === 'qident') return true;
  return n.kind === 'word' && !TRINO_RESERVED.has(n.upper);
}

function endsOperand(p: Node[], idx: number): boolean {
  const n = p[idx];
  if (!n) return false;
  if (n.kind === 'group') return true;
  if (n.kind === 'string') {
    // INTERVAL '1' DAY: DAY is the interval's unit, not an alias.
    const before = p[idx - 1];
    const before2 = p[idx - 2];
    return !(isWord(before, 'INTERVAL') || (isOp(before, '-', '+') && isWord(before2, 'INTERVAL')));
  }
  if (['number', 'qident', 'ustring', 'bstring', 'param', 'dollar'].includes(n.kind)) return true;
  if (n.kind === 'word') {
    if (OPERAND_END.has(n.upper)) return true;
    return !TRINO_RESERVED.has(n.upper) && !OPERATOR_WORDS.has(n.upper);
  }
  return false;
}

function isIdent(n: Node | undefined): n is Token {
  return isTok(n) && (n.kind === 'qident' || (n.kind === 'word' && !NOT_A_COLUMN.has(n.upper)));
}

/** `a`, `a.b.c`: Trino (and DuckDB) name the column after the last part. */
function isColumnPath(p: Node[]): boolean {
  if (p.length % 2 === 0) return false;
  for (let k = 0; k < p.length; k++) {
    if (k % 2 === 0 ? !isIdent(p[k]) : !isOp(p[k], '.')) return false;
  }
  return true;
}

export function quoteAlias(t: Token): string {
  return t.kind === 'qident' ? t.text : quoteIdent(t.text);
}

/** Emits one select item (`k` is its 0-based position). */
export function selectItem(rw: Rw, p: Node[], k: number, comma: Token | undefined): void {
  const { out } = rw;
  const last = p[p.length - 1];
  if (!last) {
    const at = comma ?? null;
    if (at) throw rw.error(at, 'E_SYNTAX', 'empty select item: remove the extra comma');
    return;
  }
  if (isOp(last, '*') && (p.length === 1 || isOp(p[p.length - 2], '.'))) return rw.seq(p);

  if (p.length >= 3 && isAliasName(last) && isWord(p[p.length - 2], 'AS')) {
    rw.seq(p.slice(0, -2));
    out.tok(p[p.length - 2] as Token);
    out.tok(last, quoteAlias(last));
    return;
  }
  if (p.length >= 2 && isAliasName(last) && endsOperand(p, p.length - 2)) {
    rw.seq(p.slice(0, -1));
    out.trivia(last);
    out.text(out.endsSeparated() ? 'AS ' : ' AS ', last);
    out.tok(last, quoteAlias(last));
    return;
  }
  rw.seq(p);
  if (isColumnPath(p)) return;
  const end = lastToken(last);
  // A field of an expression, `element_at(resources, 1).arn`: named after the field.
  if (p.length >= 3 && isOp(p[p.length - 2], '.') && isIdent(last) && !isGroup(last)) {
    out.text(` AS ${quoteAlias(last)}`, end);
    return;
  }
  out.text(` AS "_col${k}"`, end);
}
