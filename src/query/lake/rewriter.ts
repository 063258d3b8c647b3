import { quoteIdent, quoteString } from '../../store/schema.js';
import { makeCall } from './call.js';
import { sqlError, type LakeSqlError } from './errors.js';
import { Out } from './emitter.js';
import { FUNCTIONS } from './functions.js';
import { inferType, type LakeType, type Scope } from './infer-type.js';
import type { ParamFiller } from './params.js';
import { selectItem } from './select-list.js';
import { resolveTable, type StoreRef } from './stores.js';
import type { Token } from './tokenizer.js';
import { firstToken, isGroup, isOp, isTok, isWord, splitAt, type Group, type Node } from './tree.js';
import { rewriteUnnest, type UnnestRw } from './unnest.js';

/**
 * Walks the bracket tree of one statement and emits DuckDB SQL: table references become store
 * views, Trino functions and lambdas become DuckDB's, select items get Trino's names. Tokens
 * that need no change are copied with their whitespace and comments, so string literals,
 * quoted identifiers and comments reach DuckDB exactly as written.
 */

const CLAUSE_END = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW', 'QUALIFY', 'INTO']);
/** Words followed by `(` that are syntax, not function calls. */
const NOT_FUNCTION = new Set(
  ('IN EXISTS AS OVER VALUES ON USING AND OR NOT WHEN THEN ELSE SELECT WHERE BY ANY ALL SOME LATERAL FROM JOIN IS LIKE ' +
    'BETWEEN INTERVAL CASE END WITH RECURSIVE UNION EXCEPT INTERSECT SETS CUBE ROLLUP WITHIN DISTINCT HAVING LIMIT OFFSET ' +
    'TABLE ORDINALITY ESCAPE AT ZONE TO MATERIALIZED ARRAY').split(' '),
);
/** Reserved in DuckDB but ordinary names in Trino: quoted wherever they are used as names. */
const DUCKDB_ONLY_RESERVED = new Set(
  ('ASYMMETRIC CHECK COLLATE COLUMN DEFAULT DEFERRABLE DO FOREIGN INITIALLY LAMBDA PIVOT PIVOT_LONGER PIVOT_WIDER PLACING ' +
    'PRIMARY QUALIFY REFERENCES RETURNING SHOW SUMMARIZE SYMMETRIC UNIQUE UNPIVOT VARIADIC').split(' '),
);

export interface RewriteOptions {
  src: string;
  stores: StoreRef[];
  defaultStore?: string;
  params: ParamFiller;
}

export class Rewriter implements UnnestRw {
  readonly out: Out;
  readonly src: string;
  readonly scope: Scope = new Map();
  readonly storesUsed = new Set<string>();
  private readonly ctes = new Set<string>();

  constructor(private readonly opts: RewriteOptions) {
    this.src = opts.src;
    this.out = new Out(opts.src);
  }

  /** The whole input: one statement, optionally ending in `;`. */
  statement(tree: Node[], eof: Token): void {
    const { parts, seps } = splitAt(tree, ';');
    const stmts = parts.filter((p) => p.length > 0);
    if (stmts.length === 0) throw sqlError(this.src, eof.start, 'E_EMPTY', 'the query is empty: write a SELECT statement');
    if (stmts.length > 1) {
      const t = firstToken(stmts[1]![0]!);
      throw sqlError(this.src, t.start, 'E_MULTIPLE_STATEMENTS', 'only one statement can run at a time: remove everything after the first ;', t.text);
    }
    collectCtes(tree, this.ctes);
    parts.forEach((p, k) => {
      if (k > 0) this.out.trivia(seps[k - 1]!); // the `;` itself is dropped
      this.seq(p);
    });
    this.out.trivia(eof);
    const extra = this.opts.params.finish();
    if (extra) throw extra;
  }

  error(at: Token, code: string, reason: string): LakeSqlError {
    return sqlError(this.src, at.start, code, reason, at.text);
  }

  infer(nodes: Node[]): LakeType | undefined {
    return inferType(nodes, this.scope);
  }

  exprAgain(nodes: Node[]): void {
    // Emitting an argument twice would fill its ? markers twice.
    const marker = findMarker(nodes);
    if (marker) throw this.error(marker, 'E_UNSUPPORTED', 'a ? marker cannot be used inside this UNNEST argument');
    this.expr(nodes);
  }

