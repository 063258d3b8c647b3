// Catalog: storage, data and observability services (S3, DynamoDB, SQS,
// CloudWatch Logs/metrics, CloudTrail, Config). S3/DynamoDB/SQS/Lambda data
// events make up roughly a third of the mix, like a trail with data events on.

import type { Ctx, Parts, Resource, Template } from './catalog-types.js';
import { arnOf, base64ish, drift, objectKey, res } from './catalog-types.js';
import { CT, DDB, LOGS, S3, SQS } from './services.js';


/** S3 logs transport details in additionalEventData. */
export function s3Extra(c: Ctx, bytesIn: number, bytesOut: number): Record<string, unknown> {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: c.actor.agent === 'java' ? 'ECDHE-RSA-AES128-GCM-SHA256' : 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': base64ish(c.rng, 76),
    bytesTransferredOut: bytesOut,
  };
}

export const bucketRes = (account: string, bucket: string): Resource => res(account, 'AWS::S3::Bucket', `arn:aws:s3:::${bucket}`);

/** Host header S3 records in requestParameters (virtual-hosted style). */
export const s3Host = (c: Ctx, bucket: string): string => `${bucket}.s3.${c.region}.amazonaws.com`;

function s3Object(c: Ctx, bytesIn: (c: Ctx) => number, bytesOut: (c: Ctx) => number, extraQ?: Record<string, unknown>): Parts {
  const bucket = c.rng.pick(c.acct.buckets);
  const key = objectKey(c.rng, bucket);
  return {
    q: { bucketName: bucket, Host: s3Host(c, bucket), key, ...extraQ },
    x: s3Extra(c, bytesIn(c), bytesOut(c)),
    // Object-level events name the object without an account, then the bucket with one.
    res: [res(undefined, 'AWS::S3::Object', `arn:aws:s3:::${bucket}/${key}`), bucketRes(c.acct.id, bucket)],
  };
}

function s3Bucket(c: Ctx, sub: Record<string, string>, bytesOut: number): Parts {
  const bucket = c.rng.pick(c.acct.buckets);
  return { q: { bucketName: bucket, Host: s3Host(c, bucket), ...sub }, x: s3Extra(c, 0, bytesOut), res: [bucketRes(c.acct.id, bucket)] };
}

const s3Data = (name: string, w: number, ro: boolean, f: Template['f'], errs?: string[]): Template => ({
  source: S3, name, w, ro, data: true, who: { p: 6, a: 1, h: 1 }, reqId: 's3', eventVersion: '1.10', f, errs,
});
const s3Mgmt = (name: string, w: number, sub: string, errs?: string[], errRate?: number): Template => ({
  source: S3, name, w, ro: true, who: { s: 5, a: 2, h: 1 }, reqId: 's3', eventVersion: '1.09', errs, errRate,
  f: (c) => s3Bucket(c, { [sub]: '' }, c.rng.int(200, 1200)),
});

const tableArn = (c: Ctx, table: string) => arnOf(c, 'dynamodb', `table/${table}`);
const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

function ddbItem(c: Ctx, extra?: Record<string, unknown>): Parts {
  const table = c.rng.pick(c.acct.tables);
  // DynamoDB data events redact key values; the key attribute names remain.
  const key = c.rng.chance(0.5) ? { pk: HIDDEN, sk: HIDDEN } : { id: HIDDEN };
  return { q: { tableName: table, key, ...extra }, res: [res(c.acct.id, 'AWS::DynamoDB::Table', tableArn(c, table))] };
}

const ddbData = (name: string, w: number, ro: boolean, f: Template['f'], errs?: string[]): Template => ({
  source: DDB, name, w, ro, data: true, who: { p: 1 }, reqId: 'ddb', apiVersion: '2012-08-10', eventVersion: '1.08', f,
  errs: errs ?? ['ProvisionedThroughputExceededException', 'ResourceNotFoundException'],
});

function ddbTable(c: Ctx): Parts {
  const table = c.rng.pick(c.acct.tables);
  return { q: { tableName: table }, res: [res(c.acct.id, 'AWS::DynamoDB::Table', tableArn(c, table))] };
}

const logGroup = (c: Ctx) => c.rng.pick(c.acct.logGroups);

