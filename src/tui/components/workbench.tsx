import { Box } from 'ink';
import { basename } from 'node:path';
import type { Pos } from '../editor-buffer.js';
import { useWorkbench, type WorkbenchOptions } from '../hooks/use-workbench.js';
import { DetailPane } from './detail-pane.js';
import { DialogBox } from './dialog-box.js';
import { EditorPane } from './editor-pane.js';
import { HelpOverlay } from './help-overlay.js';
import { errorPosition } from './query-error.js';
import { ResultsGrid } from './results-grid.js';
import { Sidebar } from './sidebar.js';
import { StatusBar } from './status-bar.js';

/** The workbench: sidebar | editor / results / detail, a status bar, and the dialog or help on top. */
export function Workbench(props: WorkbenchOptions) {
  const w = useWorkbench(props);
  const { layout: L, query, results, store } = w;
  const r = query.result;

  // Mark the error position in the editor while it still holds the SQL that failed.
  const pos = r?.error ? errorPosition(r.error) : undefined;
  const errorAt: Pos | undefined = pos && query.sql === w.editor.text ? { line: pos.line - 1, col: pos.column - 1 } : undefined;

  const hasEvent = !!r?.columns.some((c) => c.name.toLowerCase() === 'eventjson');
  const detailCaption = !r || r.error || !results.shown.length ? '' : `row ${results.row + 1} of ${results.shown.length} · ${hasEvent ? 'eventJson' : 'row as JSON'}`;
  const emptyText = {
    Samples: 'no sample queries found',
    Saved: `no saved queries in ${w.o.queriesDir} yet: Ctrl+S saves the editor`,
    History: 'no queries run yet',
    Schema: store.status === 'ready' || store.status === 'empty' ? '' : 'no store open',
  };

  if (w.help.open) {
    return (
      <Box width={L.columns} height={L.rows} flexDirection="column">
        <HelpOverlay width={L.columns} height={L.rows} top={w.help.top} />
      </Box>
    );
  }

  const resultsPane = <ResultsGrid query={query} results={results} width={L.results.width} height={L.results.height} focused={w.pane === 'results'} now={w.now} />;
  const detailPane = <DetailPane detail={w.detail} width={L.detail.width} height={L.detail.height} focused={w.pane === 'detail'} caption={detailCaption} />;
  const dialogW = Math.min(L.columns - 4, 72);
  return (
    <Box width={L.columns} height={L.rows} flexDirection="column">
      <Box height={L.rows - 1}>
        {L.sidebar.width ? (
          <Box width={L.sidebar.width + 1} borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false} borderColor={w.pane === 'sidebar' ? 'cyan' : 'gray'}>
            <Sidebar sidebar={w.sidebar} width={L.sidebar.width} height={L.sidebar.height} focused={w.pane === 'sidebar'} emptyText={emptyText} />
          </Box>
        ) : null}
        <Box flexDirection="column" width={L.main.width}>
          <EditorPane
            editor={w.editor}
            completion={w.completion}
            width={L.main.width}
            height={L.editor.height}
            focused={w.pane === 'editor'}
            title={`Editor · ${w.dialect === 'lake' ? 'Lake SQL' : 'DuckDB SQL'}`}
            errorAt={errorAt}
          />
          {L.detailBeside ? (
            <Box>
              {resultsPane}
              <Box width={1} />
              {detailPane}
            </Box>
          ) : (
            <>
              {resultsPane}
              {detailPane}
            </>
          )}
        </Box>
      </Box>
      <StatusBar width={L.columns} status={store.status} stats={store.stats} dbPath={basename(w.o.dbPath)} dialect={w.dialect} message={w.message ?? storeMessage(store.error, w.history.error, w.library.error)} />
      {w.dialog.dialog ? (
        <DialogBox
          dialog={w.dialog.dialog}
          ingest={w.ingest}
          width={dialogW}
          // The filter dialog sits over the editor so the rows it filters stay in sight.
          top={w.dialog.dialog.kind === 'filter' ? 1 : Math.max(1, Math.floor(L.rows / 2) - 5)}
          left={Math.floor((L.columns - dialogW) / 2)}
        />
      ) : null}
    </Box>
  );
}

function storeMessage(...errors: (string | undefined)[]) {
  const text = errors.find(Boolean);
  return text ? { text, kind: 'error' as const } : undefined;
}
