import type { CompletionApi } from './hooks/use-completion.js';
import type { DetailApi } from './hooks/use-detail.js';
import type { DialogApi } from './hooks/use-dialog.js';
import type { EditorApi } from './hooks/use-editor.js';
import type { HistoryApi } from './hooks/use-history.js';
import type { IngestApi } from './hooks/use-ingest.js';
import type { LibraryApi } from './hooks/use-library.js';
import type { Dialect, QueryApi } from './hooks/use-query.js';
import type { ResultsApi } from './hooks/use-results.js';
import type { SidebarApi } from './hooks/use-sidebar.js';
import type { StoreApi } from './hooks/use-store.js';
import type { Message, WorkbenchOptions } from './hooks/use-workbench.js';
import type { Layout } from './layout.js';
import type { Pane } from './workbench-actions.js';

/** The pieces of workbench state the key handlers act on (see use-workbench.ts). */
export interface WorkbenchParts {
  o: WorkbenchOptions;
  layout: Layout;
  store: StoreApi;
  history: HistoryApi;
  library: LibraryApi;
  pane: Pane;
  setPane(p: Pane): void;
  dialect: Dialect;
  setDialect(d: Dialect): void;
  help: { open: boolean; top: number };
  setHelp(h: { open: boolean; top: number }): void;
  setMessage(m: Message | undefined): void;
  /** Text copied or cut in the editor, for Ctrl+V (the terminal's clipboard cannot be read back). */
  clipboard: { current: string };
  /** Ctrl+Q was pressed once during an ingest. */
  quitArmed: { current: boolean };
  editor: EditorApi;
  query: QueryApi;
  results: ResultsApi;
  completion: CompletionApi;
  detail: DetailApi;
  sidebar: SidebarApi;
  dialog: DialogApi;
  ingest: IngestApi;
}
