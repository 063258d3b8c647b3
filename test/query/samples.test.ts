import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/store/duckdb.js';
import { listSamples, loadSample } from '../../src/query/library.js';
import { openQuerySession, type QuerySession } from '../../src/query/session.js';
import { DAY_DIR, doc, event, fileName, gz } from '../helpers/fixtures.js';
import { HAVE_SHARED, REALDATA, SKIP_SHARED_MSG, tempDir } from '../helpers/cli.js';
import { buildSampleStore, openReadOnly } from './fixture.js';

/** Every bundled sample runs on the bundled sample export; two of them checked for meaning. */

describe('every sample query runs on the sample store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let s: QuerySession;
  beforeAll(async () => {
    tmp = tempDir();
    db = await openReadOnly(await buildSampleStore(tmp.dir));
    s = await openQuerySession(db);
  });
  afterAll(() => {
    db?.close();
    tmp?.cleanup();
  });

  for (const q of listSamples()) {
    it(q.name, async () => {
      const r = await s.run(loadSample(q.name).text, { maxRows: 10_000 });
      expect(r.error?.message).toBeUndefined();
      expect(r.columns.length).toBeGreaterThan(0);
    });
  }

  it('top-apis-by-source counts every event that has a source', async () => {
    const r = await s.run(loadSample('top-apis-by-source').text);
    const total = await s.run('SELECT count(*) FROM $EDS_ID WHERE eventSource IS NOT NULL');
    expect(r.columns.map((c) => c.name)).toEqual(['eventSource', 'eventName', 'apiCount']);
    expect(r.rows.reduce((a, row) => a + (row[2] as number), 0)).toBe(total.rows[0]![0]);
    const counts = r.rows.map((row) => row[2] as number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe.skipIf(!HAVE_SHARED)('every sample query runs on the real-data corpus (../shared)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let s: QuerySession;
  beforeAll(async () => {
    tmp = tempDir();
    db = await openReadOnly(await buildSampleStore(tmp.dir, { paths: [REALDATA] }));
    s = await openQuerySession(db);
  });
  afterAll(() => {
    db?.close();
    tmp?.cleanup();
  });

  it('all of them, without an error', async () => {
    const failed: string[] = [];
    for (const q of listSamples()) {
      const r = await s.run(loadSample(q.name).text, { maxRows: 10_000 });
      if (r.error) failed.push(`${q.name}: ${r.error.message}`);
    }
    expect(failed).toEqual([]);
  });
});
if (!HAVE_SHARED) console.warn(SKIP_SHARED_MSG);

describe('manually-created-resources', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let s: QuerySession;
  const bucket = [{ accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::b' }];
  const person = { type: 'IAMUser', principalId: 'AIDA1', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' };
  const serviceRole = {
    type: 'AssumedRole',
    principalId: 'AROA1:x',
    arn: 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling',
    accountId: '111122223333',
    sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROA1', arn: 'arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling', accountId: '111122223333', userName: 'AWSServiceRoleForAutoScaling' } },
  };
  const mgmt = { eventCategory: 'Management', readOnly: false, eventSource: 's3.amazonaws.com', resources: bucket, errorCode: undefined };
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['CreateBucket', { ...mgmt, userIdentity: person }, true],
    ['DeleteBucketPolicy', { ...mgmt, userIdentity: person }, true],
    ['PutBucketTagging', { ...mgmt, userIdentity: person, userAgent: 'console.amazonaws.com' }, true],
    ['UpdateTrail', { ...mgmt, userIdentity: serviceRole }, false],
    ['CreateBucket', { ...mgmt, userIdentity: person, sourceIPAddress: 'cloudformation.amazonaws.com' }, false],
    ['CreateBucket', { ...mgmt, userIdentity: person, userAgent: 'cloudformation.amazonaws.com' }, false],
    ['CreateBucket', { ...mgmt, userIdentity: { ...person, invokedBy: 'cloudformation.amazonaws.com' } }, false],
    ['CreateBucket', { ...mgmt, userIdentity: person, resources: undefined }, false],
    ['ListBuckets', { ...mgmt, userIdentity: person }, false],
    ['CreateBucket', { ...mgmt, userIdentity: person, errorCode: 'AccessDenied' }, false],
  ];
  beforeAll(async () => {
    tmp = tempDir();
    const day = join(tmp.dir, 'logs', DAY_DIR);
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, fileName('manual')), gz(doc(cases.map(([eventName, over], i) => event(i, { eventName, ...over })))));
    db = await openReadOnly(await buildSampleStore(tmp.dir, { paths: [join(tmp.dir, 'logs')] }));
    s = await openQuerySession(db);
  });
  afterAll(() => {
    db?.close();
    tmp?.cleanup();
  });

  it('keeps people\'s Create/Update/Put/Delete calls on resources, drops service-linked roles and CloudFormation', async () => {
    const r = await s.run(loadSample('manually-created-resources').text);
    expect(r.error).toBeUndefined();
    const got = r.rows.map((row) => `${row[r.columns.findIndex((c) => c.name === 'eventName')]}`).sort();
    expect(got).toEqual(cases.filter((c) => c[2]).map((c) => c[0]).sort());
  });
});