export const STORAGE_TEMPLATES: Template[] = [
  // ---- S3 data events
  s3Data('GetObject', 70, true, (c) => s3Object(c, () => 0, (c) => c.rng.int(200, 5_000_000)), ['NoSuchKey', 'AccessDenied']),
  s3Data('PutObject', 24, false, (c) => s3Object(c, (c) => c.rng.int(200, 5_000_000), () => 0, { 'x-amz-server-side-encryption': 'aws:kms' })),
  s3Data('HeadObject', 18, true, (c) => s3Object(c, () => 0, () => 0), ['NoSuchKey']),
  s3Data('DeleteObject', 3, false, (c) => s3Object(c, () => 0, () => 0)),
  s3Data('ListObjects', 6, true, (c) => {
    const b = c.rng.pick(c.acct.buckets);
    return { q: { bucketName: b, Host: s3Host(c, b), 'list-type': '2', prefix: c.rng.pick(['', 'events/', 'users/', 'rds/']), 'max-keys': drift(c.rng, 1000), 'encoding-type': 'url' }, x: s3Extra(c, 0, c.rng.int(500, 90_000)), res: [bucketRes(c.acct.id, b)] };
  }),
  // ---- S3 bucket management reads (Config and Access Analyzer sweep these constantly)
  s3Mgmt('GetBucketAcl', 6, 'acl'),
  s3Mgmt('GetBucketPolicy', 3, 'policy', ['NoSuchBucketPolicy'], 0.45),
  s3Mgmt('GetBucketLocation', 4, 'location'),
  s3Mgmt('GetBucketVersioning', 2.5, 'versioning'),
  s3Mgmt('GetBucketEncryption', 2, 'encryption', ['ServerSideEncryptionConfigurationNotFoundError'], 0.1),
  s3Mgmt('GetBucketPublicAccessBlock', 2, 'publicAccessBlock', ['NoSuchPublicAccessBlockConfiguration'], 0.2),
  s3Mgmt('GetBucketTagging', 1.5, 'tagging', ['NoSuchTagSet'], 0.3),
  s3Mgmt('GetBucketLogging', 1, 'logging'),
  { source: S3, name: 'ListBuckets', w: 3, ro: true, who: { h: 1, a: 1, s: 1 }, reqId: 's3', eventVersion: '1.09', host: 's3.amazonaws.com', f: (c) => ({ q: { Host: 's3.amazonaws.com' }, x: s3Extra(c, 0, c.rng.int(800, 4000)) }) },
  { source: S3, name: 'PutBucketTagging', w: 0.05, ro: false, who: { a: 1 }, reqId: 's3', eventVersion: '1.09', f: (c) => s3Bucket(c, { tagging: '' }, 0) },

  // ---- DynamoDB data events
  ddbData('GetItem', 32, true, (c) => ddbItem(c, { consistentRead: c.rng.chance(0.2), projectionExpression: c.rng.chance(0.3) ? '#s, updatedAt' : undefined })),
  ddbData('PutItem', 12, false, (c) => ddbItem(c, { conditionExpression: c.rng.chance(0.4) ? 'attribute_not_exists(pk)' : undefined }), ['ConditionalCheckFailedException', 'ValidationException']),
  ddbData('UpdateItem', 8, false, (c) => ddbItem(c, { updateExpression: 'SET #s = :s, updatedAt = :now', expressionAttributeNames: { '#s': 'status' }, returnValues: 'UPDATED_NEW' }), ['ConditionalCheckFailedException', 'ValidationException']),
  ddbData('DeleteItem', 1.5, false, (c) => ddbItem(c)),
  ddbData('Query', 20, true, (c) => {
    const table = c.rng.pick(c.acct.tables);
    return {
      q: { tableName: table, indexName: c.rng.chance(0.5) ? 'byCustomer' : undefined, limit: drift(c.rng, c.rng.pick([25, 50, 100])), keyConditionExpression: '#pk = :pk', expressionAttributeNames: { '#pk': 'pk' }, scanIndexForward: c.rng.chance(0.5), select: 'ALL_ATTRIBUTES', consistentRead: false },
      res: [res(c.acct.id, 'AWS::DynamoDB::Table', tableArn(c, table))],
    };
  }),
  ddbData('BatchWriteItem', 2, false, (c) => {
    const table = c.rng.pick(c.acct.tables);
    return { q: { requestItems: [{ tableName: table, key: { pk: HIDDEN } }, { tableName: table, key: { pk: HIDDEN } }] }, res: [res(c.acct.id, 'AWS::DynamoDB::Table', tableArn(c, table))] };
  }),
  // ---- DynamoDB management
  { source: DDB, name: 'DescribeTable', w: 6, ro: true, who: { p: 2, a: 2, s: 2, h: 1 }, apiVersion: '2012-08-10', eventVersion: '1.08', reqId: 'ddb', errs: ['ResourceNotFoundException'], f: ddbTable },
  { source: DDB, name: 'ListTables', w: 2, ro: true, who: { h: 1, a: 1, s: 1 }, apiVersion: '2012-08-10', eventVersion: '1.08', reqId: 'ddb', f: () => ({ q: null }) },
  { source: DDB, name: 'DescribeContinuousBackups', w: 1, ro: true, who: { s: 1, a: 1 }, apiVersion: '2012-08-10', eventVersion: '1.08', reqId: 'ddb', f: ddbTable },
  { source: DDB, name: 'DescribeTimeToLive', w: 1, ro: true, who: { a: 1, s: 1 }, apiVersion: '2012-08-10', eventVersion: '1.08', reqId: 'ddb', f: ddbTable },

  // ---- SQS data events
  { source: SQS, name: 'ReceiveMessage', w: 10, ro: true, data: true, who: { p: 1 }, eventVersion: '1.09', f: (c) => ({ q: { queueUrl: `https://sqs.${c.region}.amazonaws.com/${c.acct.id}/${c.rng.pick(c.acct.queues)}`, maxNumberOfMessages: drift(c.rng, 10), waitTimeSeconds: 20, attributeNames: ['All'] } }) },
  { source: SQS, name: 'SendMessage', w: 6, ro: false, data: true, who: { p: 1 }, eventVersion: '1.09', f: (c) => ({ q: { queueUrl: `https://sqs.${c.region}.amazonaws.com/${c.acct.id}/${c.rng.pick(c.acct.queues)}`, delaySeconds: 0 }, r: { mD5OfMessageBody: c.rng.hex(32), messageId: c.rng.uuid() } }) },
  { source: SQS, name: 'DeleteMessage', w: 6, ro: false, data: true, who: { p: 1 }, eventVersion: '1.09', f: (c) => ({ q: { queueUrl: `https://sqs.${c.region}.amazonaws.com/${c.acct.id}/${c.rng.pick(c.acct.queues)}`, receiptHandle: base64ish(c.rng, 180) } }) },
  { source: SQS, name: 'GetQueueAttributes', w: 2, ro: true, who: { s: 1, p: 1, a: 1 }, eventVersion: '1.09', f: (c) => ({ q: { queueUrl: `https://sqs.${c.region}.amazonaws.com/${c.acct.id}/${c.rng.pick(c.acct.queues)}`, attributeNames: ['All'] } }) },

  // ---- CloudWatch Logs / metrics
  { source: LOGS, name: 'CreateLogStream', w: 6, ro: false, who: { p: 1 }, errs: ['ResourceAlreadyExistsException'], f: (c) => ({ q: { logGroupName: logGroup(c), logStreamName: `2024/03/0${c.rng.int(1, 7)}/[$LATEST]${c.rng.hex(32)}` } }) },
  { source: LOGS, name: 'DescribeLogGroups', w: 3, ro: true, who: { h: 1, a: 1, s: 1 }, f: (c) => ({ q: c.rng.chance(0.5) ? { logGroupNamePrefix: '/aws/lambda/', limit: drift(c.rng, 50) } : null }) },
  { source: LOGS, name: 'DescribeLogStreams', w: 2, ro: true, who: { h: 1, a: 1 }, f: (c) => ({ q: { logGroupName: logGroup(c), orderBy: 'LastEventTime', descending: true, limit: drift(c.rng, 50) } }) },
  { source: LOGS, name: 'FilterLogEvents', w: 1, ro: true, who: { h: 1 }, f: (c) => ({ q: { logGroupName: logGroup(c), startTime: c.t - 3600_000, endTime: c.t, filterPattern: c.rng.pick(['ERROR', '"Task timed out"', '{ $.level = "error" }']), interleaved: true } }) },
  { source: LOGS, name: 'StartQuery', w: 0.3, ro: true, who: { h: 1 }, f: (c) => ({ q: { logGroupNames: [logGroup(c)], startTime: Math.floor(c.t / 1000) - 86400, endTime: Math.floor(c.t / 1000), queryString: 'fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20' }, r: { queryId: c.rng.uuid() } }) },
  { source: LOGS, name: 'PutRetentionPolicy', w: 0.1, ro: false, who: { a: 1 }, f: (c) => ({ q: { logGroupName: logGroup(c), retentionInDays: c.rng.pick([14, 30, 90, 365]) } }) },
  { source: 'monitoring.amazonaws.com', name: 'GetMetricData', w: 6, ro: true, who: { h: 1, a: 1, s: 2 }, apiVersion: '2010-08-01', f: (c) => ({ q: { metricDataQueries: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: [{ name: 'FunctionName', value: c.rng.pick(c.acct.functions) }] }, period: 300, stat: 'Sum' }, returnData: true }], startTime: awsIso(c.t - 10800_000), endTime: awsIso(c.t), maxDatapoints: drift(c.rng, 1440) } }) },
  { source: 'monitoring.amazonaws.com', name: 'DescribeAlarms', w: 4, ro: true, who: { h: 1, a: 1, s: 1 }, apiVersion: '2010-08-01', f: (c) => ({ q: c.rng.chance(0.5) ? { alarmNamePrefix: 'orders-', maxRecords: drift(c.rng, 100) } : null }) },
  { source: 'monitoring.amazonaws.com', name: 'PutMetricAlarm', w: 0.15, ro: false, who: { a: 1 }, apiVersion: '2010-08-01', f: (c) => ({ q: { alarmName: `orders-${c.rng.pick(['5xx', 'latency', 'dlq-depth'])}`, metricName: 'HTTPCode_Target_5XX_Count', namespace: 'AWS/ApplicationELB', statistic: 'Sum', period: 60, evaluationPeriods: 5, threshold: 10.0, comparisonOperator: 'GreaterThanThreshold', alarmActions: [arnOf(c, 'sns', 'oncall')], treatMissingData: 'notBreaching' } }) },

  // ---- CloudTrail and Config (audit plumbing)
  { source: CT, name: 'DescribeTrails', w: 1.5, ro: true, who: { s: 1, h: 1 }, f: () => ({ q: { includeShadowTrails: true } }) },
  { source: CT, name: 'GetTrailStatus', w: 1.5, ro: true, who: { s: 1, h: 1 }, f: (c) => ({ q: { name: arnOf(c, 'cloudtrail', `trail/${c.rng.pick(c.acct.trails)}`) } }) },
  { source: CT, name: 'GetEventSelectors', w: 0.8, ro: true, who: { s: 1 }, f: (c) => ({ q: { trailName: c.rng.pick(c.acct.trails) } }) },
  { source: CT, name: 'LookupEvents', w: 1, ro: true, who: { h: 1, a: 1 }, f: (c) => ({ q: { maxResults: drift(c.rng, 50), lookupAttributes: [{ attributeKey: 'EventName', attributeValue: c.rng.pick(['ConsoleLogin', 'RunInstances', 'DeleteBucket']) }] } }) },
  { source: 'config.amazonaws.com', name: 'PutEvaluations', w: 4, ro: false, who: { p: 1 }, only: ['config-rule-tagging-role'], f: (c) => ({ q: { evaluations: [{ complianceResourceType: 'AWS::EC2::Instance', complianceResourceId: c.rng.pick(c.acct.instances), complianceType: c.rng.pick(['COMPLIANT', 'NON_COMPLIANT']), orderingTimestamp: new Date(c.t).toISOString() }], resultToken: base64ish(c.rng, 240), testMode: false }, r: { failedEvaluations: [] } }) },
  { source: 'config.amazonaws.com', name: 'DescribeConfigRules', w: 0.8, ro: true, who: { h: 1, s: 1 }, f: () => ({ q: null }) },
  { source: 'config.amazonaws.com', name: 'DescribeConfigurationRecorderStatus', w: 0.8, ro: true, who: { s: 1, h: 1 }, f: () => ({ q: { configurationRecorderNames: [] } }) },
  {
    source: 'secretsmanager.amazonaws.com', name: 'RotationSucceeded', w: 0.05, ro: false, who: { s: 1 }, eventType: 'AwsServiceEvent', reqId: 'none',
    f: (c) => ({ x: { SecretId: arnOf(c, 'secretsmanager', `secret:${c.rng.pick(c.acct.secrets)}-${c.rng.alnum(6)}`) } }),
  },
];

/** ISO-8601 with millis, the format some services echo back for timestamps. */
function awsIso(ms: number): string {
  return new Date(ms).toISOString();
}
