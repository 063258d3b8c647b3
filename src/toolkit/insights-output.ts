import { formatResult } from '../query/format.js';
import type { DetectParams } from './insights-detect.js';
import type { InsightSummary } from './insights-run.js';

/** Renderings of `ctlake insights`: a table, a JSON report, or the Insights events as a log file. */

const TYPE_SHORT = { ApiCallRateInsight: 'call rate', ApiErrorRateInsight: 'error rate' } as const;

/** The top contributor with its insight vs baseline rate; long user agents cut (JSON has them whole). */
function topValue(s: InsightSummary, attribute: string, max = Infinity): string {
  const a = s.attributions.find((x) => x.attribute === attribute);
  const t = a?.insight[0];
  if (!t) return '';
  const base = a.baseline.find((b) => b.value === t.value);
  const v = t.value.length > max ? `${t.value.slice(0, max - 1)}…` : t.value;
  return `${v} (${t.average}/min vs ${base?.average ?? 0})`;
}

export function insightsTable(list: InsightSummary[], p: DetectParams, width: number): string {
  const rows = list.map((s) => [
    s.source === 'computed' && s.alsoDelivered ? 'computed=' : s.source,
    TYPE_SHORT[s.insightType] ?? s.insightType,
    s.recipientAccountId,
    s.awsRegion,
    `${s.eventSource.replace(/\.amazonaws\.com$/, '')}:${s.eventName}`,
    s.errorCode ?? '',
    s.start,
    s.end ?? '',
    s.durationMinutes,
    s.baselineAverage,
    s.insightAverage,
    topValue(s, 'userIdentityArn'),
    topValue(s, 'userAgent', 40),
  ]);
  const names = ['source', 'type', 'account', 'region', 'api', 'errorCode', 'start', 'end', 'min', 'baseline/min', 'insight/min', 'top identity', 'top user agent'];
  const body = list.length
    ? formatResult({ columns: names.map((name) => ({ name, type: '' })), rows, truncated: false, elapsedMs: 0 }, 'table', width).replace(/\n[^\n]*rows?\n$/, '\n')
    : '';
  const computed = list.filter((s) => s.source === 'computed').length;
  return (
    `${body}${list.length} insight${list.length === 1 ? '' : 's'}: ${computed} computed, ${list.length - computed} delivered` +
    `${list.some((s) => s.alsoDelivered) ? ' ("computed=": CloudTrail delivered an insight on the same API at the same time)' : ''}\n` +
    `rule: ${ruleText(p)}\n`
  );
}

export function ruleText(p: DetectParams): string {
  return (
    `a minute with >= ${p.minCount} calls (errors) and more than baseline mean + ${p.sigma} sd starts an insight; ` +
    `baseline = the 7 days before it (at least ${p.minBaselineMinutes / 60} h of history); it ends when the rate falls back`
  );
}

export function insightsJson(store: string, list: InsightSummary[], p: DetectParams, since?: number, until?: number): string {
  const iso = (us?: number) => (us === undefined ? null : new Date(us / 1000).toISOString());
  const report = {
    store,
    since: iso(since),
    until: iso(until),
    rule: { minCount: p.minCount, sigma: p.sigma, minBaselineMinutes: p.minBaselineMinutes, baselineMinutes: 10080, text: ruleText(p) },
    insights: list,
    computed: list.filter((s) => s.source === 'computed').length,
    delivered: list.filter((s) => s.source === 'delivered').length,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The Insights events alone, as a CloudTrail-Insight log file (`{"Records": [...]}`). */
export function insightsRecords(list: InsightSummary[]): string {
  const events = list.flatMap((s) => s.events);
  events.sort((a, b) => (String(a.eventTime) < String(b.eventTime) ? -1 : String(a.eventTime) > String(b.eventTime) ? 1 : 0));
  return `${JSON.stringify({ Records: events })}\n`;
}
