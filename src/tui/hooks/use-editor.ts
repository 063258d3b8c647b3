import { useCallback, useRef, useState } from 'react';
import * as E from '../editor-buffer.js';
import { scrollRows } from '../grid-layout.js';

export interface EditorView {
  top: number;
  left: number;
}

export interface EditorApi {
  model: E.EditorModel;
  text: string;
  /** Applies an editing operation from editor-buffer.ts. */
  apply(op: (m: E.EditorModel) => E.EditorModel): void;
  setText(text: string): void;
  /** Scroll offsets that keep the cursor in a `height` × `width` viewport. */
  view(height: number, width: number): EditorView;
  /** Lines a page move jumps; set by the pane from its height. */
  page: number;
  setPage(n: number): void;
}

/** The SQL editor's text, cursor, selection, undo history and scroll position. */
export function useEditor(initial = ''): EditorApi {
  const [model, setModel] = useState(() => E.newModel(initial));
  const [page, setPage] = useState(5);
  const scroll = useRef<EditorView>({ top: 0, left: 0 });

  const apply = useCallback((op: (m: E.EditorModel) => E.EditorModel) => setModel((m) => op(m)), []);
  const setText = useCallback((text: string) => setModel((m) => E.setText(m, text)), []);

  const view = (height: number, width: number): EditorView => {
    const c = model.buf.cursor;
    const top = Math.min(scrollRows(scroll.current.top, c.line, height), Math.max(0, model.buf.lines.length - height));
    let left = scroll.current.left;
    // Keep a few columns of context to the left when scrolling back.
    if (c.col < left) left = Math.max(0, c.col - 4);
    if (c.col >= left + width) left = c.col - width + 1;
    scroll.current = { top: Math.max(0, Math.min(top, c.line)), left };
    return scroll.current;
  };

  return { model, text: E.textOf(model.buf), apply, setText, view, page, setPage };
}
