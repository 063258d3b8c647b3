import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { at, buildStore, datasets, ids, rawEvents, run, suiteTitle, type Rec } from './filter-raw-events.js';

/**
 * `ctlake filter PATTERN` end to end, each pattern checked against a plain JavaScript predicate
 * over the raw JSON that spells out the CloudWatch Logs semantics: text compares with text (`*`
 * a wildcard), numbers with numbers, IS NULL is a JSON null, NOT EXISTS an absent key, && binds
 * tighter than ||.
 */

const str = (e: Rec, p: string) => {
  const v = at(e, p);
  return typeof v === 'string' ? v : undefined;
};
const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
const like = (e: Rec, p: string, pattern: string) => {
  const v = str(e, p);
  return v !== undefined && glob(pattern).test(v);
};
const unlike = (e: Rec, p: string, pattern: string) => {
  const v = str(e, p);
  return v !== undefined && !glob(pattern).test(v);
};

const CASES: [string, (e: Rec) => boolean, boolean][] = [
  // [pattern, predicate, must match at least one event in every data set]
  ['{ ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StopLogging) }', (e) => ['UpdateTrail', 'DeleteTrail', 'StopLogging'].includes(e.eventName), true],
  ['{ $.errorCode = "AccessDenied*" }', (e) => like(e, 'errorCode', 'AccessDenied*'), true],
  ['{ $.errorCode = "*UnauthorizedOperation" || $.errorCode = "*Exception" }', (e) => like(e, 'errorCode', '*UnauthorizedOperation') || like(e, 'errorCode', '*Exception'), false],
  ['{ $.sourceIPAddress != "*.amazonaws.com" && $.userIdentity.type = "AssumedRole" }', (e) => unlike(e, 'sourceIPAddress', '*.amazonaws.com') && str(e, 'userIdentity.type') === 'AssumedRole', true],
  ['{ $.requestParameters.maxResults > 10 }', (e) => typeof at(e, 'requestParameters.maxResults') === 'number' && (at(e, 'requestParameters.maxResults') as number) > 10, false],
  ['{ $.requestParameters.maxResults <= 10 || $.requestParameters.maxResults = 1000 }', (e) => typeof at(e, 'requestParameters.maxResults') === 'number' && [(at(e, 'requestParameters.maxResults') as number) <= 10, at(e, 'requestParameters.maxResults') === 1000].some(Boolean), false],
  ['{ $.requestParameters IS NULL }', (e) => 'requestParameters' in e && e.requestParameters === null, true],
  ['{ $.tlsDetails NOT EXISTS }', (e) => !('tlsDetails' in e), true],
  ['{ $.readOnly IS FALSE && $.eventSource = "iam.amazonaws.com" }', (e) => e.readOnly === false && e.eventSource === 'iam.amazonaws.com', true],
  ['{ $.readOnly IS TRUE }', (e) => e.readOnly === true, true],
  ['{ $.resources[0].type = "AWS::S3::Bucket" }', (e) => Array.isArray(e.resources) && e.resources[0]?.type === 'AWS::S3::Bucket', true],
  [
    '{ $.userIdentity.type = "Root" || $.eventName = "ConsoleLogin" && $.responseElements.ConsoleLogin = "Failure" }',
    (e) => str(e, 'userIdentity.type') === 'Root' || (e.eventName === 'ConsoleLogin' && str(e, 'responseElements.ConsoleLogin') === 'Failure'),
    true,
  ],
  ['{ ($.eventTime = "2024*" || $.eventTime = "2023*") && ($.awsRegion = us-east-1) }', (e) => (like(e, 'eventTime', '2024*') || like(e, 'eventTime', '2023*')) && e.awsRegion === 'us-east-1', true],
  ['{ $.eventVersion = * }', (e) => ['string', 'number', 'boolean'].includes(typeof e.eventVersion), true],
  ['{ $.userAgent = "*aws-cli*" }', (e) => like(e, 'userAgent', '*aws-cli*'), false],
];

for (const ds of datasets()) {
  describe.skipIf(ds.skip)(suiteTitle('filter', ds), () => {
    const t = tempDir();
    const db = join(t.dir, 'store.duckdb');
    let raw: Rec[];
    beforeAll(async () => {
      raw = rawEvents(ds.root);
      await buildStore(ds.root, db);
    });
    afterAll(() => t.cleanup());

    it('matches what the CloudWatch semantics say, pattern by pattern', () => {
      for (const [pattern, pred, nonEmpty] of CASES) {
        const want = ids(raw.filter(pred));
        if (nonEmpty) expect(want.length, `${pattern} has matches in ${ds.name}`).toBeGreaterThan(0);
        const got = JSON.parse(run(db, ['filter', pattern, '--format', 'json']).stdout) as Rec[];
        expect(ids(got), pattern).toEqual(want);
      }
    });

    it('--format raw prints the matching events whole', () => {
      const pattern = CASES[0]![0];
      const lines = run(db, ['filter', pattern, '--format', 'raw']).stdout.split('\n').filter(Boolean);
      const got = lines.map((l) => JSON.parse(l) as Rec);
      expect(got.map((e) => JSON.stringify(e)).sort()).toEqual(raw.filter(CASES[0]![1]).map((e) => JSON.stringify(e)).sort());
    });

    it('--count-by 5m gives the metric series', () => {
      const pattern = '{ $.readOnly IS FALSE }';
      const buckets = new Map<string, number>();
      for (const e of raw.filter((x) => x.readOnly === false)) {
        const b = new Date(Math.floor(Date.parse(e.eventTime) / 300_000) * 300_000).toISOString();
        buckets.set(b, (buckets.get(b) ?? 0) + 1);
      }
      const want = [...buckets].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([bucket, count]) => ({ bucket, count }));
      expect(JSON.parse(run(db, ['filter', pattern, '--count-by', '5m', '--format', 'json']).stdout)).toEqual(want);
    });

    it('--start-time/--end-time narrow the events', () => {
      const times = raw.map((e) => Date.parse(e.eventTime)).sort((a, b) => a - b);
      const mid = times[Math.floor(times.length / 2)]!;
      const want = ids(raw.filter((e) => e.readOnly === true && Date.parse(e.eventTime) >= mid));
      const got = JSON.parse(run(db, ['filter', '{ $.readOnly IS TRUE }', '--start-time', new Date(mid).toISOString(), '--format', 'json']).stdout) as Rec[];
      expect(ids(got)).toEqual(want);
    });

    it('points at the mistake in a malformed pattern (exit 2)', () => {
      const bad: [string, string][] = [
        ['{ ($.eventName = UpdateTrail) || ($.eventName DeleteTrail) }', 'DeleteTrail'],
        ['{ ($.eventName = UpdateTrail) || ($.eventName = "DeleteTrail) }', '"DeleteTrail'],
        ['{ $.errorCode = "x" ', ''],
        ['{ $.maxResults > many }', 'many'],
        ['{ $.readOnly IS MAYBE }', 'MAYBE'],
        ['eventName = StopLogging', 'eventName'],
      ];
      for (const [pattern, spot] of bad) {
        const err = run(db, ['filter', pattern], 2).stderr.split('\n');
        const line = err.findIndex((l) => l === `  ${pattern}`);
        expect(line, `${pattern}: ${err.join('\n')}`).toBeGreaterThan(0);
        const caret = err[line + 1]!.indexOf('^') - 2;
        expect(caret, pattern).toBe(spot ? pattern.indexOf(spot) : pattern.length);
      }
    });
  });
}
