import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * Query history, kept across sessions as JSON lines beside the store (`<db>.history.jsonl`):
 * append-only, so two workbenches on one store never overwrite each other's runs, and a
 * damaged line costs only that line.
 */

export interface HistoryEntry {
  /** ISO-8601 time the run finished. */
  at: string;
  sql: string;
  rows: number;
  truncated: boolean;
  elapsedMs: number;
  dialect?: 'lake' | 'duckdb';
  error?: string;
}

export function historyPathFor(dbPath: string): string {
  return `${dbPath}.history.jsonl`;
}

/** The newest `limit` entries, newest first. */
export function readHistory(path: string, limit = 1000): HistoryEntry[] {
  if (!existsSync(path)) return [];
  const out: HistoryEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as HistoryEntry;
      if (typeof e.sql === 'string' && typeof e.at === 'string') out.push(e);
    } catch {
      // A half-written last line (killed mid-write) is skipped, not fatal.
    }
  }
  return out.slice(-limit).reverse();
}

export function appendHistory(path: string, e: HistoryEntry): void {
  appendFileSync(path, `${JSON.stringify(e)}\n`);
}
