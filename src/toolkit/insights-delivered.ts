import { CtlakeError } from '../errors.js';
import type { QuerySession } from '../query/session.js';
import type { Attribution, InsightSummary, InsightType } from './insights-run.js';

/**
 * Insights events CloudTrail delivered (`CloudTrail-Insight/` files, loaded as events with
 * eventCategory 'Insight'), paired Start/End by sharedEventID and summarised like computed ones.
 * Read from eventJson: the map column holds nested values as JSON text, the original is exact.
 */

type Rec = Record<string, any>;

export async function deliveredInsights(session: QuerySession, view: string): Promise<InsightSummary[]> {
  const r = await session.run(
    `SELECT eventJson, sourceFile FROM ${view}
      WHERE eventCategory = 'Insight' OR fileKind = 'CloudTrail-Insight' OR eventType = 'AwsCloudTrailInsight'
      ORDER BY eventTime, eventID`,
    { dialect: 'duckdb' },
  );
  if (r.error) throw new CtlakeError(r.error.code, `reading delivered Insights events failed: ${r.error.message}`, r.error.detail);
  const groups = new Map<string, { events: Rec[]; file: string }>();
  for (const [json, file] of r.rows as [string, string][]) {
    let e: Rec;
    try {
      e = JSON.parse(json) as Rec;
    } catch {
      continue; // eventJson is what ingest validated; unreachable in practice
    }
    if (!e.insightDetails || typeof e.insightDetails !== 'object') continue;
    const id = String(e.sharedEventID ?? e.eventID);
    const g = groups.get(id) ?? { events: [], file };
    g.events.push(e);
    groups.set(id, g);
  }
  const out: InsightSummary[] = [];
  for (const [id, g] of groups) {
    const start = g.events.find((e) => e.insightDetails.state === 'Start');
    const end = g.events.find((e) => e.insightDetails.state === 'End');
    const main = (end ?? start)!;
    const d = main.insightDetails as Rec;
    const stats = (d.insightContext?.statistics ?? {}) as Rec;
    const first = (start ?? main).insightDetails?.insightContext?.statistics as Rec | undefined;
    out.push({
      source: 'delivered',
      insightType: d.insightType as InsightType,
      recipientAccountId: main.recipientAccountId ?? null,
      awsRegion: main.awsRegion ?? null,
      eventSource: String(d.eventSource),
      eventName: String(d.eventName),
      errorCode: d.errorCode ?? null,
      start: isoSeconds(String((start ?? main).eventTime)),
      end: end ? isoSeconds(String(end.eventTime)) : null,
      durationMinutes: num(stats.insightDuration),
      baselineDurationMinutes: num(stats.baselineDuration),
      baselineAverage: num(stats.baseline?.average),
      insightAverage: end ? num(stats.insight?.average) : null,
      startAverage: start ? num(first?.insight?.average) : null,
      attributions: Array.isArray(d.insightContext?.attributions) ? (d.insightContext.attributions as Attribution[]) : [],
      sharedEventID: main.sharedEventID ?? id,
      sourceFile: g.file,
      events: [start, end].filter((e): e is Rec => !!e),
    });
  }
  return out;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : v != null && Number.isFinite(Number(v)) ? Number(v) : null;
}

/** Same form as computed events' times, so both sort and compare as text. */
function isoSeconds(t: string): string {
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString().replace('.000Z', 'Z');
}
