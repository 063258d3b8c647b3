import { KEYWORDS, isFunctionName } from './sql-words.js';

/**
 * A forgiving SQL lexer for highlighting: never throws, covers every character of the input, and
 * treats an unterminated string or comment as running to the end (so typing an opening quote
 * colours the rest, as editors do).
 */

export type TokenKind = 'keyword' | 'function' | 'string' | 'number' | 'comment' | 'ident' | 'quoted' | 'param' | 'storeId' | 'op' | 'space';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    out.push({ kind, start: i, end });
    i = end;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const rest = sql.slice(i, i + 2);
    if (/\s/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j]!)) j++;
      push('space', j);
    } else if (rest === '--') {
      const nl = sql.indexOf('\n', i);
      push('comment', nl < 0 ? sql.length : nl);
    } else if (rest === '/*') {
      const close = sql.indexOf('*/', i + 2);
      push('comment', close < 0 ? sql.length : close + 2);
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j++; // doubled quote escapes itself
          else break;
        }
      }
      push(ch === "'" ? 'string' : 'quoted', Math.min(j + 1, sql.length));
    } else if (UUID.test(sql.slice(i, i + 36)) && !/[\w-]/.test(sql[i + 36] ?? '') && !/[\w]/.test(sql[i - 1] ?? '')) {
      // A bare event data store id, as Lake writes `FROM <eds-id>`.
      push('storeId', i + 36);
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(sql[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(sql.slice(i))!;
      push('number', i + m[0].length);
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][\w]*/.exec(sql.slice(i))!;
      const word = m[0];
      const next = sql.slice(i + word.length).match(/^\s*\(/);
      const kind: TokenKind = KEYWORDS.has(word.toLowerCase()) ? 'keyword' : next && isFunctionName(word) ? 'function' : 'ident';
      push(kind, i + word.length);
    } else if (ch === '$' || ch === '?' || (ch === '<' && /^<\w[\w -]*>/.test(sql.slice(i)))) {
      // Placeholders of published queries: $EDS_ID, <EDS ID>, ?.
      const m = /^(\$\{?\w+\}?|\?|<\w[\w -]*>)/.exec(sql.slice(i));
      push('param', i + (m ? m[0].length : 1));
    } else {
      push('op', i + 1);
    }
  }
  return out;
}

export interface Segment {
  text: string;
  kind: TokenKind;
}

/** Cuts the tokens into per-line segments (a token may span lines: comments, strings). */
export function segmentLines(sql: string, tokens: Token[] = tokenize(sql)): Segment[][] {
  const lines: Segment[][] = [[]];
  for (const t of tokens) {
    const parts = sql.slice(t.start, t.end).split('\n');
    parts.forEach((p, k) => {
      if (k > 0) lines.push([]);
      if (p) lines[lines.length - 1]!.push({ text: p, kind: t.kind });
    });
  }
  return lines;
}
