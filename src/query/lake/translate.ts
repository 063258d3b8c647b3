import { toOriginal, type PositionMap } from './emitter.js';
import { LakeSqlError, sqlError } from './errors.js';
import { ParamFiller, type DashboardParams } from './params.js';
import { checkReadOnly } from './read-only.js';
import { Rewriter } from './rewriter.js';
import type { StoreRef } from './stores.js';
import { tokenize } from './tokenizer.js';
import { buildTree } from './tree.js';

export interface TranslateOptions {
  /** All stores in the DuckDB file. */
  stores: StoreRef[];
  /** Name or id chosen by --store: placeholders resolve to it. */
  defaultStore?: string;
  /** Values for `?` markers (and `'?'` dashboard markers), in order. */
  params?: string[];
  /** Values of the dashboard variables `$StartTime$`, `$EndTime$`, `$Period$`. */
  dashboard?: DashboardParams;
}

export interface TranslationMap extends PositionMap {
  /** The user's SQL, which the segments point into. */
  original: string;
}

export interface Translated {
  /** DuckDB SQL: run it on a connection readied by prepareConnection. */
  sql: string;
  /** From positions in `sql` back to positions in the user's SQL (see mapDuckDbError). */
  map: TranslationMap;
  /** Ids of the stores the query reads. */
  stores: string[];
}

/** Translates one CloudTrail Lake (Trino) query to DuckDB SQL. Throws LakeSqlError. */
export function translateLake(sql: string, opts: TranslateOptions): Translated {
  // Refuse non-queries first, with positions in the user's own text.
  checkReadOnly(sql, 'lake');
  const tokens = tokenize(sql, 'lake');
  const tree = buildTree(tokens, sql);
  const rw = new Rewriter({
    src: sql,
    stores: opts.stores,
    ...(opts.defaultStore !== undefined ? { defaultStore: opts.defaultStore } : {}),
    params: new ParamFiller(sql, opts.params, opts.dashboard),
  });
  rw.statement(tree, tokens[tokens.length - 1]!);
  const { sql: out, map } = rw.out.result();
  const translated: Translated = { sql: out, map: { ...map, original: sql }, stores: [...rw.storesUsed] };
  // Then check what DuckDB will actually parse, with DuckDB's lexical rules.
  try {
    checkReadOnly(out, 'duckdb');
  } catch (e) {
    if (!(e instanceof LakeSqlError)) throw e;
    const at = toOriginal(translated.map, e.offset) ?? 0;
    throw sqlError(sql, at, e.code, e.reason, e.token);
  }
  return translated;
}
