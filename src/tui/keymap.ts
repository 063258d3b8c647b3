/**
 * Every key the workbench reacts to, declared once. The input hook binds keys from this table and
 * the help overlay and the README's key table are generated from it, so what the help says is
 * what the keys do. Key ids are those of parse-key.ts.
 *
 * Scopes are tried in order: an open dialog or overlay, the completion menu, then `global`, then
 * the focused pane. A handler may decline a key (cancel with nothing running), and the next
 * binding for the key is tried. Keys that print a character are never global, so typing in the
 * editor is never taken for a command.
 */

export type Scope = 'global' | 'editor' | 'completion' | 'sidebar' | 'search' | 'results' | 'detail' | 'dialog' | 'help';

export interface Binding {
  scope: Scope;
  action: string;
  keys: string[];
  help: string;
  /** Shown in the status bar with this short label, in order of this number (most important first). */
  status?: string;
  statusRank?: number;
}

const STATUS_RANK = ['run', 'help', 'quit', 'pane.next', 'save', 'export'];
const b = (scope: Scope, action: string, keys: string[], help: string, status?: string): Binding => ({
  scope,
  action,
  keys,
  help,
  ...(status ? { status, statusRank: STATUS_RANK.indexOf(action) } : {}),
});

export const KEYMAP: readonly Binding[] = [
  // Many terminals send Ctrl+Enter as a plain Enter, so F5, Ctrl+R and Ctrl+E run too.
  b('global', 'run', ['ctrl+enter', 'f5', 'ctrl+r', 'ctrl+e'], 'Run the SQL in the editor (the selection, if any)', 'run'),
  b('global', 'cancel', ['esc'], 'Cancel the running query'),
  b('global', 'pane.next', ['tab'], 'Next pane', 'pane'),
  b('global', 'pane.prev', ['shift+tab'], 'Previous pane'),
  b('global', 'pane.sidebar', ['alt+1'], 'Go to the sidebar'),
  b('global', 'pane.editor', ['alt+2'], 'Go to the editor'),
  b('global', 'pane.results', ['alt+3'], 'Go to the results'),
  b('global', 'pane.detail', ['alt+4'], 'Go to the detail'),
  b('global', 'save', ['ctrl+s', 'f2'], 'Save the editor as a named query', 'save'),
  b('global', 'export', ['ctrl+o'], 'Export the results (csv, json, parquet) to a path', 'export'),
  b('global', 'filter', ['ctrl+f'], 'Filter the result rows'),
  b('global', 'ingest', ['ctrl+g'], 'Ingest a path into the store'),
  b('global', 'dialect', ['ctrl+t'], 'Switch the SQL dialect (Lake / DuckDB)'),
  b('global', 'help', ['f1'], 'Show this help', 'help'),
  b('global', 'quit', ['ctrl+q'], 'Quit', 'quit'),

  b('editor', 'edit.newline', ['enter', 'ctrl+j'], 'New line'),
  b('editor', 'edit.complete', ['ctrl+space', 'ctrl+n'], 'Complete a column, nested field, function or store id'),
  b('editor', 'edit.left', ['left'], 'Move the cursor (Shift: select)'),
  b('editor', 'edit.right', ['right'], 'Move right'),
  b('editor', 'edit.up', ['up'], 'Move up'),
  b('editor', 'edit.down', ['down'], 'Move down'),
  b('editor', 'edit.wordLeft', ['ctrl+left', 'alt+left', 'alt+b'], 'Word left'),
  b('editor', 'edit.wordRight', ['ctrl+right', 'alt+right', 'alt+f'], 'Word right'),
  b('editor', 'edit.home', ['home'], 'Start of line'),
  b('editor', 'edit.end', ['end'], 'End of line'),
  b('editor', 'edit.docStart', ['ctrl+home'], 'Start of the query'),
  b('editor', 'edit.docEnd', ['ctrl+end'], 'End of the query'),
  b('editor', 'edit.pageUp', ['pageup'], 'Page up'),
  b('editor', 'edit.pageDown', ['pagedown'], 'Page down'),
  b('editor', 'select.left', ['shift+left'], 'Select left'),
  b('editor', 'select.right', ['shift+right'], 'Select right'),
  b('editor', 'select.up', ['shift+up'], 'Select up'),
  b('editor', 'select.down', ['shift+down'], 'Select down'),
  b('editor', 'select.wordLeft', ['ctrl+shift+left'], 'Select a word left'),
  b('editor', 'select.wordRight', ['ctrl+shift+right'], 'Select a word right'),
  b('editor', 'select.home', ['shift+home'], 'Select to the start of the line'),
  b('editor', 'select.end', ['shift+end'], 'Select to the end of the line'),
  b('editor', 'select.all', ['ctrl+a'], 'Select all'),
  b('editor', 'edit.backspace', ['backspace'], 'Delete left'),
  b('editor', 'edit.delete', ['delete'], 'Delete right'),
  b('editor', 'edit.deleteWord', ['ctrl+w', 'alt+backspace', 'ctrl+backspace'], 'Delete the word left'),
  b('editor', 'edit.killLine', ['ctrl+k'], 'Delete to the end of the line'),
  b('editor', 'edit.undo', ['ctrl+z'], 'Undo'),
  b('editor', 'edit.redo', ['ctrl+y', 'ctrl+shift+z'], 'Redo'),
  b('editor', 'edit.copy', ['ctrl+c'], 'Copy the selection (also to the terminal clipboard)'),
  b('editor', 'edit.cut', ['ctrl+x'], 'Cut the selection'),
  b('editor', 'edit.paste', ['ctrl+v'], 'Paste what was copied or cut here (the terminal\'s own paste works too)'),

  b('completion', 'complete.next', ['down', 'ctrl+n'], 'Next completion'),
  b('completion', 'complete.prev', ['up', 'ctrl+p'], 'Previous completion'),
  b('completion', 'complete.accept', ['enter', 'tab'], 'Insert the completion'),
  b('completion', 'complete.close', ['esc'], 'Close the completion list'),

  b('sidebar', 'side.prevTab', ['left', '['], 'Previous tab (Samples, Saved, History, Schema)'),
  b('sidebar', 'side.nextTab', ['right', ']'], 'Next tab'),
  b('sidebar', 'side.up', ['up', 'k'], 'Move up'),
  b('sidebar', 'side.down', ['down', 'j'], 'Move down'),
  b('sidebar', 'side.pageUp', ['pageup'], 'Page up'),
  b('sidebar', 'side.pageDown', ['pagedown'], 'Page down'),
  b('sidebar', 'side.open', ['enter'], 'Load into the editor (Schema: expand / fold a struct)'),
  b('sidebar', 'side.insert', ['i'], 'Insert the name at the editor cursor'),
  b('sidebar', 'side.search', ['/'], 'Search by title or tag (Schema: by name)'),
  b('sidebar', 'help', ['?'], 'Show this help'),
  b('search', 'search.done', ['enter', 'down'], 'Keep the search and go to the list'),
  b('search', 'search.clear', ['esc'], 'Clear the search'),
  b('search', 'search.backspace', ['backspace'], 'Delete left'),

  b('results', 'grid.up', ['up', 'k'], 'Row up'),
  b('results', 'grid.down', ['down', 'j'], 'Row down'),
  b('results', 'grid.left', ['left', 'h'], 'Column left (scrolls)'),
  b('results', 'grid.right', ['right', 'l'], 'Column right (scrolls)'),
  b('results', 'grid.pageUp', ['pageup'], 'Page up'),
  b('results', 'grid.pageDown', ['pagedown'], 'Page down'),
  b('results', 'grid.home', ['home', 'g'], 'First row'),
  b('results', 'grid.end', ['end', 'G'], 'Last row'),
  b('results', 'grid.open', ['enter'], 'Open the row in the detail pane'),
  b('results', 'grid.copy', ['c', 'y', 'ctrl+c'], 'Copy the cell (OSC 52 terminal clipboard)'),
  b('results', 'filter', ['/'], 'Filter the rows'),
  b('results', 'help', ['?'], 'Show this help'),

  b('detail', 'tree.up', ['up', 'k'], 'Line up'),
  b('detail', 'tree.down', ['down', 'j'], 'Line down'),
  b('detail', 'tree.pageUp', ['pageup'], 'Page up'),
  b('detail', 'tree.pageDown', ['pagedown'], 'Page down'),
  b('detail', 'tree.home', ['home', 'g'], 'Top'),
  b('detail', 'tree.end', ['end', 'G'], 'Bottom'),
  b('detail', 'tree.toggle', ['enter', 'space'], 'Fold / unfold the object or list'),
  b('detail', 'tree.expand', ['right', 'l'], 'Unfold'),
  b('detail', 'tree.collapse', ['left', 'h'], 'Fold (or go to the parent)'),
  b('detail', 'tree.expandAll', ['+', '*'], 'Unfold everything'),
  b('detail', 'tree.collapseAll', ['-'], 'Fold everything'),
  b('detail', 'tree.copy', ['c', 'y', 'ctrl+c'], 'Copy the value on the line (OSC 52)'),
  b('detail', 'pane.results', ['esc'], 'Back to the results'),
  b('detail', 'help', ['?'], 'Show this help'),

  b('dialog', 'dialog.submit', ['enter'], 'Confirm'),
  b('dialog', 'dialog.close', ['esc'], 'Cancel / close'),
  b('dialog', 'field.left', ['left'], 'Cursor left'),
  b('dialog', 'field.right', ['right'], 'Cursor right'),
  b('dialog', 'field.home', ['home', 'ctrl+a'], 'Start of the field'),
  b('dialog', 'field.end', ['end', 'ctrl+e'], 'End of the field'),
  b('dialog', 'field.backspace', ['backspace'], 'Delete left'),
  b('dialog', 'field.delete', ['delete'], 'Delete right'),
  b('dialog', 'field.clear', ['ctrl+u'], 'Clear the field'),

  b('help', 'help.close', ['esc', 'f1', '?', 'q'], 'Close the help'),
  b('help', 'help.up', ['up', 'k'], 'Scroll up'),
  b('help', 'help.down', ['down', 'j', 'space'], 'Scroll down'),
];

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  editor: 'Editor',
  completion: 'Completion list (editor)',
  sidebar: 'Sidebar',
  search: 'Sidebar search',
  results: 'Results',
  detail: 'Detail',
  dialog: 'Dialogs (save, export, filter, ingest)',
  help: 'Help',
};

