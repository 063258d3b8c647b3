/**
 * Terminal cell widths: wide (CJK, emoji) characters take two cells. Every clipped or padded
 * string on screen goes through here, so a row never pushes the next pane out of line.
 */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}]/u;
// Zero-width: combining marks, variation selectors, zero-width joiners.
const ZERO = /[\u0300-\u036f\u200b-\u200f\ufe00-\ufe0f]/u;

export function charWidth(ch: string): number {
  if (ZERO.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** One line of display text: control characters and line breaks become visible symbols. */
export function flat(s: string): string {
  return s.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ').replace(/[\x00-\x1f\x7f]/g, '·');
}

/** Exactly `width` cells: padded with spaces, or cut with a trailing "…". */
export function fitText(s: string, width: number, ellipsis = true): string {
  if (width <= 0) return '';
  const w = textWidth(s);
  if (w <= width) return s + ' '.repeat(width - w);
  const room = ellipsis ? width - 1 : width;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (used + cw > room) break;
    out += ch;
    used += cw;
  }
  return out + (ellipsis ? '…' : '') + ' '.repeat(Math.max(0, room - used));
}

/** The cells [from, from+width) of s, padded: for horizontal scrolling. */
export function sliceCells(s: string, from: number, width: number): string {
  let out = '';
  let pos = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (pos >= from && pos + cw <= from + width) out += ch;
    else if (pos < from && pos + cw > from) out += ' '; // half of a wide char: blank
    pos += cw;
    if (pos >= from + width) break;
  }
  return out + ' '.repeat(Math.max(0, width - textWidth(out)));
}

/** Word-wraps text into lines of at most `width` cells (long words are cut). */
export function wrapLines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      let w = word;
      while (textWidth(w) > width) {
        if (line) out.push(line);
        line = '';
        out.push(w.slice(0, width));
        w = w.slice(width);
      }
      if (!line) line = w;
      else if (textWidth(line) + 1 + textWidth(w) <= width) line += ` ${w}`;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}