  /** An expression, or a lambda `x -> ...` / `(a, b) -> ...` (DuckDB: `lambda x: ...`). */
  expr(nodes: Node[], lambdaTypes: (LakeType | undefined)[] = []): void {
    const k = nodes.findIndex((n) => isOp(n, '->'));
    if (k < 0) return this.seq(nodes);
    const arrow = nodes[k] as Token;
    const params = nodes.slice(0, k);
    const names: Token[] = [];
    const head = params[0];
    if (params.length === 1 && isTok(head) && (head.kind === 'word' || head.kind === 'qident')) names.push(head);
    else if (params.length === 1 && isGroup(head, '(')) {
      for (const n of head.items) if (isTok(n) && n.kind !== 'op') names.push(n);
    }
    if (names.length === 0) throw this.error(arrow, 'E_SYNTAX', 'a lambda needs parameter names before ->, as in x -> x.type');
    this.out.trivia(firstToken(head!));
    this.out.text('lambda ', arrow);
    if (isGroup(head, '(')) {
      this.out.trivia(head.open);
      for (const n of head.items) this.out.tok(n as Token);
      this.out.trivia(head.close);
    } else this.out.tok(head as Token);
    this.out.text(':', arrow);
    this.out.trivia(arrow);
    const body = nodes.slice(k + 1);
    if (body[0] && firstToken(body[0]).lead === firstToken(body[0]).start) this.out.text(' ', arrow);
    const saved = names.map((n) => [n.text.toLowerCase(), this.scope.get(n.text.toLowerCase())] as const);
    names.forEach((n, i) => {
      const t = lambdaTypes[i];
      if (t) this.scope.set(n.text.toLowerCase(), t);
      else this.scope.delete(n.text.toLowerCase());
    });
    this.seq(body);
    for (const [name, t] of saved) {
      if (t) this.scope.set(name, t);
      else this.scope.delete(name);
    }
  }

  seq(nodes: Node[]): void {
    let i = 0;
    while (i < nodes.length) {
      const n = nodes[i]!;
      const next = nodes[i + 1];
      if (isWord(n, 'SELECT')) {
        i = this.selectClause(nodes, i);
      } else if (n.kind === 'group') {
        this.group(n);
        i++;
      } else if (n.tablePos && isWord(n, 'UNNEST') && isGroup(next, '(')) {
        i += rewriteUnnest(this, nodes, i);
      } else if (n.tablePos && !isGroup(next, '(') && !isOp(next, '.') && !isWord(n, 'LATERAL') && this.tableName(n, next)) {
        i++;
      } else if (isWord(n, 'AT') && isWord(next, 'TIME') && isWord(nodes[i + 2], 'ZONE')) {
        this.atTimeZone(nodes, i);
        i += 3;
      } else if ((n.kind === 'word' || n.kind === 'qident') && isGroup(next, '(') && !NOT_FUNCTION.has(n.upper) && !isOp(nodes[i - 1], '.')) {
        // FILTER (WHERE ...) after an aggregate's parentheses is a clause, not filter(array, lambda).
        const handler = isGroup(nodes[i - 1]) && n.upper === 'FILTER' ? undefined : FUNCTIONS[n.text.toLowerCase()];
        if (handler) handler(this, makeCall(n, next));
        else {
          this.out.tok(n);
          this.group(next);
        }
        i += 2;
      } else {
        this.token(n, next);
        i++;
      }
    }
  }

  private selectClause(nodes: Node[], i: number): number {
    this.out.tok(nodes[i] as Token);
    let j = i + 1;
    if (isWord(nodes[j], 'DISTINCT', 'ALL')) this.out.tok(nodes[j++] as Token);
    let end = j;
    while (end < nodes.length && !isWord(nodes[end], ...CLAUSE_END) && !isOp(nodes[end], ';')) end++;
    const { parts, seps } = splitAt(nodes.slice(j, end), ',');
    parts.forEach((p, k) => {
      if (k > 0) this.out.tok(seps[k - 1]!);
      selectItem(this, p, k, seps[k - 1] ?? seps[k]);
    });
    return end;
  }

  /**
   * `ts AT TIME ZONE z`: Trino reads a timestamp without zone as UTC (the session zone) and
   * shows that instant in z; DuckDB reads it as wall time in z. For a plain timestamp
   * (eventTime, a TIMESTAMP literal) say UTC first: `ts AT TIME ZONE 'UTC' AT TIME ZONE z`.
   */
  private atTimeZone(nodes: Node[], i: number): void {
    for (let k = i; k < i + 3; k++) this.out.tok(nodes[k] as Token);
    let j = i - 1;
    if (isGroup(nodes[j], '(') && isTok(nodes[j - 1]) && (nodes[j - 1] as Token).kind === 'word') j--;
    else if (isTok(nodes[j]) && (nodes[j] as Token).kind === 'string' && isWord(nodes[j - 1], 'TIMESTAMP')) j--;
    else while (isOp(nodes[j - 1], '.') && isTok(nodes[j - 2])) j -= 2;
    const t = this.infer(nodes.slice(Math.max(0, j), i));
    if (t?.kind === 'scalar' && t.duck === 'TIMESTAMP') this.out.text(" 'UTC' AT TIME ZONE", nodes[i] as Token);
  }

