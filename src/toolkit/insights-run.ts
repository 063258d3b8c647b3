import { createHash } from 'node:crypto';
import type { QuerySession } from '../query/session.js';
import type { StoreInfo } from '../store/catalog.js';
import { BASELINE_MINUTES, detectWindows, roundAvg, type DetectParams, type MinuteCount, type Window } from './insights-detect.js';
import { deliveredInsights } from './insights-delivered.js';
import { attributionCounts, type AttributionCount, type Found } from './insights-attrib.js';
import { ACCOUNT, FILTER, MINUTE, NOT_INSIGHT, query, REGION } from './insights-sql.js';
import { storeView } from './lookup-store.js';

/**
 * `ctlake insights`: computed Insights (the rule in insights-detect.ts, over the store's events)
 * beside the Insights events CloudTrail delivered (`CloudTrail-Insight/` files).
 */

export type InsightType = 'ApiCallRateInsight' | 'ApiErrorRateInsight';

export interface Attribution {
  attribute: 'userIdentityArn' | 'userAgent' | 'errorCode';
  insight: { value: string; average: number }[];
  baseline: { value: string; average: number }[];
}

export interface InsightSummary {
  source: 'computed' | 'delivered';
  insightType: InsightType;
  recipientAccountId: string | null;
  awsRegion: string | null;
  eventSource: string;
  eventName: string;
  errorCode: string | null;
  /** ISO-8601 UTC: the Start and End events' eventTime (end null when no End event was delivered). */
  start: string;
  end: string | null;
  durationMinutes: number | null;
  baselineDurationMinutes: number | null;
  /** Calls (errors) per minute: baseline, over the insight, and in its first minute. */
  baselineAverage: number | null;
  insightAverage: number | null;
  startAverage: number | null;
  /** The End event's attributions (the Start event's when there is no End). */
  attributions: Attribution[];
  sharedEventID: string | null;
  /** Computed only: a delivered insight on the same API overlaps this one. */
  alsoDelivered?: boolean;
  /** Delivered only: the file the events came from. */
  sourceFile?: string;
  /** The Insights events themselves (Start, End), shaped like CloudTrail's. */
  events: Record<string, unknown>[];
}

export interface InsightsOptions {
  /** Epoch microseconds, inclusive / exclusive. */
  since?: number;
  until?: number;
  types: InsightType[];
  sources: ('computed' | 'delivered')[];
  params: DetectParams;
}

const TOP = 5;

