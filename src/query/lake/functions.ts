import { quoteString } from '../../store/schema.js';
import { argCountError, rename, stringArg, tpl, type Call, type Rw } from './call.js';
import { jodaFormatToStrftime, mysqlFormatToStrftime } from './datetime-format.js';
import { castFn, extractFn } from './cast.js';
import { elementOf } from './infer-type.js';
import { trinoJsonPathToDuckDb } from './json-path.js';

/**
 * Trino functions whose DuckDB spelling or semantics differ. Each entry rewrites one call
 * site; a function not listed here is passed through (DuckDB shares most names with Trino:
 * lower, substr, coalesce, round, count, sum, max_by, date_trunc, ...).
 */
type Handler = (rw: Rw, c: Call) => void;

/** Same arguments, another name (a DuckDB built-in or one of our lake_ macros). */
const RENAMES: Record<string, string> = {
  arbitrary: 'any_value',
  regexp_like: 'regexp_matches',
  regexp_split: 'regexp_split_to_array',
  levenshtein_distance: 'levenshtein',
  hamming_distance: 'hamming',
  codepoint: 'unicode',
  // Trino numbers weekdays Monday=1..Sunday=7 (ISO), like DuckDB's isodow.
  day_of_week: 'isodow',
  dow: 'isodow',
  day_of_month: 'day',
  day_of_year: 'dayofyear',
  doy: 'dayofyear',
  week_of_year: 'week',
  year_of_week: 'isoyear',
  yow: 'isoyear',
  millisecond: 'lake_millisecond',
  to_unixtime: 'epoch',
  last_day_of_month: 'last_day',
  to_iso8601: 'lake_to_iso8601',
  // Trino's date_diff counts whole units elapsed (DuckDB's date_sub), not boundaries crossed.
  date_diff: 'date_sub',
  date_add: 'lake_date_add',
  contains: 'list_contains',
  array_distinct: 'lake_array_distinct',
  array_max: 'lake_array_max',
  array_min: 'lake_array_min',
  array_position: 'lake_array_position',
  array_remove: 'lake_array_remove',
  array_union: 'lake_array_union',
  array_intersect: 'lake_array_intersect',
  array_except: 'lake_array_except',
  slice: 'lake_slice',
  sequence: 'generate_series',
  every: 'bool_and',
  json_parse: 'json',
  json_array_get: 'lake_json_array_get',
  json_array_length: 'lake_json_array_length',
  json_array_contains: 'lake_json_array_contains',
  json_size: 'lake_json_size',
  is_json_scalar: 'lake_is_json_scalar',
  split_part: 'lake_split_part',
  url_extract_host: 'lake_url_extract_host',
  url_extract_protocol: 'lake_url_extract_protocol',
  url_extract_port: 'lake_url_extract_port',
  url_extract_path: 'lake_url_extract_path',
  url_extract_query: 'lake_url_extract_query',
  url_extract_fragment: 'lake_url_extract_fragment',
  url_extract_parameter: 'lake_url_extract_parameter',
  truncate: 'trunc',
  is_nan: 'isnan',
  is_finite: 'isfinite',
  is_infinite: 'isinf',
  rand: 'random',
  format: 'printf',
  to_utf8: 'encode',
  from_utf8: 'decode',
  from_hex: 'unhex',
  to_hex: 'hex',
};

function arity(rw: Rw, c: Call, ...allowed: number[]): void {
  if (!allowed.includes(c.args.length)) throw argCountError(rw, c, allowed.join(' or '));
}

/** An array-of-lambda call: the lambda's parameter has the array's element type. */
function lambdaOver(rw: Rw, c: Call, duckName: string): void {
  arity(rw, c, 2);
  const el = elementOf(rw.infer(c.args[0]!));
  rename(rw, c, duckName, '', { 1: [el] });
}

function matchFn(macro: string): Handler {
  return (rw, c) => {
    arity(rw, c, 2);
    const el = elementOf(rw.infer(c.args[0]!));
    tpl(rw, c, [`${macro}(list_transform(`, 0, ', ', { arg: 1, types: [el] }, '))']);
  };
}

