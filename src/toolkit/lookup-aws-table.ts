/**
 * `--output table`: a port of the AWS CLI's TableFormatter and MultiTable (awscli/formatter.py,
 * awscli/table.py), without colour, so the boxes, centring, column scaling (Python's
 * round-half-even included) and the switch to key/value rows when the table is wider than the
 * terminal come out as the CLI draws them. Width: the terminal's, else 80 like the CLI.
 */

type Obj = Record<string, unknown>;
const isScalar = (v: unknown) => typeof v !== 'object' || v === null;

/** Display width, counting East Asian wide and fullwidth characters as two. */
function textLength(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return n;
}

const pyStr = (v: unknown) => (v === null || v === undefined ? 'None' : String(v));

/** Python 3 round(): halves go to the even neighbour. */
function pyRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private numCols: number | null = null;
  private maxWidths: number[] = [];

  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || !unscaled.length) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => pyRound(scale * w));
    let off = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (off !== 0) {
      const order = [...scaled.keys()];
      if (off < 0) order.reverse();
      for (const i of order) {
        if (off > 0) {
          scaled[i]!--;
          off--;
        } else {
          scaled[i]!++;
          off++;
        }
        if (off === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, withBorder: boolean, outerPadding: number): number {
    let total = this.columnWidths().reduce((a, w) => a + w + padding, 0);
    if (withBorder) total += 2;
    total += 2 * outerPadding;
    return Math.max(textLength(this.title) + 2 + 2 * outerPadding, total);
  }

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    if (this.numCols === null) this.numCols = headers.length;
    this.headers = headers;
  }

  addRow(row: unknown[]): void {
    if (this.numCols === null) this.numCols = row.length;
    const cells = row.map(pyStr);
    this.rows.push(cells);
    this.updateMaxWidths(cells);
  }

  private updateMaxWidths(row: string[]): void {
    if (!this.maxWidths.length) this.maxWidths = row.map(textLength);
    else row.forEach((el, i) => (this.maxWidths[i] = Math.max(textLength(el), this.maxWidths[i] ?? 0)));
  }
}

function centerText(text: string, length: number, left = '|', right = '|'): string {
  const tl = textLength(text);
  const start = Math.floor(length / 2) - Math.floor(tl / 2) - 1;
  const soFar = textLength(left) + start + tl;
  return `${left}${' '.repeat(Math.max(0, start))}${text}${' '.repeat(Math.max(0, length - textLength(right) - soFar))}${right}`;
}

function alignLeft(text: string, length: number, left: string, right: string): string {
  const tl = textLength(text);
  const padding = length - (tl + 2 + left.length + right.length) >= 0 ? 2 : 0;
  return `${left}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, length - left.length - padding - tl - right.length))}${right}`;
}

class MultiTable {
  private sections: Section[] = [];
  private current!: Section;
  constructor(private readonly terminalWidth: number) {}

  newSection(title: string, indentLevel = 0): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }
  addRowHeader(h: string[]): void {
    this.current.addHeader(h);
  }
  addRow(r: unknown[]): void {
    this.current.addRow(r);
  }

  render(): string {
    let maxWidth = this.maxWidth();
    if (maxWidth > this.terminalWidth) {
      // Single-row sections turn into header/value pairs, as convert_to_vertical_table does.
      this.sections = this.sections.map((s) => {
        if (s.rows.length !== 1 || !s.headers.length) return s;
        const v = new Section();
        v.title = s.title;
        v.indentLevel = s.indentLevel;
        s.headers.forEach((h, i) => v.addRow([h, s.rows[0]![i]]));
        return v;
      });
      maxWidth = this.maxWidth();
    }
    const out: string[] = [`${'-'.repeat(maxWidth)}\n`];
    for (const s of this.sections) this.renderSection(s, maxWidth, out);
    return out.join('');
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, true, s.indentLevel)));
  }

  private renderSection(s: Section, maxWidth: number, out: string[]): void {
    const ind = '|'.repeat(s.indentLevel);
    const line = (text: string) => out.push(`${ind}${text}${ind}\n`);
    const width = maxWidth - s.indentLevel * 2;
    if (s.title) {
      line(centerText(s.title, width));
      if (!s.headers.length && !s.rows.length) line(`+${'-'.repeat(width - 2)}+`);
    }
    const widths = s.columnWidths(4, width);
    const lineBreak = () => line(widths.map((w, i) => (i === 0 ? `+${'-'.repeat(w - 2)}+` : `${'-'.repeat(w - 1)}+`)).join(''));
    if (s.headers.length) {
      lineBreak();
      line(s.headers.map((h, i) => centerText(h, widths[i]!, i === 0 ? '|' : '', '|')).join(''));
    }
    if (s.rows.length && widths.length) {
      lineBreak();
      for (const row of s.rows) line(row.map((el, i) => alignLeft(el, widths[i]!, i === 0 ? '|' : '', '|')).join(''));
      lineBreak();
    }
  }
}

/** TableFormatter._build_table and friends, for the response object. */
function build(table: MultiTable, title: string | null, current: unknown, indent = 0): boolean {
  if (!current || (Array.isArray(current) && !current.length) || (typeof current === 'object' && !Object.keys(current as Obj).length)) return false;
  if (title !== null) table.newSection(title, indent);
  if (Array.isArray(current)) {
    if (!isScalar(current[0]) && !Array.isArray(current[0])) fromList(table, current as Obj[], indent, title ?? '');
    else for (const item of current) table.addRow(Array.isArray(item) ? item : [item]);
  } else if (typeof current === 'object') {
    const [headers, more] = groupKeys(current as Obj);
    if (headers.length === 1) table.addRow([headers[0], (current as Obj)[headers[0]!]]);
    else if (headers.length) {
      table.addRowHeader(headers);
      table.addRow(headers.map((k) => (current as Obj)[k]));
    }
    for (const k of more) build(table, k, (current as Obj)[k], indent + 1);
  }
  return true;
}

function fromList(table: MultiTable, items: Obj[], indent: number, title: string): void {
  const hs = new Set<string>();
  const ms = new Set<string>();
  for (const it of items) {
    const [h, m] = groupKeys(it);
    h.forEach((x) => hs.add(x));
    m.forEach((x) => ms.add(x));
  }
  const headers = [...hs].sort();
  const more = [...ms].sort();
  table.addRowHeader(headers);
  items.forEach((el, n) => {
    if (n > 0 && more.length) {
      table.newSection(title, indent);
      table.addRowHeader(headers);
    }
    table.addRow(headers.map((h) => (h in el ? el[h] : '')));
    for (const k of more) if (k in el) build(table, k, el[k], indent + 1);
  });
}

function groupKeys(o: Obj): [string[], string[]] {
  const keys = Object.keys(o);
  return [keys.filter((k) => isScalar(o[k])).sort(), keys.filter((k) => !isScalar(o[k])).sort()];
}

export function awsTable(operation: string, response: Obj, terminalWidth: number): string {
  const table = new MultiTable(terminalWidth);
  return build(table, operation, response) ? table.render() : '';
}
