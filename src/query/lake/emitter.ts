import type { Token } from './tokenizer.js';

/**
 * Builds the DuckDB text and, beside it, a map from every output range to the range of the
 * user's SQL it came from. Copied tokens and trivia map character by character; generated
 * text maps to the token it was generated for, so a DuckDB error inside `lake_date_add(...)`
 * points at the user's `date_add`.
 */
export interface Segment {
  outStart: number;
  outEnd: number;
  origStart: number;
  origEnd: number;
  /** Copied verbatim: positions inside map one to one. */
  verbatim: boolean;
}

export interface PositionMap {
  segments: Segment[];
}

export class Out {
  private chunks: string[] = [];
  private len = 0;
  readonly segments: Segment[] = [];
  private leadDone = new Set<number>();

  constructor(private readonly src: string) {}

  /** The whitespace and comments before `t`, copied once. */
  trivia(t: Token): void {
    if (this.leadDone.has(t.index)) return;
    this.leadDone.add(t.index);
    if (t.lead === t.start) return;
    this.put(blankNestedComments(this.src.slice(t.lead, t.start)), t.lead, t.start, true);
  }

  /** A token (with its trivia); `text` replaces the token's own text when given. */
  tok(t: Token, text?: string): void {
    this.trivia(t);
    const verbatim = text === undefined || text === t.text;
    this.put(text ?? t.text, t.start, t.end, verbatim);
  }

  /** Generated text, attributed to `at` in the user's SQL. */
  text(s: string, at: { start: number; end: number }): void {
    this.put(s, at.start, at.end, false);
  }

  /** Output so far ends in whitespace or an opening bracket (so a keyword can follow directly). */
  endsSeparated(): boolean {
    const last = this.chunks[this.chunks.length - 1];
    return last === undefined || /[\s(\[,]$/.test(last);
  }

  result(): { sql: string; map: PositionMap } {
    return { sql: this.chunks.join(''), map: { segments: this.segments } };
  }

  private put(s: string, origStart: number, origEnd: number, verbatim: boolean): void {
    if (s.length === 0) return;
    this.chunks.push(s);
    this.segments.push({ outStart: this.len, outEnd: this.len + s.length, origStart, origEnd, verbatim });
    this.len += s.length;
  }
}

/** Maps an offset in the generated text back to an offset in the user's SQL. */
export function toOriginal(map: PositionMap, outPos: number): number | undefined {
  const segs = map.segments;
  if (segs.length === 0) return undefined;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.outStart <= outPos) lo = mid;
    else hi = mid - 1;
  }
  let s = segs[lo]!;
  if (outPos >= s.outEnd && lo + 1 < segs.length) s = segs[lo + 1]!;
  // Whitespace carries no meaning: an error reported on it belongs to the next real token.
  if (s.verbatim) {
    const o = s.origStart + Math.max(0, Math.min(outPos - s.outStart, s.origEnd - s.origStart));
    return o;
  }
  return s.origStart;
}

/**
 * Trino ends a block comment at the first `*\/`; DuckDB nests them. A comment containing `/*`
 * would swallow the rest of the query in DuckDB, so such a comment is replaced by blanks of the
 * same length (line breaks kept): DuckDB never needed its text, and positions stay aligned.
 * This runs on trivia only (comments and whitespace), never on SQL text.
 */
function blankNestedComments(trivia: string): string {
  if (!trivia.includes('/*')) return trivia;
  return trivia.replace(/\/\*[\s\S]*?\*\//g, (c) => (c.slice(2).includes('/*') ? c.replace(/[^\n]/g, ' ') : c));
}
