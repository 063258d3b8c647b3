import { toOriginal } from './emitter.js';
import { LakeSqlError, sqlError } from './errors.js';
import { MACRO_ORIGINS } from './macros.js';
import { tokenize, type Token } from './tokenizer.js';
import type { Translated } from './translate.js';

/**
 * A DuckDB error about translated text, turned into a LakeSqlError about the user's SQL: the
 * position goes back through the translation map, names of our macros become the Trino
 * functions they stand for, and columns that only exist in other kinds of event data stores
 * get a message saying so.
 */

/** Columns of Lake's other event data store schemas, with the kind of store that has them. */
const FOREIGN_COLUMNS: Record<string, string> = {
  eventdata: 'AWS Config / integration event data stores',
  metadata: 'integration (non-AWS event) data stores',
  insightsource: 'CloudTrail Insights event data stores',
  insightstate: 'CloudTrail Insights event data stores',
  insighteventsource: 'CloudTrail Insights event data stores',
  insighteventname: 'CloudTrail Insights event data stores',
  insighterrorcode: 'CloudTrail Insights event data stores',
  insighttype: 'CloudTrail Insights event data stores',
  insightcontext: 'CloudTrail Insights event data stores',
};

const CODES: Record<string, string> = {
  Parser: 'E_SYNTAX',
  Binder: 'E_SEMANTIC',
  Catalog: 'E_SEMANTIC',
  Conversion: 'E_TYPE',
  'Invalid Input': 'E_INVALID_VALUE',
  'Out of Range': 'E_INVALID_VALUE',
  Interrupt: 'E_CANCELLED',
  'Out of Memory': 'E_OUT_OF_MEMORY',
};

export function mapDuckDbError(err: Error, original: string, t: Translated): LakeSqlError {
  if (err instanceof LakeSqlError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const { type, message, outPos } = parseDuckDbMessage(raw, t.sql);
  const tokens = safeTokens(original);
  let origPos = outPos === undefined ? undefined : toOriginal(t.map, outPos);
  let reason = firstParagraph(message).replace(/\blake_(\w+)\b/g, (m, name: string) => (MACRO_ORIGINS[m] ? name : m));
  let code = CODES[type] ?? 'E_QUERY_FAILED';

  const missing = /Referenced (?:column|table) "([^"]+)" not found/.exec(message) ?? /(?:Table|Values list) "[^"]+" does not have a column named "([^"]+)"/.exec(message);
  const foreign = missing && FOREIGN_COLUMNS[missing[1]!.toLowerCase()];
  if (missing && foreign) {
    const name = missing[1]!;
    const tok = findName(tokens, name, origPos);
    if (tok) origPos = tok.start;
    const spelled = tok?.text ?? name;
    const others = otherForeign(tokens, name);
    code = 'E_NOT_CLOUDTRAIL_COLUMN';
    reason =
      `column "${spelled}" does not exist: this store holds CloudTrail events; ${spelled} belongs to ${foreign}` +
      (others.length ? ` (so do ${others.join(', ')}, also used here)` : '');
  } else if (missing) {
    code = 'E_COLUMN_NOT_FOUND';
    const of = /(?:Table|Values list) "([^"]+)" does not have/.exec(message);
    const hint = /Candidate bindings: ([^\n]+)/.exec(message);
    reason = `column ${of ? `${of[1]}.` : ''}${missing[1]} cannot be resolved${hint ? ` (did you mean ${hint[1]!.trim().replace(/^:\s*/, '')}?)` : ''}`;
    if (origPos === undefined) origPos = findName(tokens, missing[1]!, undefined)?.start;
  } else if (/Could not find key "([^"]+)" in struct/.test(message)) {
    const field = /Could not find key "([^"]+)"/.exec(message)![1]!;
    const hint = /Candidate Entries: ([^\n]+)/.exec(message);
    code = 'E_COLUMN_NOT_FOUND';
    reason = `field ${field} does not exist${hint ? ` (this struct has ${hint[1]!.trim()})` : ''}`;
    const tok = tokens.find((x, i) => x.kind === 'word' && x.text.toLowerCase() === field.toLowerCase() && tokens[i - 1]?.text === '.');
    if (tok && (origPos === undefined || Math.abs(tok.start - origPos) < 200)) origPos = tok.start;
  } else if (type === 'Parser') {
    const tok = tokenAt(tokens, origPos);
    if (tok && /syntax error at or near/.test(reason)) reason = `syntax error at or near "${tok.text}"`;
  } else if (/Scalar Function with name (\w+) does not exist|Table Function with name (\w+) does not exist/.test(reason)) {
    const fn = /with name (\w+)/.exec(reason)![1]!;
    code = 'E_FUNCTION_NOT_FOUND';
    reason = `function ${fn} is not supported by ctlake's Lake dialect (it is neither a Trino function ctlake translates nor a DuckDB function)`;
    if (origPos === undefined) origPos = findName(tokens, fn, undefined)?.start;
  }
  if (origPos === undefined) {
    // Our own checks say `<function>: ...` (date_add: unknown unit): point at that function.
    const fn = /^(\w+): /.exec(reason)?.[1];
    if (fn) origPos = tokens.find((x) => x.kind === 'word' && x.text.toLowerCase() === fn)?.start;
  }
  if (origPos === undefined) {
    // No position from DuckDB (runtime errors, some binder errors): point at a name it quotes.
    for (const m of message.matchAll(/["']([^"'\n]{1,200})["']/g)) {
      const name = m[1]!.toLowerCase();
      const tok =
        findName(tokens, m[1]!, undefined) ??
        tokens.find((x) => x.text === `'${m[1]}'` || (x.kind === 'word' && x.text.toLowerCase() === name));
      if (tok) {
        origPos = tok.start;
        break;
      }
    }
  }
  const at = origPos ?? tokens[0]?.start ?? 0;
  return sqlError(original, at, code, reason, tokenAt(tokens, at)?.text, raw);
}

