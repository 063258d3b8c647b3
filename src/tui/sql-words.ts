/**
 * Words the editor knows about Lake SQL (Trino's dialect): keywords for highlighting, and the
 * functions offered by completion. The function list is the subset of Trino that CloudTrail Lake
 * documents and its published sample queries use, plus the everyday aggregates.
 */

export const KEYWORDS = new Set(
  `select from where group by order having limit offset as and or not in is null like between case when then else end
join left right inner outer full cross on using union intersect except all distinct with asc desc nulls first last
true false interval exists unnest lateral over partition rows range escape fetch next only values ordinality
timestamp date varchar bigint double boolean integer real row map array json`.split(/\s+/),
);

export const FUNCTIONS: string[] = [
  // aggregates
  'count', 'sum', 'avg', 'min', 'max', 'arbitrary', 'any_value', 'approx_distinct', 'approx_percentile', 'array_agg',
  'count_if', 'max_by', 'min_by', 'bool_or', 'bool_and', 'histogram', 'map_agg',
  // window
  'rank', 'dense_rank', 'row_number', 'lag', 'lead',
  // conditional / conversion
  'cast', 'try_cast', 'coalesce', 'if', 'nullif', 'try', 'typeof',
  // strings
  'lower', 'upper', 'length', 'concat', 'substr', 'substring', 'replace', 'split', 'split_part', 'strpos', 'trim',
  'ltrim', 'rtrim', 'starts_with', 'reverse', 'lpad', 'rpad', 'format', 'url_extract_host', 'url_extract_path',
  'regexp_like', 'regexp_extract', 'regexp_extract_all', 'regexp_replace', 'regexp_split',
  // dates
  'date', 'date_trunc', 'date_add', 'date_diff', 'date_format', 'date_parse', 'day', 'day_of_week', 'hour',
  'month', 'year', 'now', 'current_date', 'current_timestamp', 'from_iso8601_timestamp', 'from_unixtime',
  'to_iso8601', 'to_unixtime', 'parse_datetime', 'format_datetime',
  // json
  'json_extract', 'json_extract_scalar', 'json_parse', 'json_format', 'json_array_get', 'json_array_length',
  'json_array_contains', 'json_size',
  // arrays and maps
  'element_at', 'cardinality', 'contains', 'filter', 'transform', 'any_match', 'all_match', 'none_match',
  'array_join', 'array_distinct', 'array_position', 'flatten', 'slice', 'map_keys', 'map_values', 'map',
  // math
  'abs', 'round', 'floor', 'ceil', 'greatest', 'least',
];

const FUNCTION_SET = new Set(FUNCTIONS);

export function isFunctionName(word: string): boolean {
  return FUNCTION_SET.has(word.toLowerCase());
}
