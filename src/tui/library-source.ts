import { listSamples, listSaved, loadSample, loadSaved, saveQuery, type QueryFile, type QueryInfo } from '../query/library.js';

/**
 * The sample and saved query library (src/query/library.ts) as the workbench uses it: the
 * editor gets the whole file, header comments included, so a query's title and description
 * travel with it and a saved copy keeps them.
 */

export type { QueryInfo };

export function samples(): QueryInfo[] {
  return listSamples();
}

export function saved(dir: string): QueryInfo[] {
  return listSaved(dir);
}

export function querySql(q: QueryInfo, source: 'sample' | 'saved', dir: string): string {
  const f: QueryFile = source === 'sample' ? loadSample(q.name) : loadSaved(dir, q.name);
  return f.text;
}

/** Saves the editor's text; the title comes from its header, else the name. Returns the path. */
export function save(dir: string, name: string, sql: string, force: boolean): string {
  return saveQuery(dir, name, sql, { force }).path;
}
