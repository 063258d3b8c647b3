import { sqlError } from './errors.js';

/**
 * A tokenizer for CloudTrail Lake SQL (Trino's lexical rules), plus DuckDB's lexical rules for
 * the read-only check of text that DuckDB itself will parse.
 *
 * Whitespace and comments are not tokens: each token remembers where the trivia before it
 * starts (`lead`), so a rewriter can copy comments through byte for byte.
 *
 * Lake writes the table as the bare event data store id (`FROM 5e2676f8-9fce-...`), or as one of
 * many placeholders (`<EDS ID>`, `{{...}}`, `$EDS_ID`, `eds-id`). None of these is a Trino token,
 * so right after FROM / JOIN / a comma of a FROM clause the tokenizer reads them as one
 * `tableword`. Elsewhere `a-b` stays a subtraction.
 */

export type TokKind =
  | 'word' // identifier or keyword
  | 'qident' // "quoted identifier"
  | 'string' // 'literal'
  | 'ustring' // U&'literal' (Trino)
  | 'bstring' // X'hex' (Trino)
  | 'estring' // E'literal' (DuckDB)
  | 'dstring' // $$literal$$ (DuckDB)
  | 'number'
  | 'op'
  | 'param' // ? (and $1 / $name in DuckDB)
  | 'dollar' // $EDS_ID, $StartTime$, ${date_filter} (Lake placeholders)
  | 'tableword' // an unquoted store id or placeholder in table position
  | 'eof';

export interface Token {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
  /** Start of the whitespace/comments before this token. */
  lead: number;
  /** Upper-case text, for keyword tests. */
  upper: string;
  /** The first token of a table reference (after FROM, JOIN, or a comma of a FROM clause). */
  tablePos: boolean;
  /** Index in the token array. */
  index: number;
}

export type Dialect = 'lake' | 'duckdb';

const OPS = ['->', '=>', '<=', '>=', '<>', '!=', '||', '::', ':='];
const WORD_START = /[\p{L}_]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const CLAUSE_END = new Set(['WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW', 'QUALIFY']);
/** Words that cannot name a table, even right after FROM (so `FROM FROM x` stays a syntax error). */
const NOT_TABLE = new Set(['FROM', 'SELECT', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'UNION', 'JOIN', 'ON', 'VALUES', 'TABLE', 'WITH']);

interface Level {
  sawSelect: boolean;
  inFrom: boolean;
}

export function tokenize(src: string, dialect: Dialect = 'lake'): Token[] {
  const out: Token[] = [];
  const levels: Level[] = [{ sawSelect: false, inFrom: false }];
  let i = 0;
  const n = src.length;

  const level = (): Level => levels[levels.length - 1]!;
  const prevSig = (k = 1): Token | undefined => out[out.length - k];

  const push = (kind: TokKind, start: number, end: number, lead: number, tablePos: boolean): Token => {
    const text = src.slice(start, end);
    const t: Token = { kind, text, start, end, lead, upper: kind === 'word' ? text.toUpperCase() : text, tablePos, index: out.length };
    out.push(t);
    return t;
  };

  /** Is the next token the start of a table reference? Decided from the tokens already read. */
  const atTablePosition = (): boolean => {
    const p = prevSig();
    if (!p) return false;
    if (p.kind === 'word' && p.upper === 'JOIN') return true;
    if (p.kind === 'word' && p.upper === 'FROM') {
      const pp = prevSig(2);
      // IS [NOT] DISTINCT FROM, and FROM inside extract(...)/trim(...)/substring(...) are not clauses.
      return level().sawSelect && !(pp && pp.kind === 'word' && pp.upper === 'DISTINCT');
    }
    return p.kind === 'op' && p.text === ',' && level().inFrom;
  };

  while (true) {
    const lead = i;
    // Trivia: whitespace and comments.
    for (;;) {
      const c = src[i];
      if (c === undefined) break;
      if (/\s/.test(c)) {
        i++;
      } else if (c === '-' && src[i + 1] === '-') {
        while (i < n && src[i] !== '\n') i++;
      } else if (c === '/' && src[i + 1] === '*') {
        const open = i;
        i += 2;
        let depth = 1;
        while (i < n && depth > 0) {
          if (src[i] === '*' && src[i + 1] === '/') {
            depth--;
            i += 2;
          } else if (dialect === 'duckdb' && src[i] === '/' && src[i + 1] === '*') {
            depth++; // DuckDB (like PostgreSQL) nests block comments; Trino does not.
            i += 2;
          } else i++;
        }
        if (depth > 0) throw sqlError(src, open, 'E_SYNTAX', 'unterminated /* comment: add the closing */', '/*');
      } else break;
    }
    if (i >= n) {
      push('eof', n, n, lead, false);
      return out;
    }
    const start = i;
    const c = src[i]!;
    const tablePos = atTablePosition();

    if (tablePos) {
      const tw = scanTableWord(src, i, dialect);
      if (tw > i) {
        const word = src.slice(i, tw);
        const plainWord = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(word);
        if (!plainWord) {
          i = tw;
          push('tableword', start, i, lead, true);
          continue;
        }
      }
    }

    // String literals, with Trino's and DuckDB's prefixes.
    const c1 = src[i + 1];
    if (c === "'") {
      i = scanQuoted(src, i, "'");
      push('string', start, i, lead, tablePos);
    } else if ((c === 'U' || c === 'u') && c1 === '&' && src[i + 2] === "'" && dialect === 'lake') {
      i = scanQuoted(src, i + 2, "'");
      push('ustring', start, i, lead, tablePos);
    } else if ((c === 'X' || c === 'x') && c1 === "'" && dialect === 'lake') {
      i = scanQuoted(src, i + 1, "'");
      push('bstring', start, i, lead, tablePos);
    } else if ((c === 'E' || c === 'e') && c1 === "'" && dialect === 'duckdb') {
      i = scanEString(src, i + 1);
      push('estring', start, i, lead, tablePos);
    } else if (c === '"') {
      i = scanQuoted(src, i, '"');
      push('qident', start, i, lead, tablePos);
    } else if (c === '$') {
      i = scanDollar(src, i, dialect);
      const text = src.slice(start, i);
      const kind: TokKind =
        text === '$' ? 'op' : dialect === 'duckdb' ? (/^\$[\p{L}_\d]*\$/u.test(text) ? 'dstring' : 'param') : tablePos ? 'tableword' : 'dollar';
      push(kind, start, i, lead, tablePos);
    } else if (/[0-9]/.test(c) || (c === '.' && c1 !== undefined && /[0-9]/.test(c1))) {
      i = scanNumber(src, i);
      push('number', start, i, lead, tablePos);
    } else if (WORD_START.test(c)) {
      i++;
      while (i < n && WORD_CHAR.test(src[i]!)) i++;
      const before = prevSig();
      const t = push('word', start, i, lead, tablePos);
      if (t.tablePos && NOT_TABLE.has(t.upper)) t.tablePos = false;
      trackClauses(t, before, levels);
    } else if (c === '?') {
      i++;
      push('param', start, i, lead, tablePos);
    } else if (c === '`') {
      throw sqlError(src, i, 'E_SYNTAX', 'backquoted identifiers are not supported: use "double quotes"', '`');
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      i += op ? op.length : 1;
      const t = push('op', start, i, lead, false);
      if (t.text === '(' || t.text === '[') levels.push({ sawSelect: false, inFrom: false });
      else if ((t.text === ')' || t.text === ']') && levels.length > 1) levels.pop();
      else if (t.text === ';') levels.splice(0, levels.length, { sawSelect: false, inFrom: false });
    }
  }
}

