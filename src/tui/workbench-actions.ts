import * as E from './editor-buffer.js';
import { cellText } from './grid-layout.js';
import type { Handler } from './hooks/use-keys.js';
import { dialogHandlers } from './dialog-actions.js';
import type { WorkbenchParts } from './workbench-parts.js';
import { querySql } from './library-source.js';

/**
 * What each key-map action does: the handler table the input hook dispatches into. Components
 * never see a key; they only draw the state these handlers change.
 */

export type Pane = 'sidebar' | 'editor' | 'results' | 'detail';
const PANES: Pane[] = ['sidebar', 'editor', 'results', 'detail'];

export function buildHandlers(w: WorkbenchParts): { handlers: Record<string, Handler>; onText: (text: string) => boolean } {
  const { editor, results, detail, sidebar, completion, query, dialog, help } = w;
  const edit = (op: (m: E.EditorModel) => E.EditorModel) => () => editor.apply(op);
  const mv = (motion: E.Motion, select: boolean) => edit((m) => E.move(m, motion, select, editor.page));
  const info = (text: string) => w.setMessage({ text, kind: 'info' });
  const fail = (text: string) => w.setMessage({ text, kind: 'error' });

  const copy = (text: string, what: string) => {
    w.o.copy(text);
    info(`copied ${what} (${text.length.toLocaleString('en-US')} characters) to the terminal clipboard`);
  };

  const loadIntoEditor = (sql: string, from: string) => {
    editor.setText(sql.replace(/\s+$/, ''));
    w.setPane('editor');
    info(`loaded ${from}: F5 runs it`);
  };

  const openSideItem = () => {
    const item = sidebar.selected();
    if (!item) return;
    if (item.kind === 'schema') {
      if (item.row.expandable) sidebar.toggleSchema(item.row.insert);
      return;
    }
    if (item.kind === 'history') return loadIntoEditor(item.entry.sql, 'the query from history');
    try {
      loadIntoEditor(querySql(item.file, item.source, w.o.queriesDir), `"${item.label}"`);
    } catch (e) {
      fail((e as Error).message);
    }
  };

  const handlers: Record<string, Handler> = {
    run: () => {
      if (query.running) return info('a query is running: Esc cancels it');
      if (!w.store.session) return fail(w.store.status === 'writing' ? 'the store is being written: wait for the ingest to finish' : 'no store to query: Ctrl+G ingests a path');
      const sel = E.selectedText(editor.model.buf);
      query.run(sel.trim() ? sel : editor.text, w.dialect);
      completion.close();
    },
    cancel: () => {
      if (!query.cancel()) return false;
      info('cancelling…');
    },
    'pane.next': () => w.setPane(PANES[(PANES.indexOf(w.pane) + 1) % PANES.length]!),
    'pane.prev': () => w.setPane(PANES[(PANES.indexOf(w.pane) + PANES.length - 1) % PANES.length]!),
    'pane.sidebar': () => w.setPane('sidebar'),
    'pane.editor': () => w.setPane('editor'),
    'pane.results': () => w.setPane('results'),
    'pane.detail': () => w.setPane('detail'),
    dialect: () => {
      const d = w.dialect === 'lake' ? 'duckdb' : 'lake';
      w.setDialect(d);
      info(d === 'lake' ? 'dialect: CloudTrail Lake SQL (translated)' : 'dialect: DuckDB SQL (passed through as written)');
    },
    help: () => w.setHelp({ open: true, top: 0 }),
    'help.close': () => w.setHelp({ open: false, top: 0 }),
    'help.up': () => w.setHelp({ open: true, top: Math.max(0, help.top - 1) }),
    'help.down': () => w.setHelp({ open: true, top: help.top + 1 }),
    quit: () => {
      // An ingest cannot be paused: quitting stops it (each batch is its own transaction, so the
      // store keeps whole batches), but only when asked twice.
      if (w.ingest.running && !w.quitArmed.current) {
        w.quitArmed.current = true;
        return fail('an ingest is running: Ctrl+Q again stops it and quits (batches already loaded stay)');
      }
      query.cancel();
      w.o.quit(w.ingest.running);
    },

    'edit.newline': () => {
      // Keep the indentation of the line, as SQL is usually written.
      const line = editor.model.buf.lines[editor.model.buf.cursor.line]!;
      editor.apply((m) => E.insert(m, `\n${/^\s*/.exec(line)![0]}`));
    },
    'edit.complete': () => completion.show(),
    'edit.left': mv('left', false),
    'edit.right': mv('right', false),
    'edit.up': mv('up', false),
    'edit.down': mv('down', false),
    'edit.wordLeft': mv('wordLeft', false),
    'edit.wordRight': mv('wordRight', false),
    'edit.home': mv('home', false),
    'edit.end': mv('end', false),
    'edit.docStart': mv('docStart', false),
    'edit.docEnd': mv('docEnd', false),
    'edit.pageUp': mv('pageUp', false),
    'edit.pageDown': mv('pageDown', false),
    'select.left': mv('left', true),
    'select.right': mv('right', true),
    'select.up': mv('up', true),
    'select.down': mv('down', true),
    'select.wordLeft': mv('wordLeft', true),
    'select.wordRight': mv('wordRight', true),
    'select.home': mv('home', true),
    'select.end': mv('end', true),
    'select.all': edit(E.selectAll),
    'edit.backspace': edit(E.backspace),
    'edit.delete': edit(E.deleteForward),
    'edit.deleteWord': edit(E.deleteWordLeft),
    'edit.killLine': edit(E.killLine),
    'edit.undo': edit(E.undo),
    'edit.redo': edit(E.redo),
    'edit.copy': () => {
      const t = E.selectedText(editor.model.buf);
      if (!t) return info('nothing selected: Shift+arrows select, Ctrl+A selects all');
      w.clipboard.current = t;
      copy(t, 'the selection');
    },
    'edit.cut': () => {
      const t = E.selectedText(editor.model.buf);
      if (!t) return;
      w.clipboard.current = t;
      w.o.copy(t);
      editor.apply(E.deleteSelection);
    },
    'edit.paste': () => {
      if (w.clipboard.current) editor.apply((m) => E.insert(m, w.clipboard.current));
    },

    'complete.next': () => completion.move(1),
    'complete.prev': () => completion.move(-1),
    'complete.close': () => completion.close(),
    'complete.accept': () => {
      const c = completion.chosen();
      completion.close();
      if (!c) return;
      const lines = editor.model.buf.lines;
      editor.apply((m) => E.replaceRange(m, E.posOf(lines, c.from), E.posOf(lines, c.to), c.insert));
    },

    'side.prevTab': () => sidebar.switchTab(-1),
    'side.nextTab': () => sidebar.switchTab(1),
    'side.up': () => sidebar.move(-1),
    'side.down': () => sidebar.move(1),
    'side.pageUp': () => sidebar.move(-10),
    'side.pageDown': () => sidebar.move(10),
    'side.open': openSideItem,
    'side.insert': () => {
      const item = sidebar.selected();
      const text = item?.kind === 'schema' ? item.row.insert : item?.kind === 'history' ? item.entry.sql : undefined;
      if (!text) return openSideItem();
      editor.apply((m) => E.insert(m, text));
      w.setPane('editor');
    },
    'side.search': () => sidebar.startSearch(),
    'search.done': () => sidebar.endSearch(false),
    'search.clear': () => sidebar.endSearch(true),
    'search.backspace': () => sidebar.backspaceSearch(),

    'grid.up': () => results.moveRow(-1),
    'grid.down': () => results.moveRow(1),
    'grid.left': () => results.moveCol(-1),
    'grid.right': () => results.moveCol(1),
    'grid.pageUp': () => results.moveRow(-Math.max(1, w.layout.results.height - 3)),
    'grid.pageDown': () => results.moveRow(Math.max(1, w.layout.results.height - 3)),
    'grid.home': () => results.toRow(0),
    'grid.end': () => results.toRow(results.shown.length - 1),
    'grid.open': () => {
      if (results.selectedRow()) w.setPane('detail');
    },
    'grid.copy': () => {
      const row = results.selectedRow();
      if (!row) return;
      const v = results.selectedCell();
      copy(typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : cellText(v), 'the cell');
    },

    'tree.up': () => detail.move(-1),
    'tree.down': () => detail.move(1),
    'tree.pageUp': () => detail.move(-Math.max(1, w.layout.detail.height - 2)),
    'tree.pageDown': () => detail.move(Math.max(1, w.layout.detail.height - 2)),
    'tree.home': () => detail.toLine(0),
    'tree.end': () => detail.toLine(detail.lines.length - 1),
    'tree.toggle': () => detail.toggle(),
    'tree.expand': () => detail.expand(),
    'tree.collapse': () => detail.collapse(),
    'tree.expandAll': () => detail.expandAll(),
    'tree.collapseAll': () => detail.collapseAll(),
    'tree.copy': () => {
      const v = detail.current();
      if (v === undefined) return;
      copy(typeof v === 'string' ? v : JSON.stringify(v, null, 2), 'the value');
    },

    ...dialogHandlers(w),
  };

  const onText = (text: string): boolean => {
    if (help.open) return false;
    if (dialog.dialog) {
      dialog.type(text);
      return true;
    }
    if (w.pane === 'sidebar' && sidebar.searching) {
      sidebar.typeSearch(text);
      return true;
    }
    if (w.pane !== 'editor') return false;
    editor.apply((m) => E.insert(m, text));
    // Completion follows the word being typed; anything but a word character or a dot ends it.
    if (completion.open && !/^[\w.$-]$/.test(text)) completion.close();
    return true;
  };

  return { handlers, onText };
}