/** A JSON function whose second argument is a JSONPath: constant paths are converted. */
function jsonPathFn(macro: string): Handler {
  return (rw, c) => {
    arity(rw, c, 2);
    rw.out.tok(c.name, macro);
    rw.out.tok(c.group.open);
    rw.expr(c.args[0]!);
    rw.out.tok(c.seps[0]!);
    const p = stringArg(c, 1);
    const converted = p && trinoJsonPathToDuckDb(p.value);
    if (p && converted !== undefined) rw.out.tok(p.tok, quoteString(converted));
    else rw.expr(c.args[1]!);
    rw.out.tok(c.group.close);
  };
}

/** strftime/strptime with the format converted at translation time (it must be a literal). */
function formatFn(duckName: string, convert: (f: string) => string | undefined, dialect: string): Handler {
  return (rw, c) => {
    arity(rw, c, 2);
    const f = stringArg(c, 1);
    if (!f) throw rw.error(c.name, 'E_UNSUPPORTED', `${c.name.text}() needs its format as a string literal`);
    const converted = convert(f.value);
    if (converted === undefined) throw rw.error(f.tok, 'E_UNSUPPORTED', `${dialect} format ${f.tok.text} uses a specifier ctlake cannot translate`);
    rw.out.tok(c.name, duckName);
    rw.out.tok(c.group.open);
    rw.expr(c.args[0]!);
    rw.out.tok(c.seps[0]!);
    rw.out.tok(f.tok, quoteString(converted));
    rw.out.tok(c.group.close);
  };
}

const castTo = (type: string): Handler => (rw, c) => {
  arity(rw, c, 1);
  tpl(rw, c, ['CAST(', 0, ` AS ${type})`]);
};

