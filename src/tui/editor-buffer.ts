/**
 * The SQL editor's text model: lines, a cursor, an optional selection and undo/redo. Pure and
 * immutable (every operation returns a new model), so the editor hook is a thin reducer and the
 * editing rules are tested without a terminal.
 */

export interface Pos {
  line: number;
  col: number;
}

export interface Buffer {
  lines: string[];
  cursor: Pos;
  /** The other end of the selection; null when nothing is selected. */
  anchor: Pos | null;
  /** Column the cursor tries to keep on up/down moves through shorter lines. */
  goal?: number;
}

export interface EditorModel {
  buf: Buffer;
  undo: Buffer[];
  redo: Buffer[];
  /** Kind of the last edit, so a run of typed characters undoes as one step. */
  lastEdit?: string;
}

export type Motion = 'left' | 'right' | 'up' | 'down' | 'home' | 'end' | 'wordLeft' | 'wordRight' | 'docStart' | 'docEnd' | 'pageUp' | 'pageDown';

const UNDO_LIMIT = 200;

export function newModel(text = ''): EditorModel {
  const lines = text.split('\n');
  return { buf: { lines, cursor: { line: lines.length - 1, col: lines[lines.length - 1]!.length }, anchor: null }, undo: [], redo: [] };
}

export function textOf(buf: Buffer): string {
  return buf.lines.join('\n');
}

export const cmp = (a: Pos, b: Pos): number => a.line - b.line || a.col - b.col;

/** The selection as [start, end), or null when empty. */
export function selection(buf: Buffer): [Pos, Pos] | null {
  if (!buf.anchor || cmp(buf.anchor, buf.cursor) === 0) return null;
  return cmp(buf.anchor, buf.cursor) < 0 ? [buf.anchor, buf.cursor] : [buf.cursor, buf.anchor];
}

export function selectedText(buf: Buffer): string {
  const sel = selection(buf);
  if (!sel) return '';
  const [a, z] = sel;
  if (a.line === z.line) return buf.lines[a.line]!.slice(a.col, z.col);
  return [buf.lines[a.line]!.slice(a.col), ...buf.lines.slice(a.line + 1, z.line), buf.lines[z.line]!.slice(0, z.col)].join('\n');
}

/** Offset of a position in the whole text, and back (for the highlighter and completion). */
export function offsetOf(buf: Buffer, p: Pos): number {
  let n = 0;
  for (let i = 0; i < p.line; i++) n += buf.lines[i]!.length + 1;
  return n + p.col;
}

export function posOf(lines: string[], offset: number): Pos {
  let rest = offset;
  for (let line = 0; line < lines.length; line++) {
    const len = lines[line]!.length;
    if (rest <= len) return { line, col: rest };
    rest -= len + 1;
  }
  const last = lines.length - 1;
  return { line: last, col: lines[last]!.length };
}

/** Replaces [from, to) with text; returns the new lines and the position after the text. */
function splice(lines: string[], from: Pos, to: Pos, text: string): { lines: string[]; end: Pos } {
  const before = lines[from.line]!.slice(0, from.col);
  const after = lines[to.line]!.slice(to.col);
  const ins = text.split('\n');
  const mid = [...ins];
  mid[0] = before + mid[0];
  const endCol = mid[mid.length - 1]!.length;
  mid[mid.length - 1] += after;
  return { lines: [...lines.slice(0, from.line), ...mid, ...lines.slice(to.line + 1)], end: { line: from.line + ins.length - 1, col: endCol } };
}

function commit(m: EditorModel, buf: Buffer, kind: string): EditorModel {
  // Consecutive single-character typing (or deleting) is one undo step, up to a word break.
  const merge = kind === m.lastEdit && (kind === 'type' || kind === 'delete');
  const undo = merge ? m.undo : [...m.undo, m.buf].slice(-UNDO_LIMIT);
  return { buf, undo, redo: [], lastEdit: kind };
}

/** Types or pastes text over the selection. */
export function insert(m: EditorModel, text: string): EditorModel {
  const sel = selection(m.buf);
  const [from, to] = sel ?? [m.buf.cursor, m.buf.cursor];
  const r = splice(m.buf.lines, from, to, text);
  const kind = text.length === 1 && /\w/.test(text) && !sel ? 'type' : 'insert';
  return commit(m, { lines: r.lines, cursor: r.end, anchor: null }, kind);
}

/** Replaces the text between two positions (completion) and puts the cursor after it. */
export function replaceRange(m: EditorModel, from: Pos, to: Pos, text: string): EditorModel {
  const r = splice(m.buf.lines, from, to, text);
  return commit(m, { lines: r.lines, cursor: r.end, anchor: null }, 'insert');
}

export function setText(m: EditorModel, text: string): EditorModel {
  const lines = text.split('\n');
  return commit(m, { lines, cursor: { line: lines.length - 1, col: lines[lines.length - 1]!.length }, anchor: null }, 'set');
}

function deleteRange(m: EditorModel, from: Pos, to: Pos, kind: string): EditorModel {
  if (cmp(from, to) >= 0) return m;
  const r = splice(m.buf.lines, from, to, '');
  return commit(m, { lines: r.lines, cursor: from, anchor: null }, kind);
}

export function backspace(m: EditorModel): EditorModel {
  const sel = selection(m.buf);
  if (sel) return deleteRange(m, sel[0], sel[1], 'cut');
  return deleteRange(m, step(m.buf, m.buf.cursor, -1), m.buf.cursor, 'delete');
}

export function deleteForward(m: EditorModel): EditorModel {
  const sel = selection(m.buf);
  if (sel) return deleteRange(m, sel[0], sel[1], 'cut');
  return deleteRange(m, m.buf.cursor, step(m.buf, m.buf.cursor, 1), 'delete');
}

