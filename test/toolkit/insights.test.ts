import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fg from 'fast-glob';
import { generateTree } from '../../src/gen/index.js';
import { ingest } from '../../src/ingest/ingest.js';
import { Db } from '../../src/store/duckdb.js';
import { detectWindows, type MinuteCount } from '../../src/toolkit/insights-detect.js';
import { ctlake, tempDir } from '../helpers/cli.js';

/**
 * `ctlake insights`: the detection rule on hand-made series, then a burst injected into
 * generated background traffic (300 CreateUser calls in three minutes, 120 AccessDenied errors
 * on GetSecretValue in two) found through the real CLI, with baselines recomputed here from the
 * raw JSON, and a delivered Insights file shown beside the computed insights.
 */

type Rec = Record<string, any>;
const P = { sigma: 3, minCount: 3, minBaselineMinutes: 1440 };
const DAY = 1440;

describe('detectWindows', () => {
  const quiet = (from: number, n: number, every: number): MinuteCount[] => Array.from({ length: n }, (_, i) => ({ minute: from + i * every, n: 1 }));

  it('a burst over a sparse baseline is one window of consecutive anomalous minutes', () => {
    const s = [...quiet(0, 20, 200), { minute: 5000, n: 40 }, { minute: 5001, n: 50 }, { minute: 5002, n: 2 }, { minute: 5004, n: 30 }];
    const w = detectWindows(s, 0, -Infinity, Infinity, P);
    // 5002 (2 calls) is still far above a baseline of one call per 200 minutes: the first
    // window runs on through it; 5003 has no calls, so 5004 starts a second one.
    expect(w.map((x) => [x.start, x.end, x.total])).toEqual([
      [5000, 5003, 92],
      [5004, 5005, 30],
    ]);
    expect(w[0]!.baselineMinutes).toBe(5000);
    expect(w[0]!.baselineAverage).toBeCloseTo(20 / 5000, 12);
    // The second window's baseline includes the first burst.
    expect(w[1]!.baselineAverage).toBeCloseTo((20 + 92) / 5004, 12);
  });

  it('needs minCount calls and a day of history; the baseline reaches back seven days at most', () => {
    const early = [{ minute: 100, n: 50 }];
    expect(detectWindows(early, 0, -Infinity, Infinity, P)).toEqual([]);
    expect(detectWindows([{ minute: 2000, n: 2 }], 0, -Infinity, Infinity, P)).toEqual([]);
    const old = [{ minute: 0, n: 500 }, { minute: 20 * DAY, n: 10 }];
    const [w] = detectWindows(old, 0, -Infinity, Infinity, P);
    expect(w).toMatchObject({ start: 20 * DAY, baselineStart: 13 * DAY, baselineMinutes: 7 * DAY, baselineAverage: 0 });
  });

  it('a busy API needs more than mean + k·sd', () => {
    const busy = Array.from({ length: 3 * DAY }, (_, i) => ({ minute: i, n: 10 + (i % 5) }));
    expect(detectWindows([...busy, { minute: 3 * DAY, n: 15 }], 0, -Infinity, Infinity, P)).toEqual([]);
    expect(detectWindows([...busy, { minute: 3 * DAY, n: 60 }], 0, -Infinity, Infinity, P)).toHaveLength(1);
  });

  it('only windows starting in [from, to) are returned', () => {
    const s = [...quiet(0, 10, 300), { minute: 4000, n: 9 }, { minute: 6000, n: 9 }];
    expect(detectWindows(s, 0, 5000, Infinity, P).map((w) => w.start)).toEqual([6000]);
    expect(detectWindows(s, 0, -Infinity, 5000, P).map((w) => w.start)).toEqual([4000]);
  });
});

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const MALLORY = `arn:aws:iam::${ACCOUNT}:user/mallory`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const CLI_UA = 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/iam.create-user';
const BURST_START = Date.parse('2024-03-03T10:00:00Z');
const ERR_START = Date.parse('2024-03-03T15:30:00Z');
const minuteOf = (ms: number) => Math.floor(ms / 60_000);
const isoMin = (m: number) => new Date(m * 60_000).toISOString().replace('.000Z', 'Z');

