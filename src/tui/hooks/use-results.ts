import { useEffect, useMemo, useRef, useState } from 'react';
import type { QueryResult } from '../../query/run-query.js';
import { filterRows, fitWidths, scrollColumns, scrollRows } from '../grid-layout.js';

export interface ResultsApi {
  /** Indexes (into result.rows) of the rows shown, after the filter. */
  shown: number[];
  widths: number[];
  /** Selected position within `shown`, and column. */
  row: number;
  col: number;
  filter: string;
  setFilter(f: string): void;
  moveRow(delta: number): void;
  toRow(i: number): void;
  moveCol(delta: number): void;
  /** The selected row of the result (unfiltered index), if any. */
  selectedRow(): unknown[] | undefined;
  selectedCell(): unknown;
  /** First visible row and column for a viewport of `height` rows and `width` cells. */
  view(height: number, width: number): { top: number; left: number };
}

/** The grid's selection, scroll position and row filter; reset when a new result arrives. */
export function useResults(result: QueryResult | undefined, runId: number): ResultsApi {
  const [row, setRow] = useState(0);
  const [col, setCol] = useState(0);
  const [filter, setFilterState] = useState('');
  const scroll = useRef({ top: 0, left: 0 });

  useEffect(() => {
    setRow(0);
    setCol(0);
    scroll.current = { top: 0, left: 0 };
  }, [runId]);

  const rows = result?.rows ?? [];
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const widths = useMemo(() => fitWidths(result?.columns.map((c) => c.name) ?? [], rows), [result, rows]);
  const nCols = result?.columns.length ?? 0;
  const r = Math.min(row, Math.max(0, shown.length - 1));
  const c = Math.min(col, Math.max(0, nCols - 1));

  return {
    shown,
    widths,
    row: r,
    col: c,
    filter,
    setFilter: (f) => {
      setFilterState(f);
      setRow(0);
      scroll.current = { ...scroll.current, top: 0 };
    },
    moveRow: (d) => setRow(Math.max(0, Math.min(shown.length - 1, r + d))),
    toRow: (i) => setRow(Math.max(0, Math.min(shown.length - 1, i))),
    moveCol: (d) => setCol(Math.max(0, Math.min(nCols - 1, c + d))),
    selectedRow: () => (shown.length ? rows[shown[r]!] : undefined),
    selectedCell: () => (shown.length ? rows[shown[r]!]?.[c] : undefined),
    view: (height, width) => {
      const top = scrollRows(scroll.current.top, r, height);
      const left = scrollColumns(widths, Math.min(scroll.current.left, c), c, width);
      scroll.current = { top, left };
      return scroll.current;
    },
  };
}
