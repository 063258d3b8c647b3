/**
 * The detection rule behind computed Insights, on one API's per-minute counts. Pure functions:
 * no SQL, no clock, so the same counts always give the same windows.
 *
 * CloudTrail's own model is not published ("uses mathematical models to determine the normal
 * levels", CloudTrail User Guide, "Working with CloudTrail Insights"); what the guide does fix is
 * the shape we follow here:
 *  - rates are counts per minute of one API (ApiCallRateInsight: write management calls;
 *    ApiErrorRateInsight: calls ending in one errorCode), per account and Region;
 *  - the baseline is the average rate over the seven days (10080 minutes) before the insight
 *    starts, and its measurement ends at the insight's start ("insightDetails" reference);
 *  - an insight has a Start and an End: the unusual activity and its return to normal.
 *
 * Our rule, deterministic and stated in full:
 *  1. For a minute m, the baseline window is [max(dataStart, m - 10080), m): every minute in it,
 *     zero-count minutes included. mean = calls / minutes, sd = population standard deviation.
 *  2. m starts an insight when count(m) >= minCount AND count(m) > mean + sigma * sd, and the
 *     baseline window is at least minBaselineMinutes long (a store holding an hour of history
 *     has no "normal" to compare with).
 *  3. The baseline is then frozen (as CloudTrail's ends at the start) and the insight runs over
 *     the consecutive minutes whose count stays above mean + sigma * sd; it ends at the first
 *     minute that is back at or under that level (hysteresis: a burst that tapers to 2 calls a
 *     minute against a baseline of one a day has not returned to normal yet).
 */

export interface MinuteCount {
  /** Minutes since the Unix epoch (UTC). */
  minute: number;
  n: number;
}

export interface DetectParams {
  /** k in mean + k·sd. */
  sigma: number;
  /** Fewest calls (errors) in the first minute of an insight. */
  minCount: number;
  /** Shortest baseline history, in minutes, before an insight can start. */
  minBaselineMinutes: number;
}

export const BASELINE_MINUTES = 7 * 24 * 60;

export const DEFAULT_PARAMS: DetectParams = { sigma: 3, minCount: 3, minBaselineMinutes: 24 * 60 };

export interface Window {
  /** First anomalous minute (epoch minutes). */
  start: number;
  /** First minute after the insight (exclusive end). */
  end: number;
  baselineStart: number;
  baselineMinutes: number;
  /** Calls per minute over the baseline window. */
  baselineAverage: number;
  threshold: number;
  /** Calls in the first minute (the Start event's insight average). */
  firstCount: number;
  /** Calls over the whole insight. */
  total: number;
}

/**
 * Insight windows in one series (sorted by minute, counts > 0). Only windows starting in
 * [from, to) are returned; earlier minutes still count toward baselines.
 */
export function detectWindows(series: MinuteCount[], dataStart: number, from: number, to: number, p: DetectParams): Window[] {
  const out: Window[] = [];
  // Running sums over the baseline window [lo, i): two pointers, so a series is one pass.
  let lo = 0;
  let sum = 0;
  let sumSq = 0;
  let added = 0; // series[0..added) have been added to the sums
  let i = 0;
  while (i < series.length) {
    const { minute: m, n } = series[i]!;
    const baselineStart = Math.max(dataStart, m - BASELINE_MINUTES);
    while (added < i) {
      const c = series[added++]!.n;
      sum += c;
      sumSq += c * c;
    }
    while (lo < i && series[lo]!.minute < baselineStart) {
      const c = series[lo++]!.n;
      sum -= c;
      sumSq -= c * c;
    }
    const minutes = m - baselineStart;
    if (m < from || m >= to || minutes < p.minBaselineMinutes || minutes <= 0 || n < p.minCount) {
      i++;
      continue;
    }
    const mean = sum / minutes;
    const sd = Math.sqrt(Math.max(0, sumSq / minutes - mean * mean));
    const threshold = mean + p.sigma * sd;
    if (n <= threshold) {
      i++;
      continue;
    }
    let j = i + 1;
    let total = n;
    while (j < series.length && series[j]!.minute === series[j - 1]!.minute + 1 && series[j]!.n > threshold) total += series[j++]!.n;
    out.push({ start: m, end: series[j - 1]!.minute + 1, baselineStart, baselineMinutes: minutes, baselineAverage: mean, threshold, firstCount: n, total });
    i = j;
  }
  return out;
}

/** Averages as CloudTrail prints them: plain numbers, no float noise past 10 significant digits. */
export function roundAvg(x: number): number {
  return Number(x.toPrecision(10));
}
