import { flat, textWidth } from './text-width.js';

/**
 * The results grid's geometry: column widths fitted to the content, and which rows and columns
 * are in view for a selected cell. Pure, so scrolling rules are tested without rendering.
 */

/** No column grows wider than this; the detail pane shows the whole value. */
export const MAX_COL_WIDTH = 40;
export const MIN_COL_WIDTH = 4;

/** A value as the grid shows it: NULL, text, or nested values as compact JSON. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'object') return flat(JSON.stringify(v));
  return flat(String(v));
}

/** Widths fitted to the header and the widest cell among the rows (which may be only those in view). */
export function fitWidths(headers: string[], rows: unknown[][], cap = MAX_COL_WIDTH): number[] {
  return headers.map((h, i) => {
    let w = textWidth(h);
    for (const row of rows) {
      if (w >= cap) break;
      w = Math.max(w, Math.min(cap, textWidth(cellText(row[i]))));
    }
    return Math.max(MIN_COL_WIDTH, Math.min(cap, w));
  });
}

/** How many columns, starting at `first`, fit in `width` cells (at least one) with a 1-cell gap. */
export function columnsThatFit(widths: number[], first: number, width: number): number {
  let used = 0;
  let n = 0;
  for (let i = first; i < widths.length; i++) {
    const need = widths[i]! + (n ? 1 : 0);
    if (n && used + need > width) break;
    used += need;
    n++;
  }
  return Math.max(1, n);
}

/**
 * The columns drawn from `first`: those that fit whole, then a clipped part of the next one when
 * there is room left (better than blank space at the right).
 */
export function visibleColumns(widths: number[], first: number, width: number): { index: number; width: number; clipped: boolean }[] {
  const n = columnsThatFit(widths, first, width);
  const out: { index: number; width: number; clipped: boolean }[] = [];
  let used = 0;
  for (let i = first; i < first + n && i < widths.length; i++) {
    const gap = out.length ? 1 : 0;
    const w = Math.min(widths[i]!, width - used - gap);
    if (w <= 0) break;
    out.push({ index: i, width: w, clipped: w < widths[i]! });
    used += gap + w;
  }
  const room = width - used - (out.length ? 1 : 0);
  if (first + n < widths.length && room >= 3) out.push({ index: first + n, width: room, clipped: true });
  return out;
}

/** The first visible column after moving to `selected`: unchanged when it is still in view. */
export function scrollColumns(widths: number[], first: number, selected: number, width: number): number {
  if (selected < first) return selected;
  let f = first;
  while (f < selected && selected >= f + columnsThatFit(widths, f, width)) f++;
  return f;
}

/** The first visible row after moving to `selected` in a window of `height` rows. */
export function scrollRows(top: number, selected: number, height: number): number {
  if (height <= 0) return selected;
  if (selected < top) return selected;
  if (selected >= top + height) return selected - height + 1;
  return top;
}

/** Case-insensitive substring filter over every cell; returns the indexes of matching rows. */
export function filterRows(rows: unknown[][], needle: string): number[] {
  const all = rows.map((_, i) => i);
  const n = needle.trim().toLowerCase();
  if (!n) return all;
  return all.filter((i) => rows[i]!.some((v) => cellText(v).toLowerCase().includes(n)));
}