export function deleteWordLeft(m: EditorModel): EditorModel {
  const sel = selection(m.buf);
  if (sel) return deleteRange(m, sel[0], sel[1], 'cut');
  return deleteRange(m, wordStep(m.buf, m.buf.cursor, -1), m.buf.cursor, 'cut');
}

export function killLine(m: EditorModel): EditorModel {
  const c = m.buf.cursor;
  const len = m.buf.lines[c.line]!.length;
  // At the end of a line, Ctrl+K joins the next one (as in Emacs and readline).
  return deleteRange(m, c, c.col < len ? { line: c.line, col: len } : step(m.buf, c, 1), 'cut');
}

export function deleteSelection(m: EditorModel): EditorModel {
  const sel = selection(m.buf);
  return sel ? deleteRange(m, sel[0], sel[1], 'cut') : m;
}

export function undo(m: EditorModel): EditorModel {
  const prev = m.undo[m.undo.length - 1];
  if (!prev) return m;
  return { buf: prev, undo: m.undo.slice(0, -1), redo: [...m.redo, m.buf], lastEdit: 'undo' };
}

export function redo(m: EditorModel): EditorModel {
  const next = m.redo[m.redo.length - 1];
  if (!next) return m;
  return { buf: next, undo: [...m.undo, m.buf], redo: m.redo.slice(0, -1), lastEdit: 'redo' };
}

export function selectAll(m: EditorModel): EditorModel {
  const last = m.buf.lines.length - 1;
  return { ...m, buf: { ...m.buf, anchor: { line: 0, col: 0 }, cursor: { line: last, col: m.buf.lines[last]!.length } }, lastEdit: undefined };
}

/** Moves the cursor; with select, extends the selection instead of dropping it. */
export function move(m: EditorModel, motion: Motion, select: boolean, page = 10): EditorModel {
  const buf = m.buf;
  const sel = selection(buf);
  // Left/right without Shift on a selection lands on its edge, as in every GUI editor.
  if (!select && sel && (motion === 'left' || motion === 'right')) {
    return { ...m, buf: { ...buf, cursor: motion === 'left' ? sel[0] : sel[1], anchor: null, goal: undefined }, lastEdit: undefined };
  }
  const c = buf.cursor;
  let to: Pos = c;
  let goal: number | undefined;
  const vertical = (dy: number) => {
    goal = buf.goal ?? c.col;
    const line = Math.max(0, Math.min(buf.lines.length - 1, c.line + dy));
    if (line === c.line) return { line, col: dy < 0 ? 0 : buf.lines[line]!.length };
    return { line, col: Math.min(goal, buf.lines[line]!.length) };
  };
  switch (motion) {
    case 'left': to = step(buf, c, -1); break;
    case 'right': to = step(buf, c, 1); break;
    case 'up': to = vertical(-1); break;
    case 'down': to = vertical(1); break;
    case 'pageUp': to = vertical(-page); break;
    case 'pageDown': to = vertical(page); break;
    case 'home': {
      // First Home goes to the first non-blank character, the next to column 0.
      const indent = buf.lines[c.line]!.search(/\S|$/);
      to = { line: c.line, col: c.col === indent ? 0 : indent };
      break;
    }
    case 'end': to = { line: c.line, col: buf.lines[c.line]!.length }; break;
    case 'wordLeft': to = wordStep(buf, c, -1); break;
    case 'wordRight': to = wordStep(buf, c, 1); break;
    case 'docStart': to = { line: 0, col: 0 }; break;
    case 'docEnd': to = { line: buf.lines.length - 1, col: buf.lines[buf.lines.length - 1]!.length }; break;
  }
  const anchor = select ? (buf.anchor ?? c) : null;
  return { ...m, buf: { ...buf, cursor: to, anchor, goal }, lastEdit: undefined };
}

export function moveTo(m: EditorModel, p: Pos): EditorModel {
  const line = Math.max(0, Math.min(m.buf.lines.length - 1, p.line));
  const col = Math.max(0, Math.min(m.buf.lines[line]!.length, p.col));
  return { ...m, buf: { ...m.buf, cursor: { line, col }, anchor: null, goal: undefined }, lastEdit: undefined };
}

function step(buf: Buffer, p: Pos, dir: 1 | -1): Pos {
  if (dir < 0) {
    if (p.col > 0) return { line: p.line, col: p.col - 1 };
    return p.line > 0 ? { line: p.line - 1, col: buf.lines[p.line - 1]!.length } : p;
  }
  if (p.col < buf.lines[p.line]!.length) return { line: p.line, col: p.col + 1 };
  return p.line < buf.lines.length - 1 ? { line: p.line + 1, col: 0 } : p;
}

const isWord = (ch: string | undefined) => ch !== undefined && /[\w$]/.test(ch);

/** Next word boundary: skips blanks, then a run of word characters or a run of other symbols. */
function wordStep(buf: Buffer, p: Pos, dir: 1 | -1): Pos {
  let q = p;
  const charAt = (x: Pos) => (dir < 0 ? buf.lines[x.line]![x.col - 1] : buf.lines[x.line]![x.col]);
  const atEdge = (x: Pos) => (dir < 0 ? x.col === 0 : x.col === buf.lines[x.line]!.length);
  while (atEdge(q) || /\s/.test(charAt(q) ?? '')) {
    const n = step(buf, q, dir);
    if (cmp(n, q) === 0) return q;
    q = n;
    if (atEdge(q) && q.line !== p.line) break;
  }
  const word = isWord(charAt(q));
  while (!atEdge(q)) {
    const ch = charAt(q);
    if (/\s/.test(ch ?? '') || isWord(ch) !== word) break;
    q = { line: q.line, col: q.col + dir };
  }
  return q;
}
