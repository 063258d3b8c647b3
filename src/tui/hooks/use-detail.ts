import { useEffect, useMemo, useRef, useState } from 'react';
import { allContainerPaths, defaultFolds, parentPath, treeLines, valueAt, type TreeLine } from '../json-tree.js';
import { scrollRows } from '../grid-layout.js';

type Mode = 'default' | 'open' | 'folded';

export interface DetailApi {
  value: unknown;
  lines: TreeLine[];
  cursor: number;
  move(delta: number): void;
  toLine(i: number): void;
  toggle(): void;
  expand(): void;
  /** Folds the node on the line, or moves to the parent's line when it is a leaf or folded. */
  collapse(): void;
  expandAll(): void;
  collapseAll(): void;
  /** The value on the cursor line (for copying). */
  current(): unknown;
  view(height: number): number;
}

/**
 * The detail pane: the selected row's event as folded JSON. Folds the user makes are kept as
 * overrides over the default folding, so stepping through rows keeps what they opened or closed.
 */
export function useDetail(value: unknown): DetailApi {
  const [overrides, setOverrides] = useState<Map<string, boolean>>(() => new Map());
  const [mode, setMode] = useState<Mode>('default');
  const [cursor, setCursor] = useState(0);
  const top = useRef(0);

  useEffect(() => {
    setCursor(0);
    top.current = 0;
  }, [value]);

  const folded = useMemo(() => {
    const base = mode === 'default' ? defaultFolds(value) : mode === 'folded' ? allContainerPaths(value) : new Set<string>();
    const out = new Set<string>();
    for (const p of allContainerPaths(value)) if (overrides.get(p) ?? base.has(p)) out.add(p);
    return out;
  }, [value, mode, overrides]);
  const lines = useMemo(() => (value === undefined ? [] : treeLines(value, folded)), [value, folded]);
  const c = Math.min(cursor, Math.max(0, lines.length - 1));
  const line = lines[c];
  const setFold = (path: string, fold: boolean) => setOverrides((m) => new Map(m).set(path, fold));

  return {
    value,
    lines,
    cursor: c,
    move: (d) => setCursor(Math.max(0, Math.min(lines.length - 1, c + d))),
    toLine: (i) => setCursor(Math.max(0, Math.min(lines.length - 1, i))),
    toggle: () => {
      if (!line?.node || !line.path) return;
      setFold(line.path, line.node !== 'folded');
      // Folding from the closing bracket: land on the folded line.
      if (line.node === 'close') setCursor(lines.findIndex((l) => l.path === line.path));
    },
    expand: () => {
      if (line?.node === 'folded') setFold(line.path, false);
    },
    collapse: () => {
      if (line && (line.node === 'open' || line.node === 'close') && line.path) {
        setFold(line.path, true);
        setCursor(lines.findIndex((l) => l.path === line.path));
        return;
      }
      if (!line?.path) return;
      const parent = parentPath(line.path);
      const i = lines.findIndex((l) => l.path === parent && l.node === 'open');
      if (i >= 0) setCursor(i);
    },
    expandAll: () => {
      setOverrides(new Map());
      setMode('open');
    },
    collapseAll: () => {
      setOverrides(new Map());
      setMode('folded');
      setCursor(0);
    },
    current: () => (line ? valueAt(value, line.path) : undefined),
    view: (height) => {
      top.current = Math.min(scrollRows(top.current, c, height), Math.max(0, lines.length - height));
      return top.current;
    },
  };
}