const byScope = new Map<Scope, Map<string, Binding[]>>();
for (const bd of KEYMAP) {
  const m = byScope.get(bd.scope) ?? new Map<string, Binding[]>();
  for (const k of bd.keys) m.set(k, [...(m.get(k) ?? []), bd]);
  byScope.set(bd.scope, m);
}

/** The bindings a key has in these scopes, in the order they should be tried. */
export function bindingsFor(scopes: readonly Scope[], keyId: string): Binding[] {
  return scopes.flatMap((s) => byScope.get(s)?.get(keyId) ?? []);
}

/** The first key of an action, for hints ("F5 run"). */
export function keyFor(action: string, scope?: Scope): string | undefined {
  const bd = KEYMAP.find((x) => x.action === action && (!scope || x.scope === scope));
  return bd && keyLabel(bd.keys[0]!);
}

const NAMES: Record<string, string> = {
  up: '↑', down: '↓', left: '←', right: '→', enter: 'Enter', esc: 'Esc', tab: 'Tab', space: 'Space',
  backspace: 'Backspace', delete: 'Delete', home: 'Home', end: 'End', pageup: 'PgUp', pagedown: 'PgDn', insert: 'Insert',
};

/** The key hints of the status bar: "F5 run", "^Q quit", most important first. */
export function statusHints(): string[] {
  return KEYMAP.filter((x) => x.status)
    .sort((a, z) => (a.statusRank ?? 99) - (z.statusRank ?? 99))
    .map((x) => {
      // Prefer a key every terminal sends: a function key or Ctrl+letter, written the short way (^Q).
      const k = x.keys.find((id) => /^(f\d+|ctrl\+[a-z])$/.test(id)) ?? x.keys[0]!;
      return `${k.startsWith('ctrl+') ? `^${k.slice(5).toUpperCase()}` : keyLabel(k)} ${x.status}`;
    });
}

