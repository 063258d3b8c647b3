import { formatForPath, writeResultFile, type OutputFormat } from '../query/output.js';
import type { QuerySession } from '../query/session.js';

/**
 * Exporting a result from the workbench through the query library's writer: the query runs again
 * without the on-screen row limit, so the file holds the whole result, written under a temporary
 * name and renamed when complete.
 */

export type ExportFormat = Exclude<OutputFormat, 'table'>;

export function exportFormatOf(path: string): ExportFormat | undefined {
  const f = formatForPath(path);
  return f && f !== 'table' ? f : undefined;
}

/** Writes the query's full result to `path`; returns the row count. */
export async function exportResults(session: QuerySession, sql: string, path: string, format: ExportFormat, dialect: 'lake' | 'duckdb'): Promise<number> {
  const r = await writeResultFile(session, sql, path, { format, dialect });
  return r.rows;
}
