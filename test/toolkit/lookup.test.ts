import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { at, buildStore, datasets, rawEvents, run, suiteTitle, type Rec } from './filter-raw-events.js';

/**
 * `ctlake lookup` end to end (the compiled CLI) against expectations computed here from the raw
 * .json.gz files: which events Event History would return, in which order, and every field of
 * the AWS CLI's output, derived with the rules documented in src/toolkit/lookup-events.ts.
 */

type AwsEvent = Record<string, any>;

const isManagement = (e: Rec) => e.eventType !== 'AwsCloudTrailInsight' && (e.eventCategory ?? 'Management') === 'Management' && e.managementEvent !== false;

function username(e: Rec): string | undefined {
  const u = e.userIdentity ?? {};
  const nz = (s: unknown) => (typeof s === 'string' && s !== '' ? s : undefined);
  if (u.type === 'Root') return 'root';
  if (u.type === 'AssumedRole') return nz(/\/([^/]+)$/.exec(u.arn ?? '')?.[1]) ?? nz(String(u.principalId ?? '').split(':')[1]) ?? u.userName ?? undefined;
  if (u.type === 'FederatedUser') return nz(/federated-user\/(.+)$/.exec(u.arn ?? '')?.[1]) ?? u.userName ?? undefined;
  return u.userName ?? undefined;
}

function resourceName(arn: string | undefined): string | undefined {
  if (arn == null) return undefined;
  const res = /^(?:[^:]*:){5}(.*)$/.exec(arn)?.[1] ?? '';
  if (!arn.startsWith('arn:') || res === '') return arn;
  if (arn.split(':')[2] === 's3') return res;
  if (/\/./.test(res)) return /[^/]+$/.exec(res)?.[0] ?? '';
  if (/:./.test(res)) return res.replace(/^[^:]*:/, '');
  return res;
}

function cliTime(t: string): string {
  const d = new Date(Date.parse(t));
  const ms = d.getUTCMilliseconds();
  return `${d.toISOString().slice(0, 19)}${ms ? `.${String(ms).padStart(3, '0')}000` : ''}+00:00`;
}

/** The LookupEvents entry for a raw record, CloudTrailEvent as canonical JSON for comparing. */
function expectedEvent(e: Rec): AwsEvent {
  const o: AwsEvent = {};
  if (e.eventID != null) o.EventId = e.eventID;
  const name = e.eventName ?? e.insightDetails?.eventName;
  if (name != null) o.EventName = name;
  if (typeof e.readOnly === 'boolean') o.ReadOnly = String(e.readOnly);
  if (e.userIdentity?.accessKeyId != null) o.AccessKeyId = e.userIdentity.accessKeyId;
  o.EventTime = cliTime(e.eventTime);
  const source = e.eventSource ?? e.insightDetails?.eventSource;
  if (source != null) o.EventSource = source;
  const user = username(e);
  if (user !== undefined) o.Username = user;
  o.Resources = (Array.isArray(e.resources) ? e.resources : []).map((r: Rec) => ({
    ...(r.type != null ? { ResourceType: r.type } : {}),
    ...(r.ARN != null ? { ResourceName: resourceName(r.ARN) } : {}),
  }));
  o.CloudTrailEvent = JSON.stringify(e);
  return o;
}

const canonical = (ev: AwsEvent): AwsEvent => ({ ...ev, CloudTrailEvent: JSON.stringify(JSON.parse(ev.CloudTrailEvent)) });
const sortKey = (ev: AwsEvent) => `${ev.EventTime}|${ev.EventId}|${ev.CloudTrailEvent}`;
const sorted = (evs: AwsEvent[]) => [...evs].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

/** Newest first, then eventID descending: the order lookup promises. */
function expectNewestFirst(evs: AwsEvent[]): void {
  for (let i = 1; i < evs.length; i++) {
    const [a, b] = [evs[i - 1]!, evs[i]!];
    const ok = Date.parse(a.EventTime) > Date.parse(b.EventTime) || (a.EventTime === b.EventTime && (a.EventId ?? '') >= (b.EventId ?? ''));
    if (!ok) throw new Error(`events ${i - 1} and ${i} are out of order: ${a.EventTime} ${a.EventId} / ${b.EventTime} ${b.EventId}`);
  }
}