/** "ctrl+shift+left" → "Ctrl+Shift+←", "f5" → "F5". */
export function keyLabel(id: string): string {
  const parts = id === '+' ? ['+'] : id.split('+').map((p, i, all) => (p === '' && i === all.length - 1 ? '+' : p)).filter(Boolean);
  return parts
    .map((p, i) => {
      if (i < parts.length - 1) return p[0]!.toUpperCase() + p.slice(1);
      if (NAMES[p]) return NAMES[p];
      if (/^f\d+$/.test(p)) return p.toUpperCase();
      return p.length === 1 && parts.length > 1 ? p.toUpperCase() : p;
    })
    .join('+');
}

/** The key map as rows for the help overlay and the README (scope title, keys, what they do). */
export function keyTable(): { scope: Scope; title: string; rows: { keys: string; help: string }[] }[] {
  const order: Scope[] = ['global', 'editor', 'completion', 'sidebar', 'search', 'results', 'detail', 'dialog', 'help'];
  return order.map((scope) => ({
    scope,
    title: SCOPE_TITLES[scope],
    rows: KEYMAP.filter((x) => x.scope === scope).map((x) => ({ keys: x.keys.map(keyLabel).join(', '), help: x.help })),
  }));
}

/** The key table as Markdown, for the README. */
export function keyTableMarkdown(): string {
  const out: string[] = [];
  for (const g of keyTable()) {
    out.push(`**${g.title}**`, '', '| Keys | Action |', '|---|---|');
    for (const r of g.rows) out.push(`| ${r.keys.replace(/\|/g, '\\|')} | ${r.help} |`);
    out.push('');
  }
  return out.join('\n');
}
