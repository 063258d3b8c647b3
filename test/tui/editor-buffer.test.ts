import { describe, expect, test } from 'vitest';
import * as E from '../../src/tui/editor-buffer.js';

const typeAll = (m: E.EditorModel, s: string) => [...s].reduce((x, ch) => (ch === '\n' ? E.insert(x, '\n') : E.insert(x, ch)), m);
const text = (m: E.EditorModel) => E.textOf(m.buf);

describe('editor buffer', () => {
  test('typing, new lines and cursor moves', () => {
    let m = typeAll(E.newModel(), 'SELECT 1\nFROM x');
    expect(text(m)).toBe('SELECT 1\nFROM x');
    expect(m.buf.cursor).toEqual({ line: 1, col: 6 });
    m = E.move(m, 'up', false);
    expect(m.buf.cursor).toEqual({ line: 0, col: 6 });
    m = E.move(m, 'end', false);
    m = E.move(m, 'down', false);
    expect(m.buf.cursor).toEqual({ line: 1, col: 6 }); // clamped to the shorter line
    m = E.move(m, 'home', false);
    expect(m.buf.cursor.col).toBe(0);
    m = E.move(m, 'left', false);
    expect(m.buf.cursor).toEqual({ line: 0, col: 8 }); // wraps to the end of the line above
  });

  test('word moves and word delete', () => {
    let m = E.newModel('SELECT eventName, count(*)');
    m = E.move(m, 'wordLeft', false);
    expect(m.buf.cursor.col).toBe(23); // before "(*)": a run of symbols is a word of its own
    m = E.move(m, 'docEnd', false);
    m = E.deleteWordLeft(m);
    expect(text(m)).toBe('SELECT eventName, count');
    m = E.move(m, 'docStart', false);
    m = E.move(m, 'wordRight', false);
    expect(m.buf.cursor.col).toBe(6);
  });

  test('selection: shift moves, replace on type, selected text across lines', () => {
    let m = E.newModel('abc\ndef');
    m = E.move(m, 'docStart', false);
    m = E.move(m, 'right', true);
    m = E.move(m, 'down', true);
    expect(E.selectedText(m.buf)).toBe('abc\nd');
    m = E.insert(m, 'X');
    expect(text(m)).toBe('Xef');
    m = E.selectAll(m);
    expect(E.selectedText(m.buf)).toBe('Xef');
    m = E.backspace(m);
    expect(text(m)).toBe('');
  });

  test('left/right on a selection land on its edges', () => {
    let m = E.newModel('hello');
    m = E.move(m, 'left', true);
    m = E.move(m, 'left', true);
    m = E.move(m, 'left', false);
    expect(m.buf).toMatchObject({ cursor: { line: 0, col: 3 }, anchor: null });
  });

  test('undo groups a typed word into one step; redo restores it', () => {
    let m = typeAll(E.newModel(), 'SELECT x');
    m = E.undo(m);
    expect(text(m)).toBe('SELECT ');
    m = E.undo(m);
    expect(text(m)).toBe('SELECT');
    m = E.undo(m);
    expect(text(m)).toBe('');
    m = E.redo(E.redo(m));
    expect(text(m)).toBe('SELECT ');
    m = E.insert(m, 'y');
    expect(m.redo).toEqual([]);
  });

  test('paste of several lines, kill line, offsets', () => {
    let m = E.insert(E.newModel('()'), 'a\nb');
    expect(text(m)).toBe('()a\nb');
    m = E.moveTo(m, { line: 0, col: 1 });
    m = E.insert(m, 'x\ny');
    expect(text(m)).toBe('(x\ny)a\nb');
    m = E.killLine(m);
    expect(text(m)).toBe('(x\ny\nb');
    expect(E.offsetOf(m.buf, { line: 1, col: 1 })).toBe(4);
    expect(E.posOf(m.buf.lines, 4)).toEqual({ line: 1, col: 1 });
  });
});