export const FUNCTIONS: Record<string, Handler> = {
  // Trino's element_at: 1-based (negative from the end) on arrays, NULL for a missing map key
  // or an index out of range; DuckDB's subscript does the same for both.
  element_at: (rw, c) => {
    arity(rw, c, 2);
    tpl(rw, c, ['(', 0, ')[', 1, ']']);
  },
  cardinality: (rw, c) => {
    arity(rw, c, 1);
    const t = rw.infer(c.args[0]!);
    rename(rw, c, t?.kind === 'list' ? 'len' : t?.kind === 'map' ? 'cardinality' : 'lake_cardinality');
  },
  filter: (rw, c) => lambdaOver(rw, c, 'list_filter'),
  transform: (rw, c) => lambdaOver(rw, c, 'list_transform'),
  any_match: matchFn('lake_any_match'),
  all_match: matchFn('lake_all_match'),
  none_match: matchFn('lake_none_match'),
  if: (rw, c) => {
    arity(rw, c, 2, 3);
    tpl(rw, c, c.args.length === 3 ? ['CASE WHEN ', 0, ' THEN ', 1, ' ELSE ', 2, ' END'] : ['CASE WHEN ', 0, ' THEN ', 1, ' END']);
  },
  // Trino's 2-argument replace removes the search string.
  replace: (rw, c) => {
    arity(rw, c, 2, 3);
    rename(rw, c, c.name.text, c.args.length === 2 ? ", ''" : '');
  },
  // Trino replaces every match and writes groups as $1; DuckDB needs 'g' and writes \1.
  regexp_replace: (rw, c) => {
    arity(rw, c, 2, 3);
    if (c.args.length === 2) return rename(rw, c, c.name.text, ", '', 'g'");
    const r = stringArg(c, 2);
    if (r) {
      rw.out.tok(c.name);
      rw.out.tok(c.group.open);
      rw.expr(c.args[0]!);
      rw.out.tok(c.seps[0]!);
      rw.expr(c.args[1]!);
      rw.out.tok(c.seps[1]!);
      rw.out.tok(r.tok, quoteString(javaReplacementToRe2(r.value)));
      rw.out.text(", 'g'", c.group.close);
      rw.out.tok(c.group.close);
      return;
    }
    tpl(rw, c, ['regexp_replace(', 0, ', ', 1, ", regexp_replace(", 2, ", '\\$(\\d)', '\\\\\\1', 'g'), 'g')"]);
  },
  regexp_extract: (rw, c) => {
    arity(rw, c, 2, 3);
    if (c.args.length === 2) tpl(rw, c, ['lake_regexp_extract(', 0, ', ', 1, ', 0)']);
    else rename(rw, c, 'lake_regexp_extract');
  },
  regexp_count: (rw, c) => {
    arity(rw, c, 2);
    tpl(rw, c, ['len(regexp_extract_all(', 0, ', ', 1, '))']);
  },
  split: (rw, c) => {
    if (c.args.length === 3) throw rw.error(c.name, 'E_UNSUPPORTED', 'split() with a limit is not supported');
    arity(rw, c, 2);
    rename(rw, c, 'string_split');
  },
  // Trino's concat is NULL if any argument is; DuckDB's skips NULLs (its || does not).
  concat: (rw, c) => {
    if (c.args.length === 0) throw argCountError(rw, c, 'at least 1');
    const parts: (string | number)[] = ['('];
    c.args.forEach((_, k) => parts.push(...(k ? [' || ', k] : [k])));
    tpl(rw, c, [...parts, ')']);
  },
  array_join: (rw, c) => {
    arity(rw, c, 2, 3);
    if (c.args.length === 2) return rename(rw, c, 'array_to_string');
    tpl(rw, c, ['array_to_string(list_transform(', 0, ', lambda __v: coalesce(CAST(__v AS VARCHAR), ', 2, ')), ', 1, ')']);
  },
  array_sort: (rw, c) => {
    if (c.args.length !== 1) throw rw.error(c.name, 'E_UNSUPPORTED', 'array_sort() with a comparator is not supported');
    rename(rw, c, 'lake_array_sort');
  },
  json_extract_scalar: jsonPathFn('lake_json_extract_scalar'),
  json_extract: jsonPathFn('lake_json_extract'),
  json_format: (rw, c) => {
    arity(rw, c, 1);
    tpl(rw, c, ['CAST(', 0, ' AS VARCHAR)']);
  },
  date: castTo('DATE'),
  from_iso8601_date: castTo('DATE'),
  from_iso8601_timestamp: castTo('TIMESTAMPTZ'),
  from_iso8601_timestamp_nanos: castTo('TIMESTAMPTZ'),
  from_unixtime: (rw, c) => {
    if (c.args.length !== 1) throw rw.error(c.name, 'E_UNSUPPORTED', 'from_unixtime() with a time zone is not supported; use from_unixtime(x)');
    rename(rw, c, 'to_timestamp');
  },
  date_format: formatFn('strftime', mysqlFormatToStrftime, 'MySQL'),
  date_parse: formatFn('strptime', mysqlFormatToStrftime, 'MySQL'),
  format_datetime: formatFn('strftime', jodaFormatToStrftime, 'Joda'),
  parse_datetime: formatFn('strptime', jodaFormatToStrftime, 'Joda'),
  // HyperLogLog estimates are off by a few even for tiny sets; Trino's sparse sketch is exact
  // there. An exact count is always within Trino's error bound.
  approx_distinct: (rw, c) => {
    arity(rw, c, 1, 2);
    tpl(rw, c, ['count(DISTINCT ', 0, ')']);
  },
  // Trino returns a value from the data (not an interpolation): DuckDB's quantile_disc.
  approx_percentile: (rw, c) => {
    if (c.args.length !== 2) throw rw.error(c.name, 'E_UNSUPPORTED', 'approx_percentile() with weights or accuracy is not supported');
    rename(rw, c, 'quantile_disc');
  },
  infinity: (rw, c) => tpl(rw, c, ["CAST('infinity' AS DOUBLE)"]),
  nan: (rw, c) => tpl(rw, c, ["CAST('nan' AS DOUBLE)"]),
  e: (rw, c) => tpl(rw, c, ['exp(1)']),
  cast: (rw, c) => castFn(rw, c, false),
  try_cast: (rw, c) => castFn(rw, c, true),
  extract: extractFn,
};


for (const [trino, duck] of Object.entries(RENAMES)) {
  FUNCTIONS[trino] ??= (rw, c) => rename(rw, c, duck);
}

/** Java replacement syntax ($1, \$) to RE2's (\1, $). */
function javaReplacementToRe2(r: string): string {
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const ch = r[i]!;
    if (ch === '\\' && i + 1 < r.length) {
      const next = r[++i]!;
      out += next === '\\' ? '\\\\' : next;
    } else if (ch === '$' && /\d/.test(r[i + 1] ?? '')) {
      out += `\\${r[++i]}`;
    } else out += ch;
  }
  return out;
}
