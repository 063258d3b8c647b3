import { CtlakeError } from '../errors.js';

/**
 * CloudWatch Logs JSON filter patterns (the metric-filter syntax the CIS benchmark is written in),
 * parsed into a tree that filter-pattern-sql.ts turns into DuckDB SQL.
 *
 *   pattern   := '{' or '}'
 *   or        := and ('||' and)*          && binds tighter than ||, as in CloudWatch
 *   and       := unary ('&&' unary)*
 *   unary     := '(' or ')' | condition
 *   condition := selector ('=' | '!=' | '<' | '>' | '<=' | '>=') value
 *              | selector IS (TRUE | FALSE | NULL) | selector NOT EXISTS
 *   selector  := '$' ('.' key | '[' digits ']')+
 *   value     := "quoted \" text" | bare text up to a space, ')', '&&', '||' or '}'
 *
 * An unquoted number (60, -1.5, 2e3) is compared numerically; anything else is text, where `*`
 * is a wildcard. Mistakes are reported with the pattern and a caret under the offending spot.
 */

export type Segment = string | number;

export type Value = { kind: 'number'; value: number; text: string } | { kind: 'string'; text: string };

export type Node =
  | { kind: 'or' | 'and'; items: Node[] }
  | { kind: 'compare'; path: Segment[]; op: '=' | '!=' | '<' | '>' | '<=' | '>='; value: Value }
  | { kind: 'is'; path: Segment[]; what: 'TRUE' | 'FALSE' | 'NULL' }
  | { kind: 'notExists'; path: Segment[] };

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function patternError(pattern: string, at: number, message: string): CtlakeError {
  const pos = Math.max(0, Math.min(at, pattern.length));
  return new CtlakeError(
    'E_USAGE',
    `bad filter pattern at character ${pos + 1}: ${message}\n  ${pattern.replace(/[\n\r\t]/g, ' ')}\n  ${' '.repeat(pos)}^\n` +
      'JSON filter patterns look like { ($.eventName = "StopLogging") || ($.errorCode = "AccessDenied*") }',
  );
}

export function parsePattern(pattern: string): Node {
  let i = 0;
  const fail = (message: string, at = i) => patternError(pattern, at, message);
  const ws = () => {
    while (i < pattern.length && /\s/.test(pattern[i]!)) i++;
  };
  const peek = (s: string) => pattern.startsWith(s, i);
  const keyword = (w: string) => new RegExp(`^${w}(?![A-Za-z0-9_])`, 'i').test(pattern.slice(i));

  function or(): Node {
    const items = [and()];
    for (ws(); peek('||'); ws()) {
      i += 2;
      items.push(and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  function and(): Node {
    const items = [unary()];
    for (ws(); peek('&&'); ws()) {
      i += 2;
      items.push(unary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  function unary(): Node {
    ws();
    if (peek('(')) {
      const open = i++;
      const inner = or();
      ws();
      if (!peek(')')) throw fail(i >= pattern.length ? `the "(" at character ${open + 1} is never closed` : 'expected ")", "&&" or "||"');
      i++;
      return inner;
    }
    if (peek('$')) return condition();
    if (i >= pattern.length || peek('}')) throw fail('expected a condition such as $.eventName = "StopLogging"');
    throw fail('expected a selector starting with "$" (e.g. $.eventName) or "("');
  }

  function selector(): Segment[] {
    const start = i++;
    const path: Segment[] = [];
    for (;;) {
      if (peek('.')) {
        i++;
        const m = /^[^\s.[\]()=!<>&|{}"]+/.exec(pattern.slice(i));
        if (!m) throw fail('expected a key name after "."');
        path.push(m[0]);
        i += m[0].length;
      } else if (peek('[')) {
        const m = /^\[(\d+)\]/.exec(pattern.slice(i));
        if (!m) throw fail('expected an array index such as [0]');
        path.push(Number(m[1]));
        i += m[0].length;
      } else break;
    }
    if (!path.length) throw fail('a selector needs at least one key, e.g. $.eventName', start);
    return path;
  }

  function condition(): Node {
    const path = selector();
    ws();
    if (keyword('IS')) {
      i += 2;
      ws();
      for (const what of ['TRUE', 'FALSE', 'NULL'] as const) {
        if (keyword(what)) {
          i += what.length;
          return { kind: 'is', path, what };
        }
      }
      throw fail('expected TRUE, FALSE or NULL after IS');
    }
    if (keyword('NOT')) {
      i += 3;
      ws();
      if (!keyword('EXISTS')) throw fail('expected EXISTS after NOT');
      i += 6;
      return { kind: 'notExists', path };
    }
    const op = (['!=', '<=', '>=', '=', '<', '>'] as const).find((o) => peek(o));
    if (!op) throw fail('expected an operator: =, !=, <, >, <=, >=, IS TRUE|FALSE|NULL or NOT EXISTS');
    i += op.length;
    ws();
    const at = i;
    const value = literal();
    if (op !== '=' && op !== '!=' && value.kind !== 'number') throw fail(`${op} compares numbers; "${value.text}" is not a number`, at);
    return { kind: 'compare', path, op, value };
  }

  function literal(): Value {
    if (peek('"')) {
      const start = i++;
      let text = '';
      while (i < pattern.length && pattern[i] !== '"') {
        if (pattern[i] === '\\' && i + 1 < pattern.length) i++;
        text += pattern[i++];
      }
      if (i >= pattern.length) throw fail('this quoted value is never closed', start);
      i++;
      return { kind: 'string', text };
    }
    const m = /^(?:[^\s()&|}]|&(?!&)|\|(?!\|))+/.exec(pattern.slice(i));
    if (!m) throw fail('expected a value (a number, a word, or "quoted text")');
    i += m[0].length;
    return NUMBER.test(m[0]) ? { kind: 'number', value: Number(m[0]), text: m[0] } : { kind: 'string', text: m[0] };
  }

  ws();
  if (!peek('{')) {
    throw fail(
      pattern.trim()
        ? 'only JSON filter patterns are supported here: wrap the conditions in { }'
        : 'the pattern is empty; give conditions such as { $.eventName = "StopLogging" }',
    );
  }
  i++;
  ws();
  if (peek('}')) throw fail('the braces are empty: put at least one condition inside');
  const tree = or();
  ws();
  if (!peek('}')) throw fail(i >= pattern.length ? 'expected "}" to close the pattern' : 'expected "&&", "||" or "}"');
  i++;
  ws();
  if (i < pattern.length) throw fail('unexpected text after the closing "}"');
  return tree;
}

/** Every selector in the tree, deduplicated by its JSON path text. */
export function selectors(node: Node, out = new Map<string, Segment[]>()): Map<string, Segment[]> {
  if ('items' in node) node.items.forEach((n) => selectors(n, out));
  else out.set(jsonPath(node.path), node.path);
  return out;
}

/** DuckDB JSON path for a selector: keys quoted, so "x-amz-id-2" or "a.b" style keys are safe. */
export function jsonPath(path: Segment[]): string {
  return `$${path.map((s) => (typeof s === 'number' ? `[${s}]` : `."${s}"`)).join('')}`;
}
