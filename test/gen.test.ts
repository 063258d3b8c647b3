import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LOG_FILE_RE, ROGUE_IP, generateSamples, generateTree } from '../src/gen/index.js';
import { Catalog } from '../src/gen/catalog.js';
import { buildRecord } from '../src/gen/record.js';
import { Rng } from '../src/gen/prng.js';
import { buildWorld } from '../src/gen/world.js';

type Rec = Record<string, any>;

interface LogFile {
  rel: string;
  bytes: Buffer;
  records: Rec[];
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(root);
  return out;
}

function readTree(root: string): LogFile[] {
  return listFiles(root).map((p) => {
    const bytes = readFileSync(p);
    const doc = JSON.parse(gunzipSync(bytes).toString('utf8')) as { Records: Rec[] };
    return { rel: relative(root, p).split(sep).join('/'), bytes, records: doc.Records };
  });
}

const tmp = (label: string): string => mkdtempSync(join(tmpdir(), `ctlake-gen-${label}-`));
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** `20240301T1235Z` -> epoch ms */
function stampMs(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/.exec(stamp);
  if (!m) throw new Error(`bad stamp ${stamp}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
}

describe('generateTree', () => {
  const dirs: string[] = [];
  let a: LogFile[];
  let stats: Awaited<ReturnType<typeof generateTree>>;
  const EVENTS = 5000;

  beforeAll(async () => {
    dirs.push(tmp('a'), tmp('b'));
    stats = await generateTree({ out: dirs[0]!, events: EVENTS, seed: 42, eventsPerFile: 250 });
    await generateTree({ out: dirs[1]!, events: EVENTS, seed: 42, eventsPerFile: 250 });
    a = readTree(dirs[0]!);
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is deterministic: same options give byte-identical trees', () => {
    const b = readTree(dirs[1]!);
    expect(b.map((f) => f.rel)).toEqual(a.map((f) => f.rel));
    for (let i = 0; i < a.length; i++) expect(b[i]!.bytes.equals(a[i]!.bytes)).toBe(true);
  });

  it('changes with the seed', async () => {
    const d = tmp('c');
    dirs.push(d);
    await generateTree({ out: d, events: 200, seed: 43 });
    const other = readTree(d);
    expect(other[0]!.bytes.equals(a[0]!.bytes)).toBe(false);
  });

  it('writes only CloudTrail-named gzip files in the S3 export layout', () => {
    expect(readdirSync(dirs[0]!)).toEqual(['AWSLogs']);
    expect(a.length).toBe(stats.files);
    expect(stats.files).toBe(Math.ceil(EVENTS / 250));
    for (const f of a) {
      const m = LOG_FILE_RE.exec(f.rel);
      expect(m, f.rel).not.toBeNull();
      const [, , kind, , y, mo, d, stamp] = m!;
      expect(kind).toBe('CloudTrail');
      // The folder date is the delivery stamp's date.
      expect(stamp!.slice(0, 8)).toBe(`${y}${mo}${d}`);
    }
  });

  it('every file holds a sorted, in-window Records array matching its path', () => {
    let total = 0;
    for (const f of a) {
      const [, account, , region, , , , stamp] = LOG_FILE_RE.exec(f.rel)!;
      const end = stampMs(stamp!);
      expect(Array.isArray(f.records)).toBe(true);
      expect(f.records.length).toBeGreaterThan(0);
      // Compact JSON, no whitespace between tokens, like real deliveries.
      expect(gunzipSync(f.bytes).toString('utf8').startsWith('{"Records":[{"eventVersion":')).toBe(true);
      let prev = '';
      for (const r of f.records) {
        expect(r.recipientAccountId).toBe(account);
        expect(r.awsRegion).toBe(region);
        expect(r.eventTime).toMatch(ISO);
        expect(r.eventTime >= prev).toBe(true);
        prev = r.eventTime;
        const t = Date.parse(r.eventTime);
        expect(t).toBeGreaterThanOrEqual(end - 5 * 60_000);
        expect(t).toBeLessThan(end);
        expect(r.eventID).toMatch(UUID_V4);
        expect(r.eventVersion).toMatch(/^1\.(08|09|10|11)$/);
        expect(typeof r.userIdentity).toBe('object');
        expect(['Management', 'Data']).toContain(r.eventCategory);
        expect(r.managementEvent).toBe(r.eventCategory === 'Management');
      }
      total += f.records.length;
    }
    expect(total).toBe(EVENTS);
    expect(stats.events).toBe(EVENTS);
  });

  it('reports byte counts consistent with the files', () => {
    const gz = a.reduce((s, f) => s + f.bytes.length, 0);
    const json = a.reduce((s, f) => s + gunzipSync(f.bytes).length, 0);
    expect(stats.bytesGz).toBe(gz);
    expect(stats.bytesJson).toBe(json);
    // Realistic sizes: ~1-3 KB per event, ~5-8x gzip ratio.
    expect(json / EVENTS).toBeGreaterThan(1000);
    expect(json / EVENTS).toBeLessThan(3000);
    expect(json / gz).toBeGreaterThan(4);
  });

  it('has a realistic mix: many services, errors, data events, identity types, type drift', () => {
    const recs = a.flatMap((f) => f.records);
    const sources = new Set(recs.map((r) => r.eventSource));
    expect(sources.size).toBeGreaterThanOrEqual(15);
    const errRate = recs.filter((r) => r.errorCode !== undefined).length / recs.length;
    expect(errRate).toBeGreaterThan(0.03);
    expect(errRate).toBeLessThan(0.12);
    const data = recs.filter((r) => r.eventCategory === 'Data').length / recs.length;
    expect(data).toBeGreaterThan(0.2);
    expect(data).toBeLessThan(0.6);
    const types = new Set(recs.map((r) => r.userIdentity.type));
    for (const t of ['IAMUser', 'AssumedRole', 'AWSService', 'AWSAccount']) expect(types).toContain(t);
    const maxResults = recs.map((r) => r.requestParameters?.maxResults).filter((v) => v !== undefined);
    expect(new Set(maxResults.map((v) => typeof v))).toEqual(new Set(['number', 'string']));
    expect(recs.some((r) => r.resources === undefined)).toBe(true);
    expect(recs.some((r) => Array.isArray(r.resources))).toBe(true);
    expect(recs.some((r) => r.tlsDetails?.clientProvidedHostHeader)).toBe(true);
  });

  it('drifts responseElements.role between an object (IAM) and a string (Lambda)', () => {
    const world = buildWorld(7, ['111122223333']);
    const catalog = new Catalog(world, ['us-east-1']);
    const acct = world.accounts[0]!;
    const role = (source: string, name: string): unknown => {
      const tpl = catalog.find(source, name);
      const rng = new Rng(1);
      const rec = buildRecord({ rng, world, acct, region: 'us-east-1', t: Date.UTC(2024, 2, 1), actor: catalog.actor(rng, acct.id, tpl) }, tpl, undefined, { error: null });
      return (rec.responseElements as Rec).role;
    };
    expect(typeof role('iam.amazonaws.com', 'CreateRole')).toBe('object');
    expect(typeof role('lambda.amazonaws.com', 'UpdateFunctionCode20150331v2')).toBe('string');
  });

  it('rejects bad options', async () => {
    await expect(generateTree({ out: tmpdir(), events: 0 })).rejects.toThrow(/events/);
    await expect(generateTree({ out: tmpdir(), events: 10, startDate: '2024-3-1' })).rejects.toThrow(/date/);
  });
});

describe('generateSamples', () => {
  let dir: string;
  let files: LogFile[];
  let recs: Rec[];
  let stats: Awaited<ReturnType<typeof generateSamples>>;
  const find = (pred: (r: Rec) => boolean): Rec[] => recs.filter(pred);

  beforeAll(async () => {
    dir = tmp('samples');
    stats = await generateSamples(dir);
    files = readTree(dir);
    recs = files.filter((f) => f.rel.includes('/CloudTrail/')).flatMap((f) => f.records);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is small, well-formed and spans accounts, regions and days', () => {
    expect(readdirSync(dir)).toEqual(['AWSLogs']);
    for (const f of files) expect(LOG_FILE_RE.test(f.rel), f.rel).toBe(true);
    expect(files.length).toBe(stats.files);
    expect(files.reduce((s, f) => s + f.records.length, 0)).toBe(stats.events);
    expect(files.reduce((s, f) => s + f.bytes.length, 0)).toBeLessThan(500 * 1024);
    expect(recs.length).toBeGreaterThanOrEqual(300);
    expect(recs.length).toBeLessThanOrEqual(600);
    expect(new Set(recs.map((r) => r.recipientAccountId))).toEqual(new Set(['111122223333', '444455556666']));
    expect(new Set(recs.map((r) => r.awsRegion))).toEqual(new Set(['us-east-1', 'us-west-2', 'eu-west-1']));
    expect(new Set(recs.map((r) => r.eventTime.slice(0, 10)))).toEqual(new Set(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05']));
    expect(find((r) => r.eventCategory === 'Data').length).toBeGreaterThan(20);
  });

  it('is deterministic and matches the committed samples/AWSLogs', async () => {
    const again = tmp('samples2');
    try {
      await generateSamples(again);
      const b = readTree(again);
      expect(b.map((f) => f.rel)).toEqual(files.map((f) => f.rel));
      b.forEach((f, i) => expect(f.bytes.equals(files[i]!.bytes)).toBe(true));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
    const committed = join(process.cwd(), 'samples');
    if (existsSync(join(committed, 'AWSLogs'))) {
      // Only the log tree: samples/ also holds the query and detection libraries.
      const c = readTree(join(committed, 'AWSLogs')).map((f) => ({ ...f, rel: `AWSLogs/${f.rel}` }));
      expect(c.map((f) => f.rel), 'regenerate with: node dist/gen/cli.js samples').toEqual(files.map((f) => f.rel));
      c.forEach((f, i) => expect(f.bytes.equals(files[i]!.bytes)).toBe(true));
    }
  });

  it('tells the DynamoDB Users story', () => {
    const create = find((r) => r.eventName === 'CreateTable' && r.requestParameters?.tableName === 'Users');
    expect(create).toHaveLength(1);
    expect(create[0]!.eventSource).toBe('dynamodb.amazonaws.com');
    expect(create[0]!.resources[0].ARN).toBe('arn:aws:dynamodb:us-west-2:111122223333:table/Users');
    const upd = find((r) => r.eventName === 'UpdateTable' && r.requestParameters?.tableName === 'Users');
    expect(upd.map((r) => r.errorCode)).toContain('ValidationException');
    expect(find((r) => r.eventName === 'ListTables').length).toBeGreaterThan(0);
    expect(find((r) => r.eventName === 'DescribeTable' && r.requestParameters?.tableName === 'Users').length).toBeGreaterThan(0);
    const puts = find((r) => r.eventName === 'PutItem' && r.requestParameters?.tableName === 'Users');
    const gets = find((r) => r.eventName === 'GetItem' && r.requestParameters?.tableName === 'Users');
    expect(puts.length).toBeGreaterThan(0);
    expect(gets.length).toBeGreaterThan(0);
    for (const r of puts) expect([r.eventCategory, r.managementEvent, r.readOnly]).toEqual(['Data', false, false]);
    for (const r of gets) expect([r.eventCategory, r.managementEvent, r.readOnly]).toEqual(['Data', false, true]);
  });

  it('has console logins: MFA yes/no, one failure, one root', () => {
    const logins = find((r) => r.eventName === 'ConsoleLogin');
    for (const r of logins) {
      expect(r.eventSource).toBe('signin.amazonaws.com');
      expect(r.eventType).toBe('AwsConsoleSignIn');
    }
    const ok = logins.filter((r) => r.responseElements?.ConsoleLogin === 'Success');
    expect(new Set(ok.map((r) => r.additionalEventData.MFAUsed))).toEqual(new Set(['Yes', 'No']));
    const failed = logins.filter((r) => r.responseElements?.ConsoleLogin === 'Failure');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.errorMessage).toBe('Failed authentication');
    expect(logins.filter((r) => r.userIdentity.type === 'Root')).toHaveLength(1);
  });

  it('has the IAM, STS, CloudTrail, KMS and S3 security events', () => {
    const names = new Set(recs.map((r) => r.eventName));
    for (const n of ['CreateUser', 'AttachUserPolicy', 'PutRolePolicy', 'CreateTrail', 'StopLogging', 'UpdateTrail', 'ScheduleKeyDeletion', 'PutBucketPolicy', 'PutBucketPublicAccessBlock']) {
      expect(names, n).toContain(n);
    }
    const key = find((r) => r.eventName === 'CreateAccessKey');
    expect(key.length).toBeGreaterThan(0);
    expect(key.some((r) => r.requestParameters.userName !== r.userIdentity.userName)).toBe(true);
    const cross = find((r) => r.eventName === 'AssumeRole' && r.sharedEventID);
    const byShared = new Map<string, Rec[]>();
    for (const r of cross) byShared.set(r.sharedEventID, [...(byShared.get(r.sharedEventID) ?? []), r]);
    const pair = [...byShared.values()].find((l) => new Set(l.map((r) => r.recipientAccountId)).size === 2);
    expect(pair, 'cross-account AssumeRole logged in both accounts').toBeDefined();
    const sg = find((r) => r.eventName === 'AuthorizeSecurityGroupIngress');
    const open = sg.filter((r) => r.requestParameters.ipPermissions.items.some((p: Rec) => p.ipRanges.items.some((x: Rec) => x.cidrIp === '0.0.0.0/0')));
    expect(open).toHaveLength(1);
    expect(open[0]!.requestParameters.ipPermissions.items[0]).toMatchObject({ ipProtocol: 'tcp', fromPort: 22, toPort: 22 });
    expect(open[0]!.sourceIPAddress).toBe(ROGUE_IP);
    const gets = find((r) => r.eventName === 'GetObject');
    expect(gets.length).toBeGreaterThanOrEqual(3);
    expect(gets.every((r) => r.requestParameters.bucketName && r.requestParameters.key && r.eventCategory === 'Data')).toBe(true);
  });

  it('distinguishes CloudFormation-created, hand-created and service-linked-role resources', () => {
    const creates = find((r) => /^Create/.test(r.eventName) && !r.errorCode);
    const byCfn = creates.filter((r) => r.userIdentity.invokedBy === 'cloudformation.amazonaws.com' && r.userAgent === 'cloudformation.amazonaws.com');
    const byHand = creates.filter((r) => r.userIdentity.type === 'IAMUser' && r.userIdentity.invokedBy === undefined);
    const bySlr = find((r) => String(r.userIdentity.sessionContext?.sessionIssuer?.arn ?? '').includes('/aws-service-role/'));
    expect(byCfn.length).toBeGreaterThanOrEqual(4);
    expect(byHand.length).toBeGreaterThanOrEqual(4);
    expect(bySlr.some((r) => !r.readOnly)).toBe(true);
  });

  it('writes one Insights file with a Start/End pair', () => {
    const ins = files.filter((f) => f.rel.includes('/CloudTrail-Insight/'));
    expect(ins).toHaveLength(1);
    expect(ins[0]!.rel).toMatch(/^AWSLogs\/111122223333\/CloudTrail-Insight\/us-east-1\/2024\/03\/03\/111122223333_CloudTrail-Insight_us-east-1_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/);
    const [start, end] = ins[0]!.records;
    expect(start!.insightDetails.state).toBe('Start');
    expect(end!.insightDetails.state).toBe('End');
    expect(start!.sharedEventID).toBe(end!.sharedEventID);
    for (const r of [start!, end!]) {
      expect(r.eventType).toBe('AwsCloudTrailInsight');
      expect(r.eventCategory).toBe('Insight');
      expect(r.insightDetails.insightType).toBe('ApiCallRateInsight');
      const ctx = r.insightDetails.insightContext;
      expect(typeof ctx.statistics.baseline.average).toBe('number');
      expect(typeof ctx.statistics.insight.average).toBe('number');
      expect(typeof ctx.statistics.insightDuration).toBe('number');
      expect(ctx.attributions.length).toBeGreaterThan(0);
    }
    // The insight matches a real burst in the trail.
    const burst = find((r) => r.eventName === 'RunInstances' && r.userIdentity.userName === 'erin');
    expect(burst.length).toBeGreaterThanOrEqual(10);
  });
});
