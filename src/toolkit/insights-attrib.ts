import type { QuerySession } from '../query/session.js';
import type { Window } from './insights-detect.js';
import { ACCOUNT, FILTER, MINUTE, NOT_INSIGHT, query, REGION } from './insights-sql.js';
import type { InsightType, SeriesKey } from './insights-run.js';
import { quoteString } from '../store/schema.js';

/**
 * Attribution counts for every computed insight of one type in one scan per chunk of windows:
 * the windows go in as a VALUES list joined to the events on the API's key and the time range,
 * and GROUPING SETS count identity ARNs, user agents and error codes in the same pass. (One
 * query per insight took minutes on a store of a million events with thousands of insights.)
 */

export interface Found {
  key: SeriesKey;
  w: Window;
}

export interface AttributionCount {
  attribute: 'userIdentityArn' | 'userAgent' | 'errorCode';
  value: string;
  /** Calls in the insight's first minute, over the whole insight, and over its baseline window. */
  first: number;
  insight: number;
  baseline: number;
}

const CHUNK = 500;

/** Window index (into `found`) → its attribution counts. */
export async function attributionCounts(session: QuerySession, view: string, type: InsightType, found: Found[]): Promise<Map<number, AttributionCount[]>> {
  const out = new Map<number, AttributionCount[]>();
  for (let c = 0; c < found.length; c += CHUNK) {
    const chunk = found.slice(c, c + CHUNK);
    const values = chunk
      .map(({ key: k, w }, i) => `(${c + i}, ${quoteString(k.account)}, ${quoteString(k.region)}, ${quoteString(k.eventSource)}, ${quoteString(k.eventName)}, ${quoteString(k.errorCode)}, ${w.baselineStart}, ${w.start}, ${w.end})`)
      .join(',\n');
    const lo = Math.min(...chunk.map((f) => f.w.baselineStart));
    const hi = Math.max(...chunk.map((f) => f.w.end));
    const errJoin = type === 'ApiErrorRateInsight' ? 'AND e.err = w.err' : '';
    const rows = await query(
      session,
      `WITH w AS (
         SELECT CAST(c0 AS INTEGER) AS id, CAST(c1 AS VARCHAR) AS a, CAST(c2 AS VARCHAR) AS r, CAST(c3 AS VARCHAR) AS src,
                CAST(c4 AS VARCHAR) AS nm, CAST(c5 AS VARCHAR) AS err, CAST(c6 AS BIGINT) AS bs, CAST(c7 AS BIGINT) AS st, CAST(c8 AS BIGINT) AS en
           FROM (VALUES ${values}) AS t(c0, c1, c2, c3, c4, c5, c6, c7, c8)),
       e AS (
         SELECT ${ACCOUNT} AS a, ${REGION} AS r, eventSource AS src, eventName AS nm, errorCode AS err, ${MINUTE} AS m,
                coalesce(userIdentity.arn, userIdentity.invokedBy, 'null') AS arn, coalesce(userAgent, 'null') AS ua, coalesce(nullif(errorCode, ''), 'null') AS ec
           FROM ${view}
          WHERE ${NOT_INSIGHT} AND ${FILTER[type]}
            AND eventTime >= make_timestamp(${lo * 60_000_000}) AND eventTime < make_timestamp(${hi * 60_000_000})),
       j AS (
         SELECT w.id, w.st, e.m, e.arn, e.ua, e.ec FROM e JOIN w
             ON e.src = w.src AND e.nm = w.nm AND e.a IS NOT DISTINCT FROM w.a AND e.r IS NOT DISTINCT FROM w.r ${errJoin}
            AND e.m >= w.bs AND e.m < w.en)
       SELECT id, grouping(arn) AS g_arn, grouping(ua) AS g_ua, arn, ua, ec,
              count(*) FILTER (WHERE m = st) AS f, count(*) FILTER (WHERE m >= st) AS i, count(*) FILTER (WHERE m < st) AS b
         FROM j GROUP BY GROUPING SETS ((id, arn), (id, ua), (id, ec))`,
    );
    for (const [id, gArn, gUa, arn, ua, ec, f, i, b] of rows) {
      const attribute = Number(gArn) === 0 ? 'userIdentityArn' : Number(gUa) === 0 ? 'userAgent' : 'errorCode';
      const value = String(attribute === 'userIdentityArn' ? arn : attribute === 'userAgent' ? ua : ec);
      const list = out.get(Number(id)) ?? [];
      list.push({ attribute, value, first: Number(f), insight: Number(i), baseline: Number(b) });
      out.set(Number(id), list);
    }
  }
  return out;
}
