/**
 * DuckDB macros that give Trino's answers where DuckDB's built-ins differ (NULL on a missing
 * match, 0-based JSON array indexes, Monday-first weeks, ...). They are TEMP macros: they
 * work on a read-only database and live only in the connection that ran prepareConnection.
 *
 * Session settings make DuckDB agree with Lake: UTC (Lake reports and compares times in UTC)
 * and integer division for integers (Trino's `5 / 2` is 2).
 */

const URL_SCHEME = "'^[A-Za-z][A-Za-z0-9+.-]*:'";
const URL_AUTHORITY = "'^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(\\[[^\\]]*\\]|[^:/?#]*)(?::([0-9]+))?'";

const MACROS: [string, string][] = [
  // Array predicates with Trino's three-valued logic: NULL when undecided because of NULLs.
  ['lake_any_match(t)', 'CASE WHEN t IS NULL THEN NULL WHEN list_contains(t, true) THEN true WHEN list_position(t, NULL) IS NOT NULL THEN NULL ELSE false END'],
  ['lake_all_match(t)', 'CASE WHEN t IS NULL THEN NULL WHEN list_contains(t, false) THEN false WHEN list_position(t, NULL) IS NOT NULL THEN NULL ELSE true END'],
  ['lake_none_match(t)', 'CASE WHEN t IS NULL THEN NULL WHEN list_contains(t, true) THEN false WHEN list_position(t, NULL) IS NOT NULL THEN NULL ELSE true END'],
  // Trino's cardinality takes arrays and maps; DuckDB's only maps. Used when the type is unknown.
  ['lake_cardinality(x)', "CASE json_type(to_json(x)) WHEN 'ARRAY' THEN json_array_length(to_json(x)) WHEN 'OBJECT' THEN len(json_keys(to_json(x))) END"],
  // JSON: Trino returns NULL for invalid JSON text, for non-scalars in json_extract_scalar, and
  // counts json_array_get indexes from 0 (negative from the end).
  ['lake_json_extract_scalar(j, p)', "CASE WHEN j IS NULL OR NOT json_valid(j) THEN NULL WHEN json_type(j, p) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END"],
  ['lake_json_extract(j, p)', 'CASE WHEN j IS NULL OR NOT json_valid(j) THEN NULL ELSE json_extract(j, p) END'],
  // (One json_extract with a computed path: DuckDB folds constant paths while binding, in every branch.)
  ['lake_json_array_get(j, i)', "CASE WHEN j IS NULL OR NOT json_valid(j) OR json_type(j) <> 'ARRAY' THEN NULL ELSE json_extract(j, CASE WHEN i >= 0 THEN '$[' || i || ']' ELSE '$[#' || i || ']' END) END"],
  ['lake_json_array_length(j)', "CASE WHEN j IS NOT NULL AND json_valid(j) AND json_type(j) = 'ARRAY' THEN json_array_length(j) END"],
  ['lake_json_array_contains(j, v)', "CASE WHEN j IS NOT NULL AND json_valid(j) AND json_type(j) = 'ARRAY' THEN list_contains(json_extract(j, '$[*]'), to_json(v)) END"],
  ['lake_json_size(j, p)', "CASE WHEN j IS NULL OR NOT json_valid(j) THEN NULL WHEN json_type(j, p) = 'ARRAY' THEN json_array_length(j, p) WHEN json_type(j, p) = 'OBJECT' THEN len(json_keys(j, p)) WHEN json_type(j, p) IS NULL THEN NULL ELSE 0 END"],
  ['lake_is_json_scalar(j)', "json_type(json(j)) NOT IN ('OBJECT', 'ARRAY')"],
  // CAST(json AS varchar): the scalar's text, not its JSON spelling ("x" -> x).
  ['lake_json_to_varchar(j)', "CASE WHEN json_type(j) IN ('OBJECT', 'ARRAY') THEN error('Cannot cast JSON object or array to varchar: use json_format') ELSE json_extract_string(j, '$') END"],
  // Strings and regular expressions: NULL (not '') when nothing matches.
  ['lake_regexp_extract(s, p, g)', 'CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p, g) END'],
  ['lake_split_part(s, d, i)', 'CASE WHEN i > len(string_split(s, d)) THEN NULL ELSE split_part(s, d, i) END'],
  // Dates.
  [
    'lake_date_add(u, n, t)',
    "t + CASE lower(u) WHEN 'millisecond' THEN to_milliseconds(n) WHEN 'second' THEN to_seconds(n) WHEN 'minute' THEN to_minutes(n) WHEN 'hour' THEN to_hours(n) WHEN 'day' THEN to_days(n) WHEN 'week' THEN to_weeks(n) WHEN 'month' THEN to_months(n) WHEN 'quarter' THEN to_months(n * 3) WHEN 'year' THEN to_years(n) ELSE error('date_add: unknown unit ' || u) END",
  ],
  ['lake_millisecond(t)', 'millisecond(t) % 1000'],
  [
    'lake_to_iso8601(x)',
    "CASE typeof(x) WHEN 'DATE' THEN strftime(x, '%Y-%m-%d') WHEN 'TIMESTAMP WITH TIME ZONE' THEN strftime(x, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' ELSE strftime(x, '%Y-%m-%dT%H:%M:%S.%g') END",
  ],
  // Arrays: Trino keeps first-occurrence order, and array_max/min are NULL if any element is.
  ['lake_array_distinct(l)', 'list_filter(l, lambda __x, __i: list_position(l, __x) = __i)'],
  ['lake_array_max(l)', 'CASE WHEN list_position(l, NULL) IS NOT NULL THEN NULL ELSE list_max(l) END'],
  ['lake_array_min(l)', 'CASE WHEN list_position(l, NULL) IS NOT NULL THEN NULL ELSE list_min(l) END'],
  ['lake_array_position(l, x)', 'CASE WHEN l IS NULL THEN NULL ELSE coalesce(list_position(l, x), 0) END'],
  ['lake_array_sort(l)', "list_sort(l, 'ASC', 'NULLS LAST')"],
  ['lake_array_remove(l, x)', 'list_filter(l, lambda __x: __x IS DISTINCT FROM x)'],
  ['lake_array_union(a, b)', 'lake_array_distinct(list_concat(a, b))'],
  ['lake_array_intersect(a, b)', 'list_filter(lake_array_distinct(a), lambda __x: list_contains(b, __x))'],
  ['lake_array_except(a, b)', 'list_filter(lake_array_distinct(a), lambda __x: NOT list_contains(b, __x))'],
  [
    'lake_slice(l, s, n)',
    'CASE WHEN s > 0 THEN list_slice(l, s, s + n - 1) WHEN len(l) + s + 1 < 1 THEN list_slice(l, 1, 0) ELSE list_slice(l, len(l) + s + 1, len(l) + s + n) END',
  ],
  // URLs (DuckDB has no built-ins): NULL when the text is not an absolute URL.
  ['lake_url_extract_protocol(u)', `nullif(regexp_extract(u, '^([A-Za-z][A-Za-z0-9+.-]*):', 1), '')`],
  ['lake_url_extract_host(u)', `CASE WHEN regexp_matches(u, ${URL_AUTHORITY}) THEN nullif(regexp_extract(u, ${URL_AUTHORITY}, 1), '') END`],
  ['lake_url_extract_port(u)', `TRY_CAST(nullif(regexp_extract(u, ${URL_AUTHORITY}, 2), '') AS BIGINT)`],
  ['lake_url_extract_path(u)', `CASE WHEN regexp_matches(u, ${URL_SCHEME}) THEN regexp_extract(u, '^[A-Za-z][A-Za-z0-9+.-]*:(?://[^/?#]*)?([^?#]*)', 1) END`],
  ['lake_url_extract_query(u)', "CASE WHEN regexp_matches(u, '^[^#]*[?]') THEN regexp_extract(u, '^[^#?]*[?]([^#]*)', 1) END"],
  ['lake_url_extract_fragment(u)', "CASE WHEN regexp_matches(u, '#') THEN regexp_extract(u, '#(.*)$', 1) END"],
  [
    'lake_url_extract_parameter(u, n)',
    "(list_transform(list_filter(string_split(lake_url_extract_query(u), '&'), lambda __p: split_part(__p, '=', 1) = n), lambda __p: substr(__p, len(n) + 2)))[1]",
  ],
];

/** The statements prepareConnection runs, for callers that manage their own connection. */
export const LAKE_SESSION_SQL: string[] = [
  "SET TimeZone = 'UTC'",
  'SET integer_division = true',
  ...MACROS.map(([sig, body]) => `CREATE OR REPLACE TEMP MACRO ${sig} AS ${body}`),
];

/** Names of our macros, with the Trino function each stands for (for error messages). */
export const MACRO_ORIGINS: Record<string, string> = Object.fromEntries(
  MACROS.map(([sig]) => {
    const name = sig.slice(0, sig.indexOf('('));
    return [name, name.replace(/^lake_/, '')];
  }),
);

/** Anything with DuckDB's `run(sql)`: a DuckDBConnection, or a wrapper around one. */
export interface SqlRunner {
  run(sql: string): Promise<unknown>;
}

/** Readies a connection for translated Lake SQL. Safe on read-only databases; run once per connection. */
export async function prepareConnection(conn: SqlRunner): Promise<void> {
  for (const sql of LAKE_SESSION_SQL) await conn.run(sql);
}
