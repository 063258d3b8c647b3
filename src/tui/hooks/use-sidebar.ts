import { useMemo, useRef, useState } from 'react';
import type { StoreStats } from '../../store/catalog.js';
import { scrollRows } from '../grid-layout.js';
import type { HistoryEntry } from '../history-file.js';
import type { QueryInfo } from '../library-source.js';
import { schemaRows, type SchemaRow } from '../schema-tree.js';

export const TABS = ['Samples', 'Saved', 'History', 'Schema'] as const;
export type Tab = (typeof TABS)[number];

export type SideItem =
  | { kind: 'query'; key: string; label: string; sub: string; file: QueryInfo; source: 'sample' | 'saved' }
  | { kind: 'history'; key: string; label: string; sub: string; entry: HistoryEntry }
  | { kind: 'schema'; key: string; label: string; sub: string; row: SchemaRow };

export interface SidebarData {
  samples: QueryInfo[];
  saved: QueryInfo[];
  history: HistoryEntry[];
  stats: StoreStats[];
}

export interface SidebarApi {
  tab: Tab;
  items: SideItem[];
  sel: number;
  search: string;
  searching: boolean;
  /** Lines each item takes on screen. */
  itemLines: number;
  switchTab(delta: number): void;
  setTab(t: Tab): void;
  move(delta: number): void;
  selected(): SideItem | undefined;
  startSearch(): void;
  endSearch(clear: boolean): void;
  typeSearch(text: string): void;
  backspaceSearch(): void;
  toggleSchema(key: string): void;
  view(heightItems: number): number;
}

/** Search by title or tag (and name): every word must match one of them. */
const matches = (q: QueryInfo, needle: string) =>
  !needle || needle.split(/\s+/).every((w) => [q.title, q.name, ...q.tags].some((s) => s.toLowerCase().includes(w.replace(/^#/, ''))));

function clock(iso: string): string {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${today ? '' : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} `}${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The sidebar's tab, per-tab selection and search, and the Schema tab's expanded structs. */
export function useSidebar(data: SidebarData): SidebarApi {
  const [tabIndex, setTabIndex] = useState(0);
  const [sels, setSels] = useState<number[]>([0, 0, 0, 0]);
  const [searches, setSearches] = useState<string[]>(['', '', '', '']);
  const [searching, setSearching] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const top = useRef([0, 0, 0, 0]);
  const tab = TABS[tabIndex]!;
  const search = searches[tabIndex]!;

  const items = useMemo((): SideItem[] => {
    const needle = search.trim().toLowerCase();
    switch (tab) {
      case 'Samples':
      case 'Saved': {
        const source = tab === 'Samples' ? 'sample' : 'saved';
        return (tab === 'Samples' ? data.samples : data.saved)
          .filter((q) => matches(q, needle))
          .map((q) => {
            const tags = q.tags.map((t) => `#${t}`).join(' ');
            // Saved queries may share a sample's title: their file name tells them apart.
            const sub = source === 'saved' ? `${q.name}.sql ${tags}` : tags || q.name;
            return { kind: 'query', key: `${source}:${q.name}`, label: q.title || q.name, sub, file: q, source };
          });
      }
      case 'History':
        return data.history
          .filter((e) => !needle || e.sql.toLowerCase().includes(needle))
          .map((e, i) => ({
            kind: 'history',
            key: `h:${i}:${e.at}`,
            label: e.sql.replace(/\s+/g, ' ').trim(),
            sub: `${clock(e.at)}  ${e.error ? 'error' : `${e.rows}${e.truncated ? '+' : ''} row${e.rows === 1 && !e.truncated ? '' : 's'}`}  ${e.elapsedMs}ms`,
            entry: e,
          }));
      case 'Schema':
        return schemaRows(data.stats, expanded, needle).map((row) => ({ kind: 'schema', key: row.key, label: row.label, sub: row.detail, row }));
    }
  }, [tab, search, data.samples, data.saved, data.history, data.stats, expanded]);

  const sel = Math.min(sels[tabIndex]!, Math.max(0, items.length - 1));
  const setSel = (n: number) => setSels((s) => s.map((x, i) => (i === tabIndex ? Math.max(0, Math.min(items.length - 1, n)) : x)));
  const setSearch = (f: (s: string) => string) => {
    setSearches((s) => s.map((x, i) => (i === tabIndex ? f(x) : x)));
    setSel(0);
  };

  return {
    tab,
    items,
    sel,
    search,
    searching,
    itemLines: tab === 'Schema' ? 1 : 2,
    switchTab: (d) => {
      setTabIndex((i) => (i + d + TABS.length) % TABS.length);
      setSearching(false);
    },
    setTab: (t) => setTabIndex(TABS.indexOf(t)),
    move: (d) => setSel(sel + d),
    selected: () => items[sel],
    startSearch: () => setSearching(true),
    endSearch: (clear) => {
      setSearching(false);
      if (clear) setSearch(() => '');
    },
    typeSearch: (text) => setSearch((s) => s + text.replace(/\n/g, ' ')),
    backspaceSearch: () => setSearch((s) => s.slice(0, -1)),
    toggleSchema: (key) =>
      setExpanded((e) => {
        const n = new Set(e);
        if (n.has(key)) n.delete(key);
        else n.add(key);
        return n;
      }),
    view: (height) => {
      top.current[tabIndex] = scrollRows(top.current[tabIndex]!, sel, height);
      return top.current[tabIndex]!;
    },
  };
}