function call(i: number, at: number, over: Rec): Rec {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAMALLORY', arn: MALLORY, accountId: ACCOUNT, userName: 'mallory' },
    eventTime: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    awsRegion: REGION,
    sourceIPAddress: '203.0.113.66',
    userAgent: CLI_UA,
    requestParameters: { userName: `svc-${i}` },
    responseElements: null,
    requestID: `burst-req-${i}`,
    eventID: `b0b0b0b0-0000-4000-8000-${String(i).padStart(12, '0')}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...over,
  };
}

describe('insights on generated traffic with injected bursts', () => {
  const t = tempDir('ctlake-insights-');
  const db = join(t.dir, 'store.duckdb');
  const day = join(t.dir, `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/2024/03/03`);
  let raw: Rec[] = [];
  let report: Rec;

  beforeAll(async () => {
    await generateTree({ out: t.dir, events: 4000, days: 4, seed: 11, accounts: [ACCOUNT], regions: [REGION], eventsPerFile: 400, workers: 0 });
    // 300 CreateUser in three minutes: 290 by mallory, 10 by bob (second in the attributions).
    const burst = Array.from({ length: 300 }, (_, i) =>
      call(i, BURST_START + i * 600, i % 30 === 29 ? { userIdentity: { type: 'IAMUser', principalId: 'AIDABOB', arn: BOB, accountId: ACCOUNT, userName: 'bob' } } : {}),
    );
    // 120 denied GetSecretValue (a read: an error-rate insight only).
    const denied = Array.from({ length: 120 }, (_, i) =>
      call(1000 + i, ERR_START + i * 1000, { eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue', readOnly: true, errorCode: 'AccessDeniedException', errorMessage: 'denied', requestParameters: { secretId: 'prod/db' } }),
    );
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, `${ACCOUNT}_CloudTrail_${REGION}_20240303T1005Z_InjectedBurst0001.json.gz`), gzipSync(JSON.stringify({ Records: burst })));
    writeFileSync(join(day, `${ACCOUNT}_CloudTrail_${REGION}_20240303T1535Z_InjectedErrors001.json.gz`), gzipSync(JSON.stringify({ Records: denied })));
    // A delivered insight, as CloudTrail would have written it for the burst.
    const insDir = join(t.dir, `AWSLogs/${ACCOUNT}/CloudTrail-Insight/${REGION}/2024/03/03`);
    mkdirSync(insDir, { recursive: true });
    const ins = (state: string, time: string, id: string) => ({
      eventVersion: '1.08', eventTime: time, awsRegion: REGION, eventID: id, eventType: 'AwsCloudTrailInsight', recipientAccountId: ACCOUNT,
      sharedEventID: '5ba1ed00-0000-4000-8000-000000000001', eventCategory: 'Insight',
      insightDetails: { state, eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', insightType: 'ApiCallRateInsight',
        insightContext: { statistics: { baseline: { average: 0.001 }, insight: { average: 100 }, insightDuration: 3, baselineDuration: 10080 }, attributions: [] } },
    });
    writeFileSync(join(insDir, `${ACCOUNT}_CloudTrail-Insight_${REGION}_20240303T1010Z_DeliveredInsight1.json.gz`),
      gzipSync(JSON.stringify({ Records: [ins('Start', '2024-03-03T10:00:00Z', 'e1'), ins('End', '2024-03-03T10:03:00Z', 'e2')] })));

    for (const f of fg.sync('AWSLogs/**/CloudTrail/**/*.json.gz', { cwd: t.dir, absolute: true })) raw.push(...(JSON.parse(gunzipSync(readFileSync(f)).toString()).Records as Rec[]));
    const store = await Db.open(db, { threads: 2 });
    try {
      await ingest(store, { paths: [t.dir], jobs: 0 });
    } finally {
      store.close();
    }
    const r = ctlake(['--db', db, 'insights', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    report = JSON.parse(r.stdout) as Rec;
  });
  afterAll(() => t.cleanup());

  /** Baseline figures recomputed from the raw JSON: calls per minute over [max(first event, start - 7 days), start). */
  function baseline(match: (e: Rec) => boolean, start: number): { minutes: number; average: number; byArn: Map<string, number> } {
    const first = Math.min(...raw.map((e) => minuteOf(Date.parse(e.eventTime))));
    const from = Math.max(first, start - 10080);
    const inBase = raw.filter((e) => match(e) && minuteOf(Date.parse(e.eventTime)) >= from && minuteOf(Date.parse(e.eventTime)) < start);
    const byArn = new Map<string, number>();
    for (const e of inBase) byArn.set(e.userIdentity?.arn, (byArn.get(e.userIdentity?.arn) ?? 0) + 1);
    return { minutes: start - from, average: inBase.length / (start - from), byArn };
  }

  it('finds the CreateUser burst: 10:00 to 10:03, 100 calls a minute, mallory first', () => {
    const start = minuteOf(BURST_START);
    const isCreateUser = (e: Rec) => e.eventName === 'CreateUser' && e.readOnly === false;
    // The background has no CreateUser in the minute after the burst, so the window ends with it.
    expect(raw.filter((e) => isCreateUser(e) && minuteOf(Date.parse(e.eventTime)) === start + 3)).toEqual([]);
    const found = (report.insights as Rec[]).filter((s) => s.source === 'computed' && s.eventName === 'CreateUser');
    expect(found).toHaveLength(1);
    const s = found[0]!;
    const b = baseline(isCreateUser, start);
    expect(s).toMatchObject({
      insightType: 'ApiCallRateInsight',
      recipientAccountId: ACCOUNT,
      awsRegion: REGION,
      eventSource: 'iam.amazonaws.com',
      start: isoMin(start),
      end: isoMin(start + 3),
      durationMinutes: 3,
      baselineDurationMinutes: b.minutes,
      insightAverage: 100,
      startAverage: 100,
      alsoDelivered: true,
    });
    expect(s.baselineAverage).toBeCloseTo(b.average, 9);
    const arns = s.attributions.find((a: Rec) => a.attribute === 'userIdentityArn');
    expect(arns.insight.slice(0, 2)).toEqual([
      { value: MALLORY, average: Number((290 / 3).toPrecision(10)) },
      { value: BOB, average: Number((10 / 3).toPrecision(10)) },
    ]);
    expect(s.attributions.find((a: Rec) => a.attribute === 'userAgent').insight[0].value).toBe(CLI_UA);
    expect(s.attributions.find((a: Rec) => a.attribute === 'errorCode').insight).toEqual([{ value: 'null', average: 100 }]);
    const topBase = [...b.byArn].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    if (topBase) expect(arns.baseline[0]).toEqual({ value: topBase[0], average: Number((topBase[1] / b.minutes).toPrecision(10)) });

    // The Insights events, shaped like CloudTrail's.
    const [startEv, endEv] = s.events as Rec[];
    expect(startEv).toMatchObject({ eventType: 'AwsCloudTrailInsight', eventCategory: 'Insight', eventTime: isoMin(start), sharedEventID: endEv!.sharedEventID });
    expect(startEv!.insightDetails).toMatchObject({ state: 'Start', eventName: 'CreateUser', insightType: 'ApiCallRateInsight' });
    expect(endEv!.insightDetails.state).toBe('End');
    expect(endEv!.eventTime).toBe(isoMin(start + 3));
    expect(endEv!.insightDetails.insightContext.statistics).toEqual({ baseline: { average: s.baselineAverage }, insight: { average: 100 }, insightDuration: 3, baselineDuration: b.minutes });
  });

  it('finds the AccessDenied burst on GetSecretValue as an error-rate insight', () => {
    const start = minuteOf(ERR_START);
    const found = (report.insights as Rec[]).filter((s) => s.source === 'computed' && s.eventName === 'GetSecretValue');
    expect(found).toHaveLength(1);
    const b = baseline((e) => e.eventName === 'GetSecretValue' && e.errorCode === 'AccessDeniedException', start);
    expect(found[0]).toMatchObject({ insightType: 'ApiErrorRateInsight', errorCode: 'AccessDeniedException', start: isoMin(start), end: isoMin(start + 2), insightAverage: 60 });
    expect(found[0]!.baselineAverage).toBeCloseTo(b.average, 9);
    expect(found[0]!.attributions.map((a: Rec) => a.attribute)).toEqual(['userIdentityArn', 'userAgent']);
    expect(found[0]!.events[0].insightDetails.errorCode).toBe('AccessDeniedException');
  });

  it('shows the delivered insight beside the computed ones', () => {
    const delivered = (report.insights as Rec[]).filter((s) => s.source === 'delivered');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ eventName: 'CreateUser', start: '2024-03-03T10:00:00Z', end: '2024-03-03T10:03:00Z', durationMinutes: 3, sharedEventID: '5ba1ed00-0000-4000-8000-000000000001' });
    expect(report.delivered).toBe(1);
  });

  it('--since / --until / --type / --source narrow the list; table and records render', () => {
    const j = (args: string[]) => JSON.parse(ctlake(['--db', db, 'insights', '--format', 'json', ...args]).stdout) as Rec;
    // The generated background has unusual minutes of its own: check the filters, not a fixed list.
    const since = j(['--since', '2024-03-03T11:00:00Z']).insights as Rec[];
    expect(since.every((s) => (s.end ?? s.start) >= '2024-03-03T11:00:00Z')).toBe(true);
    expect(since.map((s) => s.eventName)).toContain('GetSecretValue');
    expect(since.map((s) => s.eventName)).not.toContain('CreateUser');
    const until = j(['--until', '2024-03-03T11:00:00Z', '--source', 'computed']).insights as Rec[];
    expect(until.every((s) => s.start < '2024-03-03T11:00:00Z' && s.source === 'computed')).toBe(true);
    expect(until.map((s) => s.eventName)).toContain('CreateUser');
    const errors = j(['--type', 'ApiErrorRateInsight', '--source', 'computed']).insights as Rec[];
    expect(errors.every((s) => s.insightType === 'ApiErrorRateInsight')).toBe(true);
    expect(errors.map((s) => s.eventName)).toContain('GetSecretValue');
    const all = report.insights as Rec[];
    const table = ctlake(['--db', db, 'insights']);
    expect(table.stdout).toMatch(/computed= .*iam:CreateUser/);
    expect(table.stdout).toContain(`${all.length} insights: ${report.computed} computed, ${report.delivered} delivered`);
    const records = JSON.parse(ctlake(['--db', db, 'insights', '--format', 'records', '--source', 'computed']).stdout) as Rec;
    expect(records.Records).toHaveLength(2 * report.computed);
    expect(ctlake(['--db', db, 'insights', '--format', 'csv']).code).toBe(2);
  });

  it('is deterministic: the same store gives the same report', () => {
    expect(JSON.parse(ctlake(['--db', db, 'insights', '--format', 'json']).stdout)).toEqual(report);
  });
});
