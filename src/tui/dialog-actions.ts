import { resolve } from 'node:path';
import type { Handler } from './hooks/use-keys.js';
import { save as saveQuery } from './library-source.js';
import { exportResults, exportFormatOf } from './export-source.js';
import type { WorkbenchParts } from './workbench-parts.js';

/** Handlers for the dialogs: opening them (save, export, filter, ingest) and what Enter does in each. */
export function dialogHandlers(w: WorkbenchParts): Record<string, Handler> {
  const { dialog, results, ingest } = w;
  const d = dialog.dialog;
  const info = (text: string) => w.setMessage({ text, kind: 'info' });

  const save = (name: string, force: boolean) => {
    try {
      const path = saveQuery(w.o.queriesDir, name, w.editor.text, force);
      dialog.close();
      w.library.reloadSaved();
      info(`saved ${path}`);
    } catch (e) {
      const err = e as Error & { code?: string };
      if (!force && err.code === 'E_QUERY_EXISTS') {
        dialog.open({ kind: 'overwrite', title: 'Save the query', label: 'Overwrite', value: name, subject: name, hint: `"${name}" exists already: Enter overwrites it, Esc keeps it` });
      } else dialog.update({ error: err.message });
    }
  };

  const exportTo = async (path: string) => {
    const format = exportFormatOf(path);
    if (!format) return dialog.update({ error: 'end the path in .csv, .tsv, .json, .ndjson, .parquet or .arrow' });
    const q = w.query;
    if (!q.sql || !w.store.session) return dialog.update({ error: 'run a query first' });
    dialog.update({ busy: true, hint: `exporting ${format}…` });
    try {
      const n = await exportResults(w.store.session, q.sql, resolve(path), format, w.dialect);
      dialog.close();
      info(`exported ${n.toLocaleString('en-US')} rows to ${path}`);
    } catch (e) {
      dialog.update({ busy: false, hint: undefined, error: (e as Error).message });
    }
  };

  const startIngest = async (path: string) => {
    if (!path.trim()) return dialog.update({ error: 'type a path: an AWSLogs folder, a .zip, or .json.gz files' });
    dialog.update({ busy: true, hint: 'ingesting… (the store is being written; queries wait)' });
    const s = await ingest.start([resolve(path.trim())]);
    dialog.update({
      busy: false,
      subject: 'done',
      hint: s
        ? `loaded ${s.eventsLoaded.toLocaleString('en-US')} events from ${s.filesLoaded} files in ${s.seconds.toFixed(1)} s` +
          `${s.filesRejected ? `, ${s.filesRejected} files rejected` : ''}. Enter or Esc closes.`
        : undefined,
    });
  };

  return {
    save: () => {
      if (!w.editor.text.trim()) return info('the editor is empty: nothing to save');
      dialog.open({ kind: 'save', title: 'Save the query', label: 'Name', value: '', hint: `saved as <name>.sql in ${w.o.queriesDir}` });
    },
    export: () => {
      if (!w.query.result || w.query.result.error) return info('run a query first: export writes its full result');
      dialog.open({ kind: 'export', title: 'Export the results', label: 'Path', value: 'results.csv', hint: 'format from the extension: .csv .json .ndjson .parquet' });
    },
    filter: () => {
      if (!w.query.result) return info('run a query first');
      dialog.open({ kind: 'filter', title: 'Filter the rows', label: 'Contains', value: results.filter, subject: results.filter, hint: 'rows with a cell containing this text (any case); empty shows all' });
    },
    ingest: () => {
      if (w.query.running) return info('a query is running: Esc cancels it first');
      ingest.reset();
      dialog.open({ kind: 'ingest', title: 'Ingest into the store', label: 'Path', value: w.o.ingestPath ?? '', hint: 'an AWSLogs folder, a .zip of one, or .json.gz files' });
    },
    'dialog.close': () => {
      if (!d || d.busy) return;
      if (d.kind === 'filter') results.setFilter(d.subject ?? '');
      dialog.close();
    },
    'dialog.submit': () => {
      if (!d || d.busy) return;
      if (d.kind === 'ingest' && (d.subject === 'done' || ingest.error)) return dialog.close();
      const value = d.value.trim();
      switch (d.kind) {
        case 'save':
          if (!value) return dialog.update({ error: 'type a name' });
          return save(value, false);
        case 'overwrite':
          return save(d.subject ?? value, true);
        case 'export':
          return void exportTo(value);
        case 'filter':
          return dialog.close();
        case 'ingest':
          return void startIngest(d.value);
      }
    },
    'field.left': () => dialog.edit('left'),
    'field.right': () => dialog.edit('right'),
    'field.home': () => dialog.edit('home'),
    'field.end': () => dialog.edit('end'),
    'field.backspace': () => dialog.edit('backspace'),
    'field.delete': () => dialog.edit('delete'),
    'field.clear': () => dialog.edit('clear'),
  };
}
