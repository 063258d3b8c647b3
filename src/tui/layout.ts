import type { Size } from './hooks/use-terminal-size.js';

/**
 * Where the panes go for a terminal size. Computed, not flexed, so every pane knows how many rows
 * and cells it has before it renders (the grid and the editor scroll by that), and a resize
 * simply re-flows. Each main pane has one title line, counted in its height.
 */

export interface Layout {
  columns: number;
  /** Rows the workbench draws: one fewer than the terminal, where Ink leaves its cursor line. */
  rows: number;
  sidebar: { width: number; height: number };
  main: { width: number };
  editor: { height: number };
  results: { width: number; height: number };
  detail: { width: number; height: number };
  /** Detail to the right of the results (wide terminals) or under them. */
  detailBeside: boolean;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export function layoutFor(size: Size): Layout {
  const columns = Math.max(40, size.columns);
  const rows = Math.max(12, size.rows - 1);
  const panes = rows - 1; // the status bar
  const sideW = columns < 60 ? 0 : clamp(Math.round(columns * 0.27), 20, 38);
  const mainW = columns - sideW - (sideW ? 1 : 0);
  const editorH = clamp(Math.round(panes * 0.32), 4, 14);
  const rest = panes - editorH;
  const beside = columns >= 150;
  if (beside) {
    const resultsW = Math.round(mainW * 0.58);
    return {
      columns, rows, detailBeside: true,
      sidebar: { width: sideW, height: panes },
      main: { width: mainW },
      editor: { height: editorH },
      results: { width: resultsW, height: rest },
      detail: { width: mainW - resultsW - 1, height: rest },
    };
  }
  const detailH = Math.max(3, Math.round(rest * 0.4));
  return {
    columns, rows, detailBeside: false,
    sidebar: { width: sideW, height: panes },
    main: { width: mainW },
    editor: { height: editorH },
    results: { width: mainW, height: rest - detailH },
    detail: { width: mainW, height: detailH },
  };
}
