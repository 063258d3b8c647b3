import { makeCall, type Rw } from './call.js';
import { elementOf, type LakeType } from './infer-type.js';
import type { Token } from './tokenizer.js';
import { isGroup, isTok, isWord, type Group, type Node } from './tree.js';

/**
 * UNNEST in FROM. Trino expands an array of rows into one column per field (so after
 * `FROM eds, unnest(eventContext.tagContext.resourceTags) AS rt` the query says `rt.tags`),
 * expands a map into key and value columns, and zips several arrays. DuckDB's UNNEST table
 * function yields one column named `unnest`; a LATERAL subquery with select-list unnests
 * gives Trino's shape: `LATERAL (SELECT unnest(x, max_depth := 2)) AS rt`.
 */

const NOT_ALIAS = new Set(['ON', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'CROSS', 'JOIN', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'UNION', 'EXCEPT', 'INTERSECT', 'USING', 'WINDOW', 'OFFSET', 'FETCH', 'NATURAL']);

export interface UnnestRw extends Rw {
  /** Emits an argument a second time (parameter markers in it are not consumed twice). */
  exprAgain(nodes: Node[]): void;
}

/** Rewrites `UNNEST(...) [WITH ORDINALITY] [AS] alias [(cols)]` starting at nodes[i]; returns the nodes used. */
export function rewriteUnnest(rw: UnnestRw, nodes: Node[], i: number): number {
  const name = nodes[i] as Token;
  const g = nodes[i + 1] as Group;
  let j = i + 2;
  let ordinality = false;
  if (isWord(nodes[j], 'WITH') && isWord(nodes[j + 1], 'ORDINALITY')) {
    rw.out.trivia(nodes[j] as Token);
    rw.out.trivia(nodes[j + 1] as Token);
    ordinality = true;
    j += 2;
  }
  const asTok = isWord(nodes[j], 'AS') ? (nodes[j++] as Token) : undefined;
  const aliasNode = nodes[j];
  const alias = isTok(aliasNode) && (aliasNode.kind === 'qident' || (aliasNode.kind === 'word' && !NOT_ALIAS.has(aliasNode.upper))) ? aliasNode : undefined;
  if (alias) j++;
  const cols = alias && isGroup(nodes[j], '(') ? (nodes[j++] as Group) : undefined;

  const call = makeCall(name, g);
  if (call.args.length === 0) throw rw.error(name, 'E_FUNCTION_ARGS', 'UNNEST() needs at least one array or map');
  const types = call.args.map((a) => rw.infer(a));
  const { out } = rw;
  const text = (s: string): void => out.text(s, name);
  const arg = (k: number): void => {
    const sep = call.seps[k - 1];
    if (sep) out.trivia(sep);
    rw.expr(call.args[k]!);
  };
  out.trivia(name);
  out.trivia(g.open);
  text('LATERAL (SELECT ');
  if (call.args.length === 1) {
    const t = types[0];
    if (t?.kind === 'map') {
      text('unnest(map_keys(');
      arg(0);
      text(')) AS "key", unnest(map_values(');
      rw.exprAgain(call.args[0]!);
      text(')) AS "value"');
    } else if (t?.kind === 'list' && t.of.kind === 'list') {
      text('unnest(');
      arg(0);
      text(')');
    } else {
      text('unnest(');
      arg(0);
      text(', max_depth := 2)');
    }
  } else {
    call.args.forEach((_, k) => {
      text(k ? ', unnest(' : 'unnest(');
      arg(k);
      text(`) AS "_col${k}"`);
    });
  }
  if (ordinality) {
    text(', unnest(range(1, len(');
    rw.exprAgain(call.args[0]!);
    text(') + 1)) AS "ordinality"');
  }
  text(')');
  out.trivia(g.close);
  if (asTok) rw.out.tok(asTok);
  if (alias) {
    if (!asTok) rw.out.text(' AS', alias);
    rw.out.tok(alias, alias.kind === 'qident' ? alias.text : `"${alias.text}"`);
    if (cols) rw.seq([cols]);
    register(rw, alias, cols, types[0], call.args.length);
  }
  return j - i;
}

/** Remembers the types of the columns UNNEST produced, for rewrites further on. */
function register(rw: Rw, alias: Token, cols: Group | undefined, t: LakeType | undefined, nargs: number): void {
  if (nargs !== 1) return;
  const el = elementOf(t);
  if (!el) return;
  const aliasName = (alias.kind === 'qident' ? alias.text.slice(1, -1) : alias.text).toLowerCase();
  if (!cols) {
    rw.scope.set(aliasName, el);
    return;
  }
  const names = cols.items.filter((n): n is Token => isTok(n) && (n.kind === 'word' || n.kind === 'qident'));
  if (el.kind === 'struct') names.forEach((n, k) => el.fields[k] && rw.scope.set(n.text.toLowerCase(), el.fields[k]!.type));
  else if (names[0]) rw.scope.set(names[0].text.toLowerCase(), el);
}