  /** A bracket group: a subquery is a sequence; anything else is a list of expressions. */
  private group(g: Group): void {
    this.out.tok(g.open);
    if (isQuery(g.items)) this.seq(g.items);
    else {
      const { parts, seps } = splitAt(g.items, ',');
      parts.forEach((p, k) => {
        if (k > 0) this.out.tok(seps[k - 1]!);
        this.expr(p);
      });
    }
    this.out.tok(g.close);
  }

  /** A table name in FROM/JOIN: a store (by id, name or placeholder) or a CTE. */
  private tableName(t: Token, next: Node | undefined): boolean {
    if (!['tableword', 'word', 'qident', 'dollar'].includes(t.kind)) return false;
    const r = resolveTable(t, { src: this.src, stores: this.opts.stores, defaultStore: this.opts.defaultStore, ctes: this.ctes });
    if (r.kind === 'store') {
      this.storesUsed.add(r.store.id);
      this.out.tok(t, quoteIdent(r.store.id));
      // Keep the name the query used as the table's alias, so `eds.eventName` still resolves
      // and two placeholders for one store (`FROM eds1, eds2`) stay two tables.
      const name = t.kind === 'qident' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text;
      if (!hasAlias(next) && name.toLowerCase() !== r.store.id.toLowerCase()) this.out.text(` AS ${quoteIdent(name)}`, t);
    } else this.out.tok(t);
    return true;
  }

  private token(n: Token, next: Node | undefined): void {
    const params = this.opts.params;
    if (n.kind === 'param' || params.isQuotedMarker(n)) return params.marker(n, this.out);
    if (params.isDashboardVar(n) || params.isQuotedDashboard(n)) return params.dashboardVar(n, this.out);
    if (n.kind === 'dollar') {
      throw this.error(n, 'E_PARAM', `${n.text} is a placeholder: replace it with a value before running the query`);
    }
    if (n.kind === 'tableword') {
      throw this.error(n, 'E_SYNTAX', `unexpected ${n.text}`);
    }
    if (n.kind === 'ustring') return this.out.tok(n, quoteString(decodeUnicodeString(n.text)));
    if (n.kind === 'bstring') return this.out.tok(n, `unhex(${quoteString(n.text.slice(2, -1).replace(/\s/g, ''))})`);
    if (n.kind === 'word' && DUCKDB_ONLY_RESERVED.has(n.upper) && !isGroup(next, '(')) return this.out.tok(n, `"${n.text}"`);
    this.out.tok(n);
  }
}

const NOT_AN_ALIAS = new Set(
  ('WHERE JOIN ON GROUP ORDER LIMIT UNION CROSS LEFT RIGHT FULL INNER NATURAL USING WINDOW HAVING EXCEPT INTERSECT OFFSET ' +
    'FETCH TABLESAMPLE QUALIFY POSITIONAL ASOF ANTI SEMI').split(' '),
);

function hasAlias(next: Node | undefined): boolean {
  if (!isTok(next)) return false;
  return next.kind === 'qident' || (next.kind === 'word' && !NOT_AN_ALIAS.has(next.upper));
}

export function isQuery(items: Node[]): boolean {
  const first = items[0];
  if (isWord(first, 'SELECT', 'WITH', 'VALUES', 'TABLE')) return true;
  return isGroup(first, '(') && isQuery(first.items) && items.length > 1;
}

/** Names defined by WITH clauses anywhere in the query: they shadow stores and placeholders. */
function collectCtes(nodes: Node[], into: Set<string>): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.kind === 'group') {
      collectCtes(n.items, into);
      continue;
    }
    if (!isWord(n, 'WITH')) continue;
    let j = i + 1;
    if (isWord(nodes[j], 'RECURSIVE')) j++;
    for (;;) {
      const name = nodes[j];
      if (!isTok(name) || (name.kind !== 'word' && name.kind !== 'qident')) break;
      into.add((name.kind === 'qident' ? name.text.slice(1, -1) : name.text).toLowerCase());
      j++;
      if (isGroup(nodes[j], '(')) j++;
      if (!isWord(nodes[j], 'AS')) break;
      j++;
      while (isWord(nodes[j], 'NOT', 'MATERIALIZED')) j++;
      if (!isGroup(nodes[j], '(')) break;
      j++;
      if (!isOp(nodes[j], ',')) break;
      j++;
    }
  }
}

/** Trino's U&'...' literal: \XXXX and \+XXXXXX escapes. */
function decodeUnicodeString(text: string): string {
  const body = text.slice(3, -1).replace(/''/g, "'");
  return body.replace(/\\(\\|\+[0-9A-Fa-f]{6}|[0-9A-Fa-f]{4})/g, (_, e: string) =>
    e === '\\' ? '\\' : String.fromCodePoint(parseInt(e.startsWith('+') ? e.slice(1) : e, 16)),
  );
}

function findMarker(nodes: Node[]): Token | undefined {
  for (const n of nodes) {
    if (n.kind === 'group') {
      const m = findMarker(n.items);
      if (m) return m;
    } else if (n.kind === 'param' || n.text === "'?'") return n;
  }
  return undefined;
}