export async function runInsights(session: QuerySession, store: StoreInfo, o: InsightsOptions): Promise<InsightSummary[]> {
  const view = storeView(store);
  const out: InsightSummary[] = [];
  const delivered = o.sources.includes('delivered') || o.sources.includes('computed') ? await deliveredInsights(session, view) : [];
  const inRange = (s: InsightSummary) => overlaps(s, o.since, o.until) && o.types.includes(s.insightType);
  if (o.sources.includes('computed')) {
    const starts = await dataStarts(session, view);
    const from = o.since === undefined ? -Infinity : Math.ceil(o.since / 60e6);
    const to = o.until === undefined ? Infinity : Math.ceil(o.until / 60e6);
    for (const type of o.types) {
      const found: Found[] = [];
      for (const [key, series] of await seriesByKey(session, view, type, o)) {
        const dataStart = starts.get(`${key.account}\t${key.region}`) ?? series[0]!.minute;
        for (const w of detectWindows(series, dataStart, from, to, o.params)) found.push({ key, w });
      }
      // One pass over the events for all windows' attributions, not one query per insight.
      const counts = await attributionCounts(session, view, type, found);
      found.forEach((f, i) => {
        const s = computedInsight(type, f.key, f.w, counts.get(i) ?? []);
        s.alsoDelivered = delivered.some((d) => sameInsight(d, s));
        out.push(s);
      });
    }
  }
  if (o.sources.includes('delivered')) out.push(...delivered.filter(inRange));
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

export interface SeriesKey {
  account: string | null;
  region: string | null;
  eventSource: string;
  eventName: string;
  errorCode: string | null;
}

/** First minute with any event, per account and Region: where a baseline can begin. */
async function dataStarts(session: QuerySession, view: string): Promise<Map<string, number>> {
  const rows = await query(session, `SELECT ${ACCOUNT}, ${REGION}, min(${MINUTE}) FROM ${view} WHERE ${NOT_INSIGHT} GROUP BY ALL`);
  return new Map(rows.map(([a, r, m]) => [`${a}\t${r}`, Number(m)]));
}

async function seriesByKey(session: QuerySession, view: string, type: InsightType, o: InsightsOptions): Promise<[SeriesKey, MinuteCount[]][]> {
  const err = type === 'ApiErrorRateInsight' ? 'errorCode' : 'NULL';
  const time: string[] = [];
  // Baselines reach seven days back from --since; nothing after --until can start an insight,
  // but a window that started in range is followed to its end.
  if (o.since !== undefined) time.push(`eventTime >= make_timestamp(${o.since - BASELINE_MINUTES * 60e6})`);
  const rows = await query(
    session,
    `SELECT ${ACCOUNT} AS a, ${REGION} AS r, eventSource, eventName, ${err} AS e, ${MINUTE} AS m, count(*) AS n
       FROM ${view} WHERE ${NOT_INSIGHT} AND ${FILTER[type]} AND eventSource IS NOT NULL AND eventName IS NOT NULL ${time.map((t) => `AND ${t}`).join(' ')}
      GROUP BY ALL ORDER BY a, r, eventSource, eventName, e, m`,
  );
  const out: [SeriesKey, MinuteCount[]][] = [];
  let prev = '';
  for (const [a, r, src, name, e, m, n] of rows) {
    const id = JSON.stringify([a, r, src, name, e]);
    if (id !== prev) {
      out.push([{ account: a as string | null, region: r as string | null, eventSource: src as string, eventName: name as string, errorCode: e as string | null }, []]);
      prev = id;
    }
    out[out.length - 1]![1].push({ minute: Number(m), n: Number(n) });
  }
  return out;
}

export const isoMinute = (minute: number) => new Date(minute * 60_000).toISOString().replace('.000Z', 'Z');

function computedInsight(type: InsightType, k: SeriesKey, w: Window, rows: AttributionCount[]): InsightSummary {
  const attrs: Attribution['attribute'][] = type === 'ApiCallRateInsight' ? ['userIdentityArn', 'userAgent', 'errorCode'] : ['userIdentityArn', 'userAgent'];
  const duration = w.end - w.start;
  const top = (a: string, col: 'first' | 'insight' | 'baseline', per: number) =>
    rows
      .filter((r) => r.attribute === a && r[col] > 0)
      .sort((x, y) => y[col] - x[col] || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0))
      .slice(0, TOP)
      .map((r) => ({ value: r.value, average: roundAvg(r[col] / per) }));
  const attributions = (col: 'first' | 'insight'): Attribution[] =>
    attrs.map((a) => ({ attribute: a, insight: top(a, col, col === 'first' ? 1 : duration), baseline: top(a, 'baseline', w.baselineMinutes) }));
  const baselineAverage = roundAvg(w.baselineAverage);
  const shared = uuidFrom(`${type}|${k.account}|${k.region}|${k.eventSource}|${k.eventName}|${k.errorCode}|${w.start}`);
  const event = (state: 'Start' | 'End', minute: number, insightAverage: number, attributions: Attribution[]) => ({
    eventVersion: '1.08',
    eventTime: isoMinute(minute),
    awsRegion: k.region,
    eventID: uuidFrom(`${shared}|${state}`),
    eventType: 'AwsCloudTrailInsight',
    recipientAccountId: k.account,
    sharedEventID: shared,
    insightDetails: {
      state,
      eventSource: k.eventSource,
      eventName: k.eventName,
      ...(k.errorCode !== null ? { errorCode: k.errorCode } : {}),
      insightType: type,
      insightContext: {
        statistics: { baseline: { average: baselineAverage }, insight: { average: insightAverage }, insightDuration: duration, baselineDuration: w.baselineMinutes },
        attributions,
      },
    },
    eventCategory: 'Insight',
  });
  const endAttributions = attributions('insight');
  const insightAverage = roundAvg(w.total / duration);
  return {
    source: 'computed',
    insightType: type,
    recipientAccountId: k.account,
    awsRegion: k.region,
    eventSource: k.eventSource,
    eventName: k.eventName,
    errorCode: k.errorCode,
    start: isoMinute(w.start),
    end: isoMinute(w.end),
    durationMinutes: duration,
    baselineDurationMinutes: w.baselineMinutes,
    baselineAverage,
    insightAverage,
    startAverage: w.firstCount,
    attributions: endAttributions,
    sharedEventID: shared,
    events: [event('Start', w.start, w.firstCount, attributions('first')), event('End', w.end, insightAverage, endAttributions)],
  };
}

/** A stable id in UUID form, so the same store always yields the same Insights events. */
function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function overlaps(s: InsightSummary, since: number | undefined, until: number | undefined): boolean {
  const start = Date.parse(s.start) * 1000;
  const end = s.end ? Date.parse(s.end) * 1000 : start;
  return (since === undefined || end >= since) && (until === undefined || start < until);
}

function sameInsight(d: InsightSummary, c: InsightSummary): boolean {
  if (d.insightType !== c.insightType || d.eventSource !== c.eventSource || d.eventName !== c.eventName) return false;
  if (d.awsRegion !== c.awsRegion || (d.recipientAccountId && c.recipientAccountId && d.recipientAccountId !== c.recipientAccountId)) return false;
  if (d.insightType === 'ApiErrorRateInsight' && d.errorCode !== c.errorCode) return false;
  const dEnd = d.end ?? d.start;
  return d.start <= (c.end ?? c.start) && c.start <= dEnd;
}
