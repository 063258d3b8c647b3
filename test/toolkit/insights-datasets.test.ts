import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fg from 'fast-glob';
import { SKIP_SHARED_MSG, tempDir } from '../helpers/cli.js';
import { buildStore, datasets, run } from './filter-raw-events.js';

/**
 * `ctlake insights` on the sample tree and on real data, against a brute-force restatement of
 * the rule over the raw JSON: every minute's baseline summed from scratch, no shared code with
 * src/toolkit/insights-*.ts. Delivered Insights are compared with the CloudTrail-Insight files.
 */

type Rec = Record<string, any>;

interface Ev {
  e: Rec;
  account: string | null;
  region: string | null;
  minute: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** Every record as the store keeps it: exact duplicates once, account/Region from the path when absent. */
function readTree(root: string): { events: Ev[]; insightFiles: Rec[] } {
  const seen = new Set<string>();
  const events: Ev[] = [];
  const insightFiles: Rec[] = [];
  for (const f of fg.sync('**/*.json.gz', { cwd: root, absolute: true }).sort()) {
    const m = /AWSLogs\/(?:o-[a-z0-9]{4,32}\/)?([^/]+)\/(CloudTrail(?:-Insight|-Digest)?)\/([^/]+)\//.exec(f);
    if (m?.[2] === 'CloudTrail-Digest') continue;
    const doc = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as Rec;
    for (const e of (doc.Records ?? []) as Rec[]) {
      const key = JSON.stringify(e);
      if (seen.has(key) || typeof e.eventTime !== 'string' || !ISO.test(e.eventTime)) continue;
      seen.add(key);
      if (m?.[2] === 'CloudTrail-Insight') insightFiles.push(e);
      const pathAccount = m && /^\d{12}$/.test(m[1]!) ? m[1]! : null;
      events.push({ e, account: e.recipientAccountId ?? pathAccount, region: e.awsRegion ?? m?.[3] ?? null, minute: Math.floor(Date.parse(e.eventTime) / 60000) });
    }
  }
  return { events, insightFiles };
}

const isInsight = (e: Rec) => e.eventCategory === 'Insight' || e.eventType === 'AwsCloudTrailInsight';
const management = (e: Rec) => (e.managementEvent ?? ['AwsApiCall', 'AwsConsoleAction'].includes(e.eventType)) === true && (e.eventCategory ?? 'Management') === 'Management';
const isWrite = (e: Rec) => e.readOnly === false && management(e);
const isError = (e: Rec) => typeof e.errorCode === 'string' && e.errorCode !== '' && management(e);

interface Expected {
  type: string;
  key: string;
  start: number;
  end: number;
  baselineMinutes: number;
  baselineCalls: number;
  total: number;
  topArn: string;
}

/** The rule of `ctlake insights --help`, minute by minute, baselines summed afresh each time. */
function reference(events: Ev[], minCount: number, sigma: number, minBaseline: number): Expected[] {
  const first = new Map<string, number>();
  for (const v of events) {
    if (isInsight(v.e)) continue;
    const k = `${v.account}|${v.region}`;
    first.set(k, Math.min(first.get(k) ?? Infinity, v.minute));
  }
  const out: Expected[] = [];
  for (const [type, pick, keyOf] of [
    ['ApiCallRateInsight', isWrite, (v: Ev) => `${v.account}|${v.region}|${v.e.eventSource}|${v.e.eventName}|`],
    ['ApiErrorRateInsight', isError, (v: Ev) => `${v.account}|${v.region}|${v.e.eventSource}|${v.e.eventName}|${v.e.errorCode}`],
  ] as const) {
    const groups = new Map<string, Ev[]>();
    for (const v of events) if (!isInsight(v.e) && pick(v.e) && v.e.eventSource && v.e.eventName) groups.set(keyOf(v), [...(groups.get(keyOf(v)) ?? []), v]);
    for (const [key, list] of groups) {
      const count = new Map<number, number>();
      for (const v of list) count.set(v.minute, (count.get(v.minute) ?? 0) + 1);
      const minutes = [...count.keys()].sort((a, b) => a - b);
      const dataStart = first.get(`${list[0]!.account}|${list[0]!.region}`)!;
      for (let i = 0; i < minutes.length; i++) {
        const m = minutes[i]!;
        const bs = Math.max(dataStart, m - 10080);
        const n = m - bs;
        if (n < minBaseline || n <= 0 || count.get(m)! < minCount) continue;
        let s = 0;
        let q = 0;
        for (let t = bs; t < m; t++) {
          const c = count.get(t) ?? 0;
          s += c;
          q += c * c;
        }
        const mean = s / n;
        const thr = mean + sigma * Math.sqrt(Math.max(0, q / n - mean * mean));
        if (count.get(m)! <= thr) continue;
        let end = m + 1;
        while ((count.get(end) ?? 0) > thr) end++;
        const inWindow = list.filter((v) => v.minute >= m && v.minute < end);
        const arns = new Map<string, number>();
        for (const v of inWindow) {
          const a = v.e.userIdentity?.arn ?? v.e.userIdentity?.invokedBy ?? 'null';
          arns.set(a, (arns.get(a) ?? 0) + 1);
        }
        const topArn = [...arns].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
        out.push({ type, key, start: m, end, baselineMinutes: n, baselineCalls: s, total: inWindow.length, topArn });
        while (i + 1 < minutes.length && minutes[i + 1]! < end) i++;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
}

const iso = (m: number) => new Date(m * 60000).toISOString().replace('.000Z', 'Z');
const keyOfSummary = (s: Rec) => `${s.recipientAccountId}|${s.awsRegion}|${s.eventSource}|${s.eventName}|${s.insightType === 'ApiErrorRateInsight' ? s.errorCode : ''}`;

for (const ds of datasets()) {
  describe.skipIf(ds.skip)(`insights on ${ds.name}${ds.skip ? ` (${SKIP_SHARED_MSG})` : ''}`, () => {
    const t = tempDir();
    const db = join(t.dir, 'store.duckdb');
    let tree: ReturnType<typeof readTree>;
    beforeAll(async () => {
      tree = readTree(ds.root);
      await buildStore(ds.root, db);
    });
    afterAll(() => t.cleanup());

    for (const [label, args, minCount, sigma, minBaseline] of [
      ['default rule', [], 3, 3, 1440],
      ['--min-baseline 0 --min-calls 2', ['--min-baseline', '0', '--min-calls', '2'], 2, 3, 0],
    ] as const) {
      it(`computed insights match the rule restated over the raw JSON (${label})`, () => {
        const r = JSON.parse(run(db, ['insights', '--format', 'json', '--source', 'computed', ...args]).stdout) as Rec;
        const got = (r.insights as Rec[]).map((s) => ({
          type: s.insightType,
          key: keyOfSummary(s),
          start: s.start,
          end: s.end,
          baselineMinutes: s.baselineDurationMinutes,
          baselineAverage: s.baselineAverage,
          insightAverage: s.insightAverage,
          topArn: s.attributions.find((a: Rec) => a.attribute === 'userIdentityArn')?.insight[0]?.value,
        }));
        const want = reference(tree.events, minCount, sigma, minBaseline).map((x) => ({
          type: x.type,
          key: x.key,
          start: iso(x.start),
          end: iso(x.end),
          baselineMinutes: x.baselineMinutes,
          baselineAverage: Number((x.baselineCalls / x.baselineMinutes).toPrecision(10)),
          insightAverage: Number((x.total / (x.end - x.start)).toPrecision(10)),
          topArn: x.topArn,
        }));
        const order = (a: Rec, b: Rec) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
        expect(got.sort(order)).toEqual(want.sort(order));
        // Both data sets hold bursts under the permissive rule: the comparison is never vacuous.
        if (minBaseline === 0) expect(want.length).toBeGreaterThan(0);
      });
    }

    it('delivered insights are the CloudTrail-Insight files, Start/End paired by sharedEventID', () => {
      const r = JSON.parse(run(db, ['insights', '--format', 'json', '--source', 'delivered']).stdout) as Rec;
      const shared = [...new Set(tree.insightFiles.map((e) => e.sharedEventID ?? e.eventID))].sort();
      expect((r.insights as Rec[]).map((s) => s.sharedEventID).sort()).toEqual(shared);
      for (const s of r.insights as Rec[]) {
        const pair = tree.insightFiles.filter((e) => (e.sharedEventID ?? e.eventID) === s.sharedEventID);
        const start = pair.find((e) => e.insightDetails.state === 'Start');
        const end = pair.find((e) => e.insightDetails.state === 'End');
        const main = (end ?? start)!;
        expect(s.start).toBe(new Date(Date.parse((start ?? main).eventTime)).toISOString().replace('.000Z', 'Z'));
        if (end) expect(s.end).toBe(new Date(Date.parse(end.eventTime)).toISOString().replace('.000Z', 'Z'));
        expect(s.events).toEqual(pair);
        expect(s.durationMinutes).toBe(main.insightDetails.insightContext.statistics.insightDuration);
      }
    });
  });
}
