import type { DuckDBType } from '@duckdb/node-api';
import { toJsonValue, toText } from './values.js';
import type { Column, QueryResult, RowSink } from './run-query.js';

/** Text renderings of a query result: table (fits a width), csv, tsv, json, ndjson. */

export type TextFormat = 'table' | 'csv' | 'tsv' | 'json' | 'ndjson';
/** The text formats that can be written row by row, without holding the result. */
export type StreamFormat = Exclude<TextFormat, 'table'>;

export function formatResult(r: QueryResult, format: TextFormat, width = 120): string {
  if (format === 'table') return formatTable(r, width);
  let out = '';
  const w = new TextWriter(format, (s) => void (out += s));
  w.start(r.columns);
  w.rows(r.rows);
  w.end();
  return out;
}

/** Row as an object; a repeated column name gets a suffix so no value is lost. */
export function rowObject(r: Pick<QueryResult, 'columns'>, row: unknown[]): Record<string, unknown> {
  const keys = uniqueNames(r.columns.map((c) => c.name));
  const o: Record<string, unknown> = {};
  keys.forEach((k, i) => (o[k] = row[i]));
  return o;
}

/** Column names made unique the way rowObject does it (`n`, `n_2`, ...). */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let k = name;
    for (let n = 2; seen.has(k); n++) k = `${name}_${n}`;
    seen.add(k);
    return k;
  });
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const tsvCell = (s: string) => s.replace(/[\t\n\r]/g, ' ');

/**
 * Writes csv / tsv / json / ndjson incrementally: start() with the columns, rows() per batch of
 * JSON-typed rows, end() once. The output is byte-identical to formatResult's, which uses it.
 */
export class TextWriter {
  private keys: string[] = [];
  private count = 0;

  constructor(
    readonly format: StreamFormat,
    private readonly write: (s: string) => void,
  ) {}

  start(columns: Column[]): void {
    this.keys = uniqueNames(columns.map((c) => c.name));
    if (this.format === 'csv') this.write(`${columns.map((c) => csvCell(c.name)).join(',')}\n`);
    if (this.format === 'tsv') this.write(`${columns.map((c) => tsvCell(c.name)).join('\t')}\n`);
  }

  rows(rows: unknown[][]): void {
    let s = '';
    for (const row of rows) {
      switch (this.format) {
        case 'csv':
          s += `${row.map((v) => csvCell(toText(v))).join(',')}\n`;
          break;
        case 'tsv':
          s += `${row.map((v) => tsvCell(toText(v))).join('\t')}\n`;
          break;
        case 'ndjson':
          s += `${JSON.stringify(this.object(row))}\n`;
          break;
        case 'json':
          s += `${this.count ? ',\n' : '[\n'}${JSON.stringify(this.object(row), null, 2).replace(/^/gm, '  ')}`;
          break;
      }
      this.count++;
    }
    if (s) this.write(s);
  }

  end(): void {
    if (this.format === 'json') this.write(this.count ? '\n]\n' : '[]\n');
  }

  private object(row: unknown[]): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    this.keys.forEach((k, i) => (o[k] = row[i]));
    return o;
  }
}

/** A RowSink (raw DuckDB values in) over a TextWriter (JSON-typed values out). */
export function textSink(writer: TextWriter, flush: () => Promise<void> = async () => undefined): RowSink {
  let types: DuckDBType[] = [];
  return {
    start(columns, t) {
      types = t;
      writer.start(columns);
    },
    async rows(raw) {
      writer.rows(raw.map((r) => r.map((v, i) => toJsonValue(v, types[i]!))));
      await flush();
    },
  };
}

/** Display width of a string (wide CJK/emoji take two cells). */
function cellWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}]/u.test(ch) ? 2 : 1;
  return w;
}

function fit(s: string, width: number, right = false): string {
  const flat = s.replace(/[\n\r\t]/g, ' ');
  if (cellWidth(flat) <= width) return right ? ' '.repeat(width - cellWidth(flat)) + flat : flat + ' '.repeat(width - cellWidth(flat));
  let out = '';
  let w = 0;
  for (const ch of flat) {
    const cw = cellWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…${' '.repeat(Math.max(0, width - w - 1))}`;
}

/**
 * A boxed table whose columns share the width: each column gets what its content needs, and when
 * the total is too wide the widest columns shrink first (values end in "…"). An infinite width
 * (output piped to a file or another program) shows every value whole.
 */
export function formatTable(r: QueryResult, width: number): string {
  if (!r.columns.length) return '(no columns)\n';
  const cap = Number.isFinite(width) ? 200 : Infinity;
  const cells = r.rows.map((row) => row.map((v) => (v === null ? 'NULL' : toText(v))));
  const want = r.columns.map((c, i) => Math.max(cellWidth(c.name), ...cells.map((row) => Math.min(cellWidth(row[i]!), cap))));
  const budget = Math.max(width - (3 * r.columns.length + 1), r.columns.length * 3);
  const widths = [...want];
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const i = widths.indexOf(Math.max(...widths));
    if (widths[i]! <= 3) break;
    widths[i]!--;
  }
  // Numbers line up on the right, as in every spreadsheet.
  const numeric = r.columns.map((_, i) => r.rows.length > 0 && r.rows.every((row) => row[i] === null || typeof row[i] === 'number'));
  const line = (l: string, m: string, rgt: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${rgt}`;
  const rowText = (vals: string[], header = false) => `│ ${vals.map((v, i) => fit(v, widths[i]!, !header && numeric[i])).join(' │ ')} │`;
  const out = [line('┌', '┬', '┐'), rowText(r.columns.map((c) => c.name), true), line('├', '┼', '┤')];
  for (const row of cells) out.push(rowText(row));
  out.push(line('└', '┴', '┘'));
  const n = r.rows.length;
  out.push(r.truncated ? `showing ${n} of >${n} rows (raise --max-rows to see more)` : `${n} row${n === 1 ? '' : 's'}`);
  return `${out.join('\n')}\n`;
}