function trackClauses(t: Token, before: Token | undefined, levels: Level[]): void {
  const l = levels[levels.length - 1]!;
  if (t.upper === 'SELECT') {
    l.sawSelect = true;
    l.inFrom = false;
  } else if (t.upper === 'FROM' && l.sawSelect && !(before?.kind === 'word' && before.upper === 'DISTINCT')) l.inFrom = true;
  else if (CLAUSE_END.has(t.upper)) l.inFrom = false;
}

/** End of a quoted literal or identifier starting at `i` (the quote), with doubled-quote escapes. */
function scanQuoted(src: string, i: number, q: string): number {
  const open = i;
  i++;
  for (;;) {
    const j = src.indexOf(q, i);
    if (j < 0) {
      const what = q === "'" ? 'string literal' : 'quoted identifier';
      throw sqlError(src, open, 'E_SYNTAX', `unterminated ${what}: add the closing ${q}`, src.slice(open, Math.min(src.length, open + 20)));
    }
    if (src[j + 1] === q) i = j + 2;
    else return j + 1;
  }
}

function scanEString(src: string, i: number): number {
  const open = i;
  i++;
  while (i < src.length) {
    if (src[i] === '\\') i += 2;
    else if (src[i] === "'" && src[i + 1] === "'") i += 2;
    else if (src[i] === "'") return i + 1;
    else i++;
  }
  throw sqlError(src, open, 'E_SYNTAX', "unterminated string literal: add the closing '", src.slice(open, open + 20));
}

function scanDollar(src: string, i: number, dialect: Dialect): number {
  const rest = src.slice(i);
  if (dialect === 'duckdb') {
    // $tag$ ... $tag$ quoting, or a $1 / $name parameter.
    const tag = /^\$([\p{L}_][\p{L}\p{N}_]*)?\$/u.exec(rest);
    if (tag) {
      const end = src.indexOf(tag[0], i + tag[0].length);
      if (end < 0) throw sqlError(src, i, 'E_SYNTAX', `unterminated ${tag[0]} string`, tag[0]);
      return end + tag[0].length;
    }
    const p = /^\$[\p{L}\p{N}_]+/u.exec(rest);
    return i + (p ? p[0].length : 1);
  }
  const m = /^\$\{[^}\n]*\}/.exec(rest) ?? /^\$[A-Za-z_][A-Za-z0-9_]*\$?/.exec(rest);
  return i + (m ? m[0].length : 1);
}

function scanNumber(src: string, i: number): number {
  const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i, i + 400));
  return i + (m ? m[0].length : 1);
}

/**
 * In table position: the extent of an unquoted store id or placeholder, or `i` if there is none.
 * `<EDS ID>` and `{{...}}` are read whole; words may be joined by hyphens (UUIDs, `eds-id`).
 */
function scanTableWord(src: string, i: number, dialect: Dialect): number {
  const rest = src.slice(i, i + 300);
  if (dialect === 'lake') {
    const angle = /^<[A-Za-z0-9 _\-$.]{1,80}>/.exec(rest);
    if (angle && /[A-Za-z]/.test(angle[0])) return i + angle[0].length;
    const curly = /^\{\{[^{}\n]{0,200}\}\}/.exec(rest);
    if (curly) return i + curly[0].length;
  }
  const word = /^[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*/u.exec(rest);
  return word ? i + word[0].length : i;
}
