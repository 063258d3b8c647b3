/**
 * The Lake dialect: CloudTrail Lake SQL (Trino) in, DuckDB SQL out.
 *
 *   await prepareConnection(conn);        // once per connection: TEMP macros + UTC + integer division
 *   const t = translateLake(userSql, { stores, defaultStore, params, dashboard });   // throws LakeSqlError
 *   try { await conn.run(t.sql) } catch (e) { throw mapDuckDbError(e as Error, userSql, t) }
 *
 * translateLake refuses anything but a query (it runs checkReadOnly on its input and output).
 * `--dialect duckdb` skips translateLake, and should call checkReadOnly(sql, 'duckdb') itself.
 */
export { LakeSqlError } from './errors.js';
export type { StoreRef } from './stores.js';
export { translateLake, type TranslateOptions, type Translated, type TranslationMap } from './translate.js';
export type { DashboardParams } from './params.js';
export { mapDuckDbError } from './map-error.js';
export { checkReadOnly } from './read-only.js';
export { prepareConnection, LAKE_SESSION_SQL, type SqlRunner } from './macros.js';
export type { Dialect } from './tokenizer.js';
export { runConformance, formatReport, findConformanceRoot, type ConformanceReport } from './conformance.js';