export function parseDuckDbMessage(raw: string, sql: string): { type: string; message: string; outPos?: number } {
  if (raw.startsWith('{')) {
    try {
      const j = JSON.parse(raw) as { exception_type?: string; exception_message?: string; position?: string };
      const pos = j.position !== undefined ? Number(j.position) : undefined;
      const outPos = pos !== undefined && Number.isFinite(pos) ? codePointsToIndex(sql, pos) : undefined;
      return { type: j.exception_type ?? '', message: j.exception_message ?? raw, ...(outPos !== undefined ? { outPos } : {}) };
    } catch {
      /* not JSON after all */
    }
  }
  const m = /^([A-Za-z ]+?) Error: ([\s\S]*)$/.exec(raw);
  const type = m ? m[1]! : '';
  let message = m ? m[2]! : raw;
  const lineAt = message.search(/\n\s*LINE \d+: /);
  if (lineAt < 0) return { type, message };
  const excerpt = message.slice(lineAt).replace(/^\n+/, '');
  message = message.slice(0, lineAt);
  const outPos = excerptPosition(excerpt, sql);
  return outPos === undefined ? { type, message } : { type, message, outPos };
}

/** DuckDB shows `LINE n: <snippet>` and a caret under the error; find that spot in `sql`. */
function excerptPosition(excerpt: string, sql: string): number | undefined {
  const lines = excerpt.split('\n');
  const head = /^LINE (\d+): /.exec(lines[0] ?? '');
  const caretLine = lines[1];
  if (!head || caretLine === undefined) return undefined;
  const lineNo = Number(head[1]);
  let caret = caretLine.indexOf('^') - head[0].length;
  let snippet = lines[0]!.slice(head[0].length);
  if (snippet.startsWith('...')) {
    snippet = snippet.slice(3);
    caret -= 3;
  }
  if (snippet.endsWith('...')) snippet = snippet.slice(0, -3);
  const sqlLines = sql.split('\n');
  const line = sqlLines[lineNo - 1];
  if (line === undefined) return undefined;
  let lineStart = 0;
  for (let k = 0; k < lineNo - 1; k++) lineStart += sqlLines[k]!.length + 1;
  const idx = Math.max(0, snippet.length ? line.indexOf(snippet) : 0);
  // DuckDB's error location counts code points, but DuckDB renders the excerpt as if it counted
  // bytes (line start and caret both come from byte offsets). Undo that: the caret's character
  // has the byte offset that DuckDB took for the location.
  let q = lineStart + idx;
  for (let k = 0; k < Math.max(0, caret) && q < sql.length && sql[q] !== '\n'; k++) q += (sql.codePointAt(q) ?? 0) > 0xffff ? 2 : 1;
  return codePointsToIndex(sql, Buffer.byteLength(sql.slice(0, q), 'utf8'));
}

/** The UTF-16 index of the n-th code point. */
function codePointsToIndex(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
  }
  return i;
}

function firstParagraph(s: string): string {
  return s.split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim();
}

function safeTokens(src: string): Token[] {
  try {
    return tokenize(src, 'lake').filter((t) => t.kind !== 'eof');
  } catch {
    return [];
  }
}

function tokenAt(tokens: Token[], pos: number | undefined): Token | undefined {
  if (pos === undefined) return undefined;
  return tokens.find((t) => t.end > pos && t.start <= pos) ?? tokens.find((t) => t.start >= pos);
}

/** The user's spelling of a name: the token at the position if it matches, else its first use as a name. */
function findName(tokens: Token[], name: string, near: number | undefined): Token | undefined {
  const lower = name.toLowerCase();
  const matches = (t: Token): boolean =>
    (t.kind === 'word' && t.text.toLowerCase() === lower) || (t.kind === 'qident' && t.text.slice(1, -1).toLowerCase() === lower);
  const at = tokenAt(tokens, near);
  if (at && matches(at)) return at;
  return tokens.find((t, i) => matches(t) && !(tokens[i - 1]?.kind === 'op' && tokens[i - 1]!.text === '.'));
}

function otherForeign(tokens: Token[], reported: string): string[] {
  const seen = new Map<string, string>();
  tokens.forEach((t, i) => {
    const lower = t.text.toLowerCase();
    if (t.kind === 'word' && FOREIGN_COLUMNS[lower] && lower !== reported.toLowerCase() && !(tokens[i - 1]?.text === '.')) seen.set(lower, t.text);
  });
  return [...seen.values()];
}
