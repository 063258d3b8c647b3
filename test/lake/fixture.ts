import { LakeSqlError, mapDuckDbError, translateLake, type TranslateOptions } from '../../src/query/lake/index.js';
import { createTestStore, type TestStore } from '../../src/query/lake/test-store.js';

/**
 * A small hand-written store for the translator tests: a few CloudTrail events chosen to
 * exercise maps, nested structs, resource arrays, enriched-event tags, errors and weekdays.
 * Store A (`main`) holds them all; store B (`other`) holds a copy of two, so multi-store
 * queries have something to join.
 */
export const STORE_A = { id: '5e2676f8-9fce-46ef-8142-3e36a94e6691', name: 'main' };
export const STORE_B = { id: '0233062b-51c6-4d18-8dec-a8c90da840d9', name: 'other' };

const base = (over: Record<string, unknown>): Record<string, unknown> => ({
  eventVersion: '1.08',
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.10',
  userAgent: 'aws-cli/2.0',
  readOnly: false,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '111122223333',
  eventCategory: 'Management',
  ...over,
});

const alice = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:alice',
  arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
  accountId: '111122223333',
  accessKeyId: 'ASIAEXAMPLE',
  sessionContext: {
    sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: 'arn:aws:iam::111122223333:role/Admin', accountId: '111122223333', userName: 'Admin' },
    attributes: { creationDate: '2023-01-22T09:00:00Z', mfaAuthenticated: 'true' },
  },
};

export const EVENTS: Record<string, unknown>[] = [
  base({
    eventID: 'e1',
    eventTime: '2023-01-22T10:00:00Z', // a Sunday
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAALICE', arn: 'arn:aws:iam::111122223333:user/Alice', accountId: '111122223333', userName: 'Alice' },
    additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/console/home?state=1#x' },
    responseElements: { ConsoleLogin: 'Success' },
    sessionCredentialFromConsole: 'true',
  }),
  base({
    eventID: 'e2',
    eventTime: '2023-01-23T11:30:00.250Z', // a Monday
    eventSource: 's3.amazonaws.com',
    eventName: 'CreateBucket',
    userIdentity: alice,
    requestParameters: { bucketName: 'demo-bucket', 'x-amz-acl': 'private', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } },
    tlsDetails: { tlsVersion: 'TLSv1.2', cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256', clientProvidedHostHeader: 's3.amazonaws.com' },
  }),
  base({
    eventID: 'e3',
    eventTime: '2023-01-23T12:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'PutObject',
    eventCategory: 'Data',
    managementEvent: false,
    userIdentity: alice,
    requestParameters: { bucketName: 'demo-bucket', key: 'a.txt' },
    resources: [
      { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::demo-bucket/a.txt' },
      { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::demo-bucket' },
    ],
    eventContext: {
      tagContext: {
        principalTags: { operator: 'ops-team' },
        resourceTags: [
          { arn: 'arn:aws:s3:::demo-bucket', tags: { Environment: 'prod', solution: 'lake' } },
          { arn: 'arn:aws:s3:::demo-bucket/a.txt', tags: { solution: 'lake' } },
        ],
      },
    },
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: 's3.amazonaws.com' },
  }),
  base({
    eventID: 'e4',
    eventTime: '2023-01-24T08:15:00Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RunInstances',
    userIdentity: alice,
    requestParameters: { instanceType: 't3.micro', maxCount: 1 },
    responseElements: { instancesSet: { items: [{ instanceId: 'i-b188560f' }, { instanceId: 'i-0000' }] } },
    resources: [{ accountId: '111122223333', type: 'AWS::EC2::Instance', ARN: 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f' }],
  }),
  base({
    eventID: 'e5',
    eventTime: '2023-01-24T09:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    readOnly: false,
    userIdentity: alice,
    errorCode: 'AccessDenied',
    errorMessage: 'User is not authorized to perform: iam:CreateUser',
    requestParameters: { userName: 'mallory' },
  }),
  base({
    eventID: 'e6',
    eventTime: '2023-01-25T00:00:00Z',
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    readOnly: true,
    userIdentity: alice,
    requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/Admin', roleSessionName: 'alice' },
    resources: [{ accountId: '111122223333', type: 'AWS::IAM::Role', ARN: 'arn:aws:iam::111122223333:role/Admin' }],
  }),
];

export async function fixtureStore(): Promise<TestStore> {
  return createTestStore([
    { store: STORE_A, records: EVENTS.map((record) => ({ record })) },
    { store: STORE_B, records: EVENTS.slice(0, 2).map((record) => ({ record })) },
  ]);
}

/** Runs Lake SQL through the translator on a store; rows as JSON objects. Errors come back as LakeSqlError. */
export async function lake(st: TestStore, sql: string, opts: Partial<TranslateOptions> = {}): Promise<Record<string, unknown>[]> {
  const t = translateLake(sql, { stores: st.stores, defaultStore: STORE_A.name, ...opts });
  try {
    const r = await st.conn.runAndReadAll(t.sql);
    return r.getRowObjectsJson() as Record<string, unknown>[];
  } catch (e) {
    throw mapDuckDbError(e as Error, sql, t);
  }
}

/** Column names of a Lake query's result. */
export async function lakeColumns(st: TestStore, sql: string, opts: Partial<TranslateOptions> = {}): Promise<string[]> {
  const t = translateLake(sql, { stores: st.stores, defaultStore: STORE_A.name, ...opts });
  return (await st.conn.runAndReadAll(t.sql)).columnNames();
}

/** The error a Lake query fails with (translation or execution). */
export async function lakeError(st: TestStore, sql: string, opts: Partial<TranslateOptions> = {}): Promise<LakeSqlError> {
  try {
    await lake(st, sql, opts);
  } catch (e) {
    if (e instanceof LakeSqlError) return e;
    throw e;
  }
  throw new Error(`expected an error from: ${sql}`);
}
