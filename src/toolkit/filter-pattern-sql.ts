import { quoteString } from '../store/schema.js';
import { jsonPath, parsePattern, selectors, type Node, type Value } from './filter-pattern.js';

/**
 * A parsed filter pattern → a DuckDB condition over each event's original JSON (eventJson), so
 * the pattern sees exactly what CloudWatch Logs would see, not the typed columns.
 *
 * Every selector is read with one json_extract call per event (a list of paths, one JSON parse),
 * then each condition looks at the JSON type of its value. Semantics, following CloudWatch:
 * - `= "text"` / `= text`: the value is a JSON string equal to the text; `*` matches any run of
 *   characters (so "AccessDenied*" is a prefix match). Numbers and booleans never equal text,
 *   except that a lone `*` matches any scalar (`{ $.latency = * }` in the CloudWatch docs).
 * - `!=`: the value is a JSON string (or number, for a numeric literal) that does not match; a
 *   missing selector matches neither = nor != (use NOT EXISTS for that).
 * - `= 60`, `< 60`, ...: the value is a JSON number and compares numerically.
 * - IS TRUE / IS FALSE: a JSON boolean; IS NULL: a JSON null (present, value null); NOT EXISTS:
 *   the selector is absent (a null value exists).
 */

export interface PatternSql {
  /** Select list addition: `json_extract(eventJson, [paths]) AS __fp`. */
  extract: string;
  /** The WHERE condition over __fp. */
  where: string;
}

const V = '__fp';

function likePattern(text: string): string {
  // CloudWatch has one wildcard, `*`; LIKE's own % and _ must match literally.
  return text.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

function compareSql(v: string, op: string, value: Value): string {
  const type = `json_type(${v})`;
  if (value.kind === 'number') {
    const sqlOp = op === '!=' ? '<>' : op;
    return `(${type} IN ('BIGINT', 'UBIGINT', 'DOUBLE') AND CAST(${v} AS DOUBLE) ${sqlOp} ${value.value})`;
  }
  if (value.text === '*' && op === '=') return `(${type} IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN'))`;
  const text = `(${v} ->> '$')`;
  const match = value.text.includes('*') ? `${text} LIKE ${quoteString(likePattern(value.text))} ESCAPE '\\'` : `${text} = ${quoteString(value.text)}`;
  return `(${type} = 'VARCHAR' AND ${op === '=' ? match : `NOT (${match})`})`;
}

function nodeSql(node: Node, index: Map<string, number>): string {
  switch (node.kind) {
    case 'or':
    case 'and':
      return `(${node.items.map((n) => nodeSql(n, index)).join(node.kind === 'or' ? ' OR ' : ' AND ')})`;
    default: {
      const v = `${V}[${index.get(jsonPath(node.path))!}]`;
      if (node.kind === 'notExists') return `(${v} IS NULL)`;
      if (node.kind === 'is') {
        if (node.what === 'NULL') return `(json_type(${v}) = 'NULL')`;
        return `(json_type(${v}) = 'BOOLEAN' AND CAST(${v} AS BOOLEAN) = ${node.what})`;
      }
      return compareSql(v, node.op, node.value);
    }
  }
}

export function patternSql(pattern: string): PatternSql {
  const tree = parsePattern(pattern);
  const paths = [...selectors(tree).keys()];
  const index = new Map(paths.map((p, k) => [p, k + 1]));
  return {
    extract: `json_extract(eventJson, [${paths.map(quoteString).join(', ')}]) AS ${V}`,
    where: nodeSql(tree, index),
  };
}

/** Matching events of the store view, with the columns `filter` prints by default. */
export function filterEventsSql(view: string, pattern: string, range: { startUs?: number; endUs?: number } = {}): string {
  const p = patternSql(pattern);
  return `SELECT eventTime, eventSource, eventName,
    coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
    sourceIPAddress, awsRegion, errorCode, eventID, eventJson
  FROM (SELECT *, ${p.extract} FROM ${view}${rangeSql(range)}) AS e
  WHERE ${p.where}
  ORDER BY eventTime, eventID`;
}

/** The metric the filter would feed: matching events per time bucket (only buckets with matches). */
export function filterSeriesSql(view: string, pattern: string, bucketSeconds: number, range: { startUs?: number; endUs?: number } = {}): string {
  const p = patternSql(pattern);
  return `SELECT time_bucket(INTERVAL (${bucketSeconds}) SECOND, eventTime, TIMESTAMP '1970-01-01') AS bucket, count(*) AS count
  FROM (SELECT eventTime, ${p.extract} FROM ${view}${rangeSql(range)}) AS e
  WHERE ${p.where}
  GROUP BY 1 ORDER BY 1`;
}

function rangeSql(r: { startUs?: number; endUs?: number }): string {
  const w: string[] = [];
  if (r.startUs !== undefined) w.push(`eventTime >= make_timestamp(${Math.trunc(r.startUs)})`);
  if (r.endUs !== undefined) w.push(`eventTime <= make_timestamp(${Math.trunc(r.endUs)})`);
  return w.length ? ` WHERE ${w.join(' AND ')}` : '';
}

/** `--count-by 5m` → seconds (s, m, h, d units). */
export function parseBucket(text: string): number | undefined {
  const m = /^(\d+)\s*(s|sec|m|min|h|d)$/i.exec(text.trim());
  if (!m || Number(m[1]) < 1) return undefined;
  const unit = { s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86400 }[m[2]!.toLowerCase() as 's'];
  return Number(m[1]) * unit;
}
