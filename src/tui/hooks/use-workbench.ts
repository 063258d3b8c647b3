import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QueryResult } from '../../query/run-query.js';
import { offsetOf } from '../editor-buffer.js';
import { detailValue } from '../json-tree.js';
import type { Scope } from '../keymap.js';
import { layoutFor, type Layout } from '../layout.js';
import { buildHandlers, type Pane } from '../workbench-actions.js';
import { useCompletion } from './use-completion.js';
import { useDetail } from './use-detail.js';
import { useDialog } from './use-dialog.js';
import { useEditor } from './use-editor.js';
import { useHistory } from './use-history.js';
import { useIngest } from './use-ingest.js';
import { useKeys } from './use-keys.js';
import { useLibrary } from './use-library.js';
import { useQuery, type Dialect } from './use-query.js';
import { useResults } from './use-results.js';
import { useSidebar } from './use-sidebar.js';
import { useStore } from './use-store.js';
import { useTerminalSize, type Size } from './use-terminal-size.js';
import { useTicker } from './use-ticker.js';

export interface WorkbenchOptions {
  dbPath: string;
  queriesDir: string;
  historyPath: string;
  /** Fixed terminal size (tests); default: the terminal's, following resizes. */
  size?: Size;
  /** Puts text on the clipboard (default: OSC 52 to the terminal). */
  copy: (text: string) => void;
  /** Ends the workbench; `force` when work (an ingest) is still running and the process must stop. */
  quit: (force: boolean) => void;
  maxRows?: number;
  /** Suggested path in the ingest dialog. */
  ingestPath?: string;
  /** Decode workers for ingest (default: cores). */
  jobs?: number;
}

export interface Message {
  text: string;
  kind: 'info' | 'error';
}

/** The whole workbench state, composed from one hook per concern, and the key routing. */
export function useWorkbench(o: WorkbenchOptions) {
  const size = useTerminalSize(o.size);
  const layout: Layout = useMemo(() => layoutFor(size), [size.columns, size.rows]);
  const store = useStore(o.dbPath);
  const history = useHistory(o.historyPath);
  const library = useLibrary(o.queriesDir);
  const [pane, setPane] = useState<Pane>('editor');
  const [dialect, setDialect] = useState<Dialect>('lake');
  const [help, setHelp] = useState<{ open: boolean; top: number }>({ open: false, top: 0 });
  const [message, setMessage] = useState<Message>();
  const clipboard = useRef('');
  const quitArmed = useRef(false);
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(undefined), 8000);
    return () => clearTimeout(t);
  }, [message]);
  const editor = useEditor();
  const onDone = useCallback(
    (sql: string, r: QueryResult, d: Dialect) =>
      history.add({ at: new Date().toISOString(), sql, rows: r.rows.length, truncated: r.truncated, elapsedMs: r.elapsedMs, dialect: d, ...(r.error ? { error: r.error.message } : {}) }),
    [history.add],
  );
  const query = useQuery(store.session, o.maxRows ?? 500, onDone);
  const results = useResults(query.result, query.runId);
  const storeRefs = useMemo(() => store.stats.map((s) => ({ id: s.id, name: s.name })), [store.stats]);
  const cursorOffset = offsetOf(editor.model.buf, editor.model.buf.cursor);
  const completion = useCompletion(editor.text, cursorOffset, storeRefs);
  const selectedRow = results.shown[results.row];
  const detailVal = useMemo(
    () => (query.result && selectedRow !== undefined ? detailValue(query.result.columns, query.result.rows[selectedRow]) : undefined),
    [query.result, selectedRow],
  );
  const detail = useDetail(detailVal);
  const sidebar = useSidebar({ samples: library.samples, saved: library.saved, history: history.entries, stats: store.stats });
  const plainDialog = useDialog();
  // Opening a dialog clears the last message, so what shows after it closes is its own outcome.
  const dialog: typeof plainDialog = {
    ...plainDialog,
    open: (d) => {
      setMessage(undefined);
      plainDialog.open(d);
    },
  };
  const ingest = useIngest(store, o.jobs);
  const now = useTicker(query.running || ingest.running, 100);

  // A first query to start from, once the store's id is known (only into an untouched editor).
  const seeded = useRef(false);
  useEffect(() => {
    const first = store.stats[0];
    if (seeded.current || !first || editor.text) return;
    seeded.current = true;
    editor.setText(`SELECT eventTime, eventSource, eventName, userIdentity.arn, sourceIPAddress\nFROM ${first.id}\nORDER BY eventTime DESC\nLIMIT 100`);
  }, [store.stats]);

  // No store, or nothing in it: offer to ingest straight away.
  const offered = useRef(false);
  useEffect(() => {
    if (offered.current || (store.status !== 'missing' && store.status !== 'empty')) return;
    offered.current = true;
    dialog.open({
      kind: 'ingest',
      title: store.status === 'missing' ? `No store at ${o.dbPath} yet` : `The store ${o.dbPath} has no events`,
      label: 'Ingest from',
      value: o.ingestPath ?? '',
      hint: 'An AWSLogs folder, a .zip of one, or .json.gz files. Enter starts, Esc closes.',
    });
  }, [store.status]);

  // The filter dialog filters as you type.
  useEffect(() => {
    if (dialog.dialog?.kind === 'filter') results.setFilter(dialog.dialog.value);
  }, [dialog.dialog?.kind, dialog.dialog?.value]);

  const parts = { o, layout, store, history, library, pane, setPane, dialect, setDialect, help, setHelp, setMessage, clipboard, quitArmed, editor, query, results, completion, detail, sidebar, dialog, ingest };
  const { handlers, onText } = buildHandlers(parts);

  let scopes: Scope[];
  if (help.open) scopes = ['help'];
  else if (dialog.dialog) scopes = ['dialog'];
  else if (pane === 'sidebar' && sidebar.searching) scopes = ['search', 'global'];
  else scopes = [...(pane === 'editor' && completion.open ? (['completion'] as const) : []), 'global', pane];
  useKeys({ scopes, handlers, onText });

  return { ...parts, size, now, message };
}

export type Workbench = ReturnType<typeof useWorkbench>;
