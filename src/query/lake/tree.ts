import { sqlError } from './errors.js';
import type { Token } from './tokenizer.js';

/**
 * Tokens grouped by brackets: the only structure the rewriter needs. Function arguments,
 * subqueries, type parameters and array subscripts are all groups, so a rewrite of one call can
 * never reach past its closing parenthesis.
 */
export interface Group {
  kind: 'group';
  open: Token;
  close: Token;
  items: Node[];
}

export type Node = Token | Group;

const CLOSER: Record<string, string> = { '(': ')', '[': ']' };

export function buildTree(tokens: Token[], src: string): Node[] {
  const root: Node[] = [];
  const stack: { open: Token; items: Node[] }[] = [];
  let items = root;
  for (const t of tokens) {
    if (t.kind === 'eof') break;
    if (t.kind === 'op' && (t.text === '(' || t.text === '[')) {
      stack.push({ open: t, items });
      items = [];
    } else if (t.kind === 'op' && (t.text === ')' || t.text === ']')) {
      const top = stack.pop();
      if (!top) throw sqlError(src, t.start, 'E_SYNTAX', `unexpected '${t.text}': no matching opening bracket`, t.text);
      if (CLOSER[top.open.text] !== t.text) {
        throw sqlError(src, t.start, 'E_SYNTAX', `'${t.text}' does not match '${top.open.text}' opened at ${where(src, top.open)}`, t.text);
      }
      const g: Group = { kind: 'group', open: top.open, close: t, items };
      items = top.items;
      items.push(g);
    } else items.push(t);
  }
  const unclosed = stack.pop()?.open;
  if (unclosed) throw sqlError(src, unclosed.start, 'E_SYNTAX', `'${unclosed.text}' is never closed: add '${CLOSER[unclosed.text]}'`, unclosed.text);
  return root;
}

function where(src: string, t: Token): string {
  const before = src.slice(0, t.start);
  const line = before.split('\n').length;
  return `line ${line}:${t.start - before.lastIndexOf('\n')}`;
}

export function isGroup(n: Node | undefined, open?: '(' | '['): n is Group {
  return !!n && n.kind === 'group' && (open === undefined || n.open.text === open);
}

export function isTok(n: Node | undefined): n is Token {
  return !!n && n.kind !== 'group';
}

/** A word token (keyword or identifier), optionally one of `words` (upper case). */
export type WordTok = Token & { kind: 'word' };
export type OpTok = Token & { kind: 'op' };

export function isWord(n: Node | undefined, ...words: string[]): n is WordTok {
  return !!n && n.kind === 'word' && (words.length === 0 || words.includes(n.upper));
}

export function isOp(n: Node | undefined, ...ops: string[]): n is OpTok {
  return !!n && n.kind === 'op' && (ops.length === 0 || ops.includes(n.text));
}

/** Splits a node list at top-level occurrences of an operator (commas, semicolons). */
export function splitAt(nodes: Node[], op: string): { parts: Node[][]; seps: Token[] } {
  const parts: Node[][] = [[]];
  const seps: Token[] = [];
  for (const n of nodes) {
    if (isOp(n, op)) {
      seps.push(n);
      parts.push([]);
    } else parts[parts.length - 1]!.push(n);
  }
  return { parts, seps };
}

export function firstToken(n: Node): Token {
  return n.kind === 'group' ? n.open : n;
}

export function lastToken(n: Node): Token {
  return n.kind === 'group' ? n.close : n;
}