function mostCommon(values: (string | undefined)[]): string {
  const n = new Map<string, number>();
  for (const v of values) if (v) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

const lookupIds = (db: string, args: string[]) => run(db, ['lookup', ...args, '--fields', 'eventID']).stdout.split('\n').filter(Boolean).sort();

for (const ds of datasets()) {
  describe.skipIf(ds.skip)(suiteTitle('lookup', ds), () => {
    const t = tempDir();
    const db = join(t.dir, 'store.duckdb');
    let raw: Rec[];
    let mgmt: Rec[];
    beforeAll(async () => {
      raw = rawEvents(ds.root);
      mgmt = raw.filter(isManagement);
      await buildStore(ds.root, db);
    });
    afterAll(() => t.cleanup());

    it('returns every management event, newest first, in the AWS CLI shape', () => {
      const out = JSON.parse(run(db, ['lookup']).stdout) as { Events: AwsEvent[]; NextToken?: string };
      expect(Object.keys(out)).toEqual(['Events']);
      expectNewestFirst(out.Events);
      const order = ['EventId', 'EventName', 'ReadOnly', 'AccessKeyId', 'EventTime', 'EventSource', 'Username', 'Resources', 'CloudTrailEvent'];
      for (const ev of out.Events) expect(Object.keys(ev)).toEqual(order.filter((k) => k in ev));
      expect(sorted(out.Events.map(canonical))).toEqual(sorted(mgmt.map(expectedEvent)));
    });

    it('pages with --max-items / --starting-token and resumes exactly', () => {
      const all = JSON.parse(run(db, ['lookup']).stdout).Events as AwsEvent[];
      const pageSize = Math.max(3, Math.ceil(all.length / 6));
      const pages: AwsEvent[] = [];
      let token: string | undefined;
      for (let n = 0; n < 20; n++) {
        const out = JSON.parse(run(db, ['lookup', '--max-items', String(pageSize), ...(token ? ['--starting-token', token] : [])]).stdout);
        expect(out.Events.length).toBeLessThanOrEqual(pageSize);
        pages.push(...out.Events);
        token = out.NextToken;
        if (!token) break;
      }
      expect(token).toBeUndefined();
      expect(pages).toEqual(all);
    });

    it('filters by each of the eight lookup attributes', () => {
      const exp = mgmt.map(expectedEvent);
      const withRes = exp.flatMap((e) => e.Resources as Rec[]);
      const cases: [string, string, (e: AwsEvent) => boolean][] = [
        ['EventName', mostCommon(exp.map((e) => e.EventName)), (e) => e.EventName === cases[0]![1]],
        ['EventSource', mostCommon(exp.map((e) => e.EventSource)), (e) => e.EventSource === cases[1]![1]],
        ['ReadOnly', 'false', (e) => e.ReadOnly === 'false'],
        ['Username', mostCommon(mgmt.filter((e) => e.userIdentity?.type === 'AssumedRole').map(username)), (e) => e.Username === cases[3]![1]],
        ['AccessKeyId', mostCommon(exp.map((e) => e.AccessKeyId)), (e) => e.AccessKeyId === cases[4]![1]],
        ['EventId', exp[Math.floor(exp.length / 2)]!.EventId, (e) => e.EventId === cases[5]![1]],
        ['ResourceType', mostCommon(withRes.map((r) => r.ResourceType)), (e) => e.Resources.some((r: Rec) => r.ResourceType === cases[6]![1])],
        ['ResourceName', mostCommon(withRes.map((r) => r.ResourceName)), (e) => e.Resources.some((r: Rec) => r.ResourceName === cases[7]![1])],
      ];
      for (const [key, value, pred] of cases) {
        const got = lookupIds(db, ['--lookup-attributes', `AttributeKey=${key},AttributeValue=${value}`]);
        const want = exp.filter(pred).map((e) => String(e.EventId ?? null)).sort();
        expect(want.length, `${key}=${value} matches something`).toBeGreaterThan(0);
        expect(got, `${key}=${value}`).toEqual(want);
      }
      // --region narrows to one awsRegion (the AWS CLI's region picks the Event History to read).
      const region = mostCommon(mgmt.map((e) => e.awsRegion));
      expect(lookupIds(db, ['--region', region])).toEqual(mgmt.filter((e) => e.awsRegion === region).map((e) => String(e.eventID ?? null)).sort());
      // The JSON form of the option, as the AWS CLI also takes it.
      const json = JSON.stringify([{ AttributeKey: 'EventName', AttributeValue: cases[0]![1] }]);
      expect(lookupIds(db, ['--lookup-attributes', json])).toEqual(exp.filter(cases[0]![2]).map((e) => String(e.EventId ?? null)).sort());
    });

    it('reads --start-time/--end-time in the AWS CLI formats, both ends inclusive', () => {
      const times = [...new Set(mgmt.map((e) => Date.parse(e.eventTime)))].sort((a, b) => a - b);
      const lo = times[Math.floor(times.length / 4)]!;
      const hi = times[Math.floor((times.length * 3) / 4)]!;
      const d = new Date(lo);
      const p2 = (n: number) => String(n).padStart(2, '0');
      const [Y, M, D, h, m] = [d.getUTCFullYear(), p2(d.getUTCMonth() + 1), p2(d.getUTCDate()), d.getUTCHours(), p2(d.getUTCMinutes())];
      const h12 = `${p2(h % 12 || 12)}:${m}${h < 12 ? 'AM' : 'PM'}`;
      const minute = Date.UTC(Y, d.getUTCMonth(), d.getUTCDate(), h, Number(m));
      const day = Date.UTC(Y, d.getUTCMonth(), d.getUTCDate());
      const forms: [string, number][] = [
        [String(lo / 1000), lo],
        [`${lo / 1000}.5`, lo + 500],
        [new Date(lo).toISOString(), lo],
        [new Date(lo).toISOString().slice(0, 19), lo],
        [`${new Date(lo + 2 * 3600_000).toISOString().slice(0, 19)}+02:00`, lo],
        [`${Y}-${M}-${D}`, day],
        [`${M}-${D}-${Y}`, day],
        [`${M}-${D}-${Y}, ${h12}`, minute],
        [`${M}/${D}/${Y}, ${p2(h)}:${m}`, minute],
        [`${Y}-${M}-${D}, ${h12.replace(/(AM|PM)$/, ' $1')}`, minute],
      ];
      const end = new Date(hi).toISOString();
      for (const [text, ms] of forms) {
        const want = mgmt.filter((e) => Date.parse(e.eventTime) >= ms && Date.parse(e.eventTime) <= hi).map((e) => String(e.eventID ?? null)).sort();
        expect(lookupIds(db, ['--start-time', text, '--end-time', end]), `--start-time "${text}"`).toEqual(want);
      }
    });

    it('--fields prints the jq one-liner without jq', () => {
      const fields = 'eventTime,sourceIPAddress,userIdentity.arn,eventName';
      const got = run(db, ['lookup', '--fields', fields]).stdout.split('\n').filter(Boolean).sort();
      const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? null));
      const want = mgmt.map((e) => fields.split(',').map((f) => text(at(e, f))).join(' -- ')).sort();
      expect(got).toEqual(want);
    });

    it('--output text and table draw what the AWS CLI draws', () => {
      const lines = run(db, ['lookup', '--output', 'text']).stdout.split('\n').filter(Boolean);
      expect(lines.filter((l) => l.startsWith('EVENTS\t')).length).toBe(mgmt.length);
      const resources = mgmt.map(expectedEvent).reduce((n, e) => n + e.Resources.length, 0);
      expect(lines.filter((l) => l.startsWith('RESOURCES\t')).length).toBe(resources);
      expect(lines.length).toBe(mgmt.length + resources);

      const table = run(db, ['lookup', '--output', 'table', '--max-items', '2']).stdout.split('\n');
      expect(table[0]).toMatch(/^-+$/);
      expect(table[1]).toMatch(/^\|\s+LookupEvents\s+\|$/);
      expect(table[1]!.length).toBe(table[0]!.length);
      expect(table.join('\n')).toMatch(/\|\s+NextToken\s+\|/);
      expect(table.join('\n')).toMatch(/\|\|\s+EventId\s+\|\s+\S+/);

      const none = run(db, ['lookup', '--output', 'table', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=NoSuchEvent']).stdout;
      expect(none).toBe('--------------\n|LookupEvents|\n+------------+\n');
    });

    it('--event-category insight returns Insights events only', () => {
      const want = raw.filter((e) => e.eventType === 'AwsCloudTrailInsight').map((e) => String(e.eventID ?? null)).sort();
      expect(lookupIds(db, ['--event-category', 'insight'])).toEqual(want);
    });

    it('rejects what LookupEvents rejects, with the AWS CLI messages (exit 2)', () => {
      const bad = (args: string[], msg: RegExp) => expect(run(db, ['lookup', ...args], 2).stderr).toMatch(msg);
      bad(['--lookup-attributes', 'AttributeKey=EventName,AttributeValue=A', 'AttributeKey=Username,AttributeValue=b'], /InvalidLookupAttributesException.*only one lookup attribute/);
      bad(['--lookup-attributes', 'AttributeKey=eventname,AttributeValue=A'], /not a lookup attribute key \(keys are case-sensitive: did you mean EventName\?\)/);
      bad(['--lookup-attributes', 'AttributeKey=EventName'], /Missing required parameter in LookupAttributes\[0\]: "AttributeValue"/);
      bad(['--lookup-attributes', 'Key=EventName,AttributeValue=x'], /Unknown parameter in LookupAttributes\[0\]: "Key", must be one of: AttributeKey, AttributeValue/);
      bad(['--start-time', 'last tuesday'], /Invalid type for parameter StartTime, value: last tuesday/);
      bad(['--start-time', '2024-03-02', '--end-time', '2024-03-01'], /InvalidTimeRangeException/);
      bad(['--starting-token', 'garbage!'], /Bad starting token: garbage!/);
      bad(['--event-category', 'insight', '--lookup-attributes', 'AttributeKey=Username,AttributeValue=x'], /Insights events can be looked up by EventId, EventName, EventSource only/);
      const token = JSON.parse(run(db, ['lookup', '--max-items', '1']).stdout).NextToken as string;
      bad(['--starting-token', token, '--lookup-attributes', 'AttributeKey=ReadOnly,AttributeValue=true'], /InvalidNextTokenException/);
    });
  });
}
