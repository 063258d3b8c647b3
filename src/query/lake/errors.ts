import { CtlakeError } from '../../errors.js';

/**
 * An error about the user's Lake SQL. It always carries a position in the text the user wrote
 * (1-based line and column), never in the DuckDB text we generated, so an editor or a terminal
 * can point at the offending token. The message starts with `line L:C:` like Trino's.
 */
export class LakeSqlError extends CtlakeError {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  /** Character offset in the original SQL (0-based). */
  readonly offset: number;
  /** The text of the offending token in the user's SQL, when there is one. */
  readonly token?: string;
  /** The message without the position prefix. */
  readonly reason: string;

  constructor(code: string, reason: string, pos: { line: number; column: number; offset: number; token?: string }, detail?: string) {
    super(code, `line ${pos.line}:${pos.column}: ${reason}`, detail);
    this.name = 'LakeSqlError';
    this.line = pos.line;
    this.column = pos.column;
    this.offset = pos.offset;
    if (pos.token !== undefined) this.token = pos.token;
    this.reason = reason;
  }
}

/** 1-based line and column of a character offset. */
export function lineCol(src: string, offset: number): { line: number; column: number } {
  const o = Math.max(0, Math.min(offset, src.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < o; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: o - lineStart + 1 };
}

/** A LakeSqlError at an offset of `src`. */
export function sqlError(src: string, offset: number, code: string, reason: string, token?: string, detail?: string): LakeSqlError {
  const { line, column } = lineCol(src, offset);
  return new LakeSqlError(code, reason, token === undefined ? { line, column, offset } : { line, column, offset, token }, detail);
}
