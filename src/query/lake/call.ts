import type { LakeSqlError } from './errors.js';
import type { Out } from './emitter.js';
import type { LakeType, Scope } from './infer-type.js';
import type { Token } from './tokenizer.js';
import { splitAt, type Group, type Node } from './tree.js';

/**
 * The interface between the rewriter and the per-function rewrites: a call site, and the few
 * operations a rewrite needs (emit an argument, know a type, report an error). Emission keeps
 * the user's whitespace and comments: dropped tokens still give up their trivia.
 */
export interface Rw {
  out: Out;
  src: string;
  scope: Scope;
  /** Rewrite and emit one argument; lambdas in it get `lambdaTypes` for their parameters. */
  expr(nodes: Node[], lambdaTypes?: (LakeType | undefined)[]): void;
  /** Rewrite and emit a node sequence that may hold clauses (SELECT ... FROM ...). */
  seq(nodes: Node[]): void;
  infer(nodes: Node[]): LakeType | undefined;
  error(at: Token, code: string, reason: string): LakeSqlError;
}

export interface Call {
  name: Token;
  group: Group;
  args: Node[][];
  seps: Token[];
}

export type ArgRef = { arg: number; types?: (LakeType | undefined)[] };
export type Part = string | number | ArgRef;

export function makeCall(name: Token, group: Group): Call {
  if (group.items.length === 0) return { name, group, args: [], seps: [] };
  const { parts, seps } = splitAt(group.items, ',');
  return { name, group, args: parts, seps };
}

/** Emits a template: strings are generated text (attributed to the function name), numbers are arguments. */
export function tpl(rw: Rw, c: Call, parts: Part[]): void {
  const { out } = rw;
  out.trivia(c.name);
  out.trivia(c.group.open);
  for (const p of parts) {
    if (typeof p === 'string') {
      out.text(p, c.name);
      continue;
    }
    const ref = typeof p === 'number' ? { arg: p } : p;
    const sep = c.seps[ref.arg - 1];
    if (sep) out.trivia(sep);
    rw.expr(c.args[ref.arg] ?? [], ref.types);
  }
  out.trivia(c.group.close);
}

/** Emits the call under another name, arguments in place, with optional text before the `)`. */
export function rename(rw: Rw, c: Call, newName: string, extraArgs = '', types: Record<number, (LakeType | undefined)[]> = {}): void {
  const { out } = rw;
  out.tok(c.name, newName);
  out.tok(c.group.open);
  c.args.forEach((a, k) => {
    if (k > 0) out.tok(c.seps[k - 1]!);
    rw.expr(a, types[k]);
  });
  if (extraArgs) out.text(extraArgs, c.group.close);
  out.tok(c.group.close);
}

/** The value of an argument that is a single string literal, else undefined. */
export function stringArg(c: Call, k: number): { tok: Token; value: string } | undefined {
  const a = c.args[k];
  if (!a || a.length !== 1) return undefined;
  const t = a[0]!;
  if (t.kind !== 'string') return undefined;
  return { tok: t, value: t.text.slice(1, -1).replace(/''/g, "'") };
}

export function argCountError(rw: Rw, c: Call, expected: string): LakeSqlError {
  return rw.error(c.name, 'E_FUNCTION_ARGS', `${c.name.text}() takes ${expected} arguments, not ${c.args.length}`);
}
