// The sample tree's story (2024-03-01..05, accounts 111122223333 "prod" and
// 444455556666 "security"). The seed documents and tests query for these:
//   03-01  console logins (MFA yes/no, one failure, a root login in the
//          security account); alice creates IAM user svc-reporting with an
//          access key; the DynamoDB table Users is created by hand, an
//          UpdateTable fails with ValidationException, the app starts using it;
//          alice creates the org-trail and turns on log file validation.
//   03-02  CI deploys the orders-service stack: resources created by
//          CloudFormation, next to a few created by hand and by the
//          Auto Scaling service-linked role.
//   03-03  erin's key goes rogue: recon, AdministratorAccess, SSH open to the
//          world, a burst of RunInstances (the Insights event), StopLogging,
//          ScheduleKeyDeletion, a bucket made public and read anonymously.
//   03-04  alice responds, then audits the security account via a
//          cross-account AssumeRole (same sharedEventID in both accounts).
//   03-05  business as usual.

import { consoleLogin } from './catalog-identity.js';
import { ingressRule } from './catalog-compute.js';
import { bucketRes, s3Extra, s3Host } from './catalog-storage.js';
import type { Ctx, Parts } from './catalog-types.js';
import { awsDate, policyDoc, res, sessionToken, tags } from './catalog-types.js';
import { roleArn } from './identity.js';
import type { Script } from './story-kit.js';
import type { Account } from './world.js';
import { S } from './story-apis.js';

const E1 = 'us-east-1';
const W2 = 'us-west-2';

const ddbTableRes = (c: Ctx, table: string) => [res(c.acct.id, 'AWS::DynamoDB::Table', `arn:aws:dynamodb:${c.region}:${c.acct.id}:table/${table}`)];
const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

function usersTable(c: Ctx): Parts {
  const keySchema = [{ attributeName: 'userId', keyType: 'HASH' }];
  const attributeDefinitions = [{ attributeName: 'userId', attributeType: 'S' }];
  const tableArn = `arn:aws:dynamodb:${c.region}:${c.acct.id}:table/Users`;
  return {
    q: { tableName: 'Users', attributeDefinitions, keySchema, billingMode: 'PAY_PER_REQUEST', sSESpecification: { enabled: true }, deletionProtectionEnabled: false, tags: tags({ app: 'orders' }) },
    r: { tableDescription: { attributeDefinitions, tableName: 'Users', keySchema, tableStatus: 'CREATING', creationDateTime: awsDate(c.t), provisionedThroughput: { numberOfDecreasesToday: 0, readCapacityUnits: 0, writeCapacityUnits: 0 }, tableSizeBytes: 0, itemCount: 0, tableArn, tableId: c.rng.uuid(), billingModeSummary: { billingMode: 'PAY_PER_REQUEST' }, deletionProtectionEnabled: false } },
    res: ddbTableRes(c, 'Users'),
  };
}

const userItem = (c: Ctx): Parts => ({ q: { tableName: 'Users', key: { userId: HIDDEN } }, res: ddbTableRes(c, 'Users') });

function s3Object(c: Ctx, bucket: string, key: string, bytesOut: number): Parts {
  return {
    q: { bucketName: bucket, Host: s3Host(c, bucket), key },
    x: s3Extra(c, 0, bytesOut),
    res: [res(undefined, 'AWS::S3::Object', `arn:aws:s3:::${bucket}/${key}`), bucketRes(c.acct.id, bucket)],
  };
}

function bucketParts(c: Ctx, bucket: string, q: Record<string, unknown>): Parts {
  return { q: { bucketName: bucket, Host: s3Host(c, bucket), ...q }, x: s3Extra(c, 0, 0), res: [bucketRes(c.acct.id, bucket)] };
}

function pab(block: boolean): Record<string, unknown> {
  return { publicAccessBlock: '', PublicAccessBlockConfiguration: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', RestrictPublicBuckets: block, BlockPublicPolicy: block, BlockPublicAcls: block, IgnorePublicAcls: block } };
}

function trail(c: Ctx, name: string, extra: Record<string, unknown> = {}): Parts {
  const arn = `arn:aws:cloudtrail:${c.region}:${c.acct.id}:trail/${name}`;
  return { q: { name: arn, ...extra }, res: [res(c.acct.id, 'AWS::CloudTrail::Trail', arn)] };
}

function createUser(c: Ctx, userName: string): Parts {
  return { q: { userName, tags: tags({ purpose: 'reporting' }) }, r: { user: { path: '/', userName, userId: 'AIDA' + c.rng.upper(17), arn: `arn:aws:iam::${c.acct.id}:user/${userName}`, createDate: awsDate(c.t), tags: tags({ purpose: 'reporting' }) } } };
}

function assume(c: Ctx, target: string, role: string, session: string): Parts {
  const arn = roleArn(target, '/', role);
  return {
    q: { roleArn: arn, roleSessionName: session, durationSeconds: 3600 },
    r: { credentials: { accessKeyId: 'ASIA' + c.rng.upper(16), sessionToken: sessionToken(c.rng), expiration: awsDate(c.t + 3600_000) }, assumedRoleUser: { assumedRoleId: `AROA${c.rng.upper(17)}:${session}`, arn: `arn:aws:sts::${target}:assumed-role/${role}/${session}` } },
    res: [res(target, 'AWS::IAM::Role', arn)],
  };
}

export function writeStory(sc: Script, A: Account, B: Account): void {
  // ---------------------------------------------------------------- 03-01
  sc.call({ at: '03-01 07:45:12', acct: B, region: E1, as: 'root', api: S.ConsoleLogin, parts: (c) => consoleLogin(c, true, true) });
  sc.call({ at: '03-01 07:47:40', acct: B, region: E1, as: 'root', api: S.GetAccountSummary, parts: {} });
  sc.call({ at: '03-01 08:58:03', acct: A, region: E1, as: 'alice', api: S.ConsoleLogin, parts: (c) => consoleLogin(c, true, true) });
  sc.call({ at: '03-01 09:02:31', acct: A, region: E1, as: 'bob', api: S.ConsoleLogin, parts: (c) => consoleLogin(c, false, false), error: { message: 'Failed authentication' } });
  sc.call({ at: '03-01 09:03:05', acct: A, region: E1, as: 'bob', api: S.ConsoleLogin, parts: (c) => consoleLogin(c, false, true) });
  sc.call({ at: '03-01 09:10:44', acct: A, region: E1, as: 'alice', api: S.CreateUser, parts: (c) => createUser(c, 'svc-reporting') });
  sc.call({ at: '03-01 09:12:09', acct: A, region: E1, as: 'alice', api: S.CreateAccessKey, parts: (c) => ({ q: { userName: 'svc-reporting' }, r: { accessKey: { userName: 'svc-reporting', accessKeyId: 'AKIA' + c.rng.upper(16), status: 'Active', createDate: awsDate(c.t) } } }) });
  sc.call({ at: '03-01 09:13:30', acct: A, region: E1, as: 'alice', api: S.AttachUserPolicy, parts: { q: { userName: 'svc-reporting', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } });
  sc.call({ at: '03-01 09:30:12', acct: A, region: W2, as: 'alice', api: S.CreateTable, parts: usersTable });
  sc.call({ at: '03-01 09:31:02', acct: A, region: W2, as: 'alice', api: S.DescribeTable, parts: (c) => ({ q: { tableName: 'Users' }, res: ddbTableRes(c, 'Users') }) });
  sc.call({ at: '03-01 09:44:10', acct: A, region: W2, as: 'bob', api: S.ListTables, parts: {} });
  sc.call({
    at: '03-01 09:45:21', acct: A, region: W2, as: 'bob', api: S.UpdateTable,
    parts: (c) => ({ q: { tableName: 'Users', billingMode: 'PROVISIONED' }, res: ddbTableRes(c, 'Users') }),
    error: { code: 'ValidationException', message: 'One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED' },
  });
  sc.call({ at: '03-01 09:47:55', acct: A, region: W2, as: 'bob', api: S.DescribeTable, parts: (c) => ({ q: { tableName: 'Users' }, res: ddbTableRes(c, 'Users') }) });
  sc.repeat(6, 41, { at: '03-01 10:05:03', acct: A, region: W2, as: 'orders-api-lambda-role', api: S.PutItem, parts: userItem });
  sc.repeat(10, 23, { at: '03-01 10:06:10', acct: A, region: W2, as: 'orders-api-lambda-role', api: S.GetItem, parts: userItem });
  const bucketA = `acme-cloudtrail-archive-${A.id.slice(-4)}`;
  sc.call({ at: '03-01 11:00:20', acct: A, region: E1, as: 'alice', api: S.CreateTrail, parts: (c) => ({ q: { name: 'org-trail', s3BucketName: bucketA, isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: false, isOrganizationTrail: false }, r: { name: 'org-trail', s3BucketName: bucketA, includeGlobalServiceEvents: true, isMultiRegionTrail: true, trailARN: `arn:aws:cloudtrail:${c.region}:${c.acct.id}:trail/org-trail`, logFileValidationEnabled: false, isOrganizationTrail: false } }) });
  sc.call({ at: '03-01 11:01:02', acct: A, region: E1, as: 'alice', api: S.StartLogging, parts: (c) => trail(c, 'org-trail') });
  sc.call({ at: '03-01 11:05:47', acct: A, region: E1, as: 'alice', api: S.UpdateTrail, parts: (c) => ({ ...trail(c, 'org-trail', { enableLogFileValidation: true, kmsKeyId: 'alias/cloudtrail' }), r: { name: 'org-trail', s3BucketName: bucketA, includeGlobalServiceEvents: true, isMultiRegionTrail: true, trailARN: `arn:aws:cloudtrail:${c.region}:${c.acct.id}:trail/org-trail`, logFileValidationEnabled: true, kmsKeyId: `arn:aws:kms:${c.region}:${c.acct.id}:key/${A.keys[0]}`, isOrganizationTrail: false } }) });

  // ---------------------------------------------------------------- 03-02
  writeDeploy(sc, A);

  // ---------------------------------------------------------------- 03-03
  writeIncident(sc, A);

  // ---------------------------------------------------------------- 03-04
  writeResponse(sc, A, B);

  // ---------------------------------------------------------------- 03-05
  sc.repeat(8, 37, { at: '03-05 11:20:00', acct: A, region: W2, as: 'orders-api-lambda-role', api: S.GetItem, parts: userItem });
  sc.repeat(3, 60, { at: '03-05 11:21:30', acct: A, region: W2, as: 'orders-api-lambda-role', api: S.PutItem, parts: userItem });
  sc.call({ at: '03-05 15:02:11', acct: A, region: E1, as: 'AWSServiceRoleForAutoScaling', api: S.TerminateInstances, parts: (c) => ({ q: { instancesSet: { items: [{ instanceId: A.instances[3] }] } }, r: { requestId: c.rng.uuid(), instancesSet: { items: [{ instanceId: A.instances[3], currentState: { code: 32, name: 'shutting-down' }, previousState: { code: 16, name: 'running' } }] } } }) });
}

function writeDeploy(sc: Script, A: Account): void {
  const cfn = 'CloudFormationExecutionRole';
  const stackId = `arn:aws:cloudformation:${E1}:${A.id}:stack/orders-service/0f4e6a10-d7b1-11ee-9a3c-0a1b2c3d4e5f`;
  sc.call({ at: '03-02 10:00:04', acct: A, region: E1, as: 'GitHubActionsDeploy', api: S.CreateStack, parts: (c) => ({ q: { stackName: 'orders-service', templateURL: `https://s3.amazonaws.com/${c.acct.buckets[0]}/templates/orders-service.yaml`, capabilities: ['CAPABILITY_NAMED_IAM'], roleARN: roleArn(c.acct.id, '/', cfn), parameters: [{ parameterKey: 'Env', parameterValue: 'prod' }], tags: tags({ team: 'orders' }) }, r: { stackId } }) });
  const roleName = 'orders-service-ApiRole-1Q2W3E4R5T6Y';
  sc.call({ at: '03-02 10:00:31', acct: A, region: E1, as: cfn, api: S.CreateRole, parts: (c) => { const arn = roleArn(c.acct.id, '/', roleName); const trust = policyDoc(['sts:AssumeRole'], '*', 'lambda.amazonaws.com'); return { q: { roleName, assumeRolePolicyDocument: trust, tags: tags({ 'aws:cloudformation:stack-name': 'orders-service' }) }, r: { role: { path: '/', roleName, roleId: 'AROA' + c.rng.upper(17), arn, createDate: awsDate(c.t), assumeRolePolicyDocument: encodeURIComponent(trust) } }, res: [res(c.acct.id, 'AWS::IAM::Role', arn)] }; } });
  sc.call({ at: '03-02 10:00:52', acct: A, region: E1, as: cfn, api: S.PutRolePolicy, parts: (c) => ({ q: { roleName, policyName: 'orders-data', policyDocument: policyDoc(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], `arn:aws:dynamodb:*:${c.acct.id}:table/Users`) } }) });
  sc.call({ at: '03-02 10:01:15', acct: A, region: E1, as: cfn, api: S.CreateQueue, parts: (c) => ({ q: { queueName: 'orders-events', attributes: { VisibilityTimeout: '60', MessageRetentionPeriod: '345600' }, tags: { 'aws:cloudformation:stack-name': 'orders-service' } }, r: { queueUrl: `https://sqs.${c.region}.amazonaws.com/${c.acct.id}/orders-events` } }) });
  sc.call({ at: '03-02 10:01:20', acct: A, region: E1, as: cfn, api: S.CreateLogGroup, parts: { q: { logGroupName: '/aws/lambda/orders-api', tags: { 'aws:cloudformation:stack-name': 'orders-service' } } } });
  sc.call({ at: '03-02 10:01:48', acct: A, region: E1, as: cfn, api: S.CreateBucket, parts: (c) => bucketParts(c, `acme-orders-artifacts-${A.id.slice(-4)}`, { CreateBucketConfiguration: { LocationConstraint: 'us-east-1', xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' } }) });
  sc.call({ at: '03-02 10:02:30', acct: A, region: E1, as: cfn, api: S.CreateTable, parts: (c) => ({ q: { tableName: 'Carts', attributeDefinitions: [{ attributeName: 'cartId', attributeType: 'S' }], keySchema: [{ attributeName: 'cartId', keyType: 'HASH' }], billingMode: 'PAY_PER_REQUEST' }, r: { tableDescription: { tableName: 'Carts', tableStatus: 'CREATING', tableArn: `arn:aws:dynamodb:${c.region}:${c.acct.id}:table/Carts`, tableId: c.rng.uuid(), creationDateTime: awsDate(c.t) } }, res: ddbTableRes(c, 'Carts') }) });
  sc.call({ at: '03-02 10:03:05', acct: A, region: E1, as: cfn, api: S.CreateFunction, parts: (c) => ({ q: { functionName: 'orders-api', runtime: 'nodejs20.x', role: roleArn(c.acct.id, '/', roleName), handler: 'index.handler', code: {}, timeout: 30, memorySize: 512, publish: false }, r: { functionName: 'orders-api', functionArn: `arn:aws:lambda:${c.region}:${c.acct.id}:function:orders-api`, runtime: 'nodejs20.x', role: roleArn(c.acct.id, '/', roleName), handler: 'index.handler', codeSize: 48213, timeout: 30, memorySize: 512, version: '$LATEST', state: 'Pending', packageType: 'Zip', architectures: ['x86_64'] } }) });
  sc.repeat(4, 45, { at: '03-02 10:00:40', acct: A, region: E1, as: 'GitHubActionsDeploy', api: S.DescribeStacks, parts: { q: { stackName: 'orders-service' } } });
  // By hand, for contrast.
  sc.call({ at: '03-02 11:15:09', acct: A, region: E1, as: 'alice', api: S.CreateBucket, parts: (c) => bucketParts(c, `acme-scratch-${A.id.slice(-4)}`, {}) });
  sc.call({ at: '03-02 11:20:41', acct: A, region: E1, as: 'bob', api: S.CreateSecurityGroup, parts: (c) => ({ q: { groupName: 'bob-test', groupDescription: 'testing', vpcId: A.vpcs[0] }, r: { requestId: c.rng.uuid(), _return: true, groupId: 'sg-0' + c.rng.hex(16) } }) });
  sc.call({ at: '03-02 11:22:03', acct: A, region: E1, as: 'bob', api: S.CreateQueue, parts: (c) => ({ q: { queueName: 'bob-manual-test' }, r: { queueUrl: `https://sqs.${c.region}.amazonaws.com/${c.acct.id}/bob-manual-test` } }) });
  // By the Auto Scaling service-linked role.
  sc.repeat(2, 20, { at: '03-02 13:40:00', acct: A, region: E1, as: 'AWSServiceRoleForAutoScaling', api: S.RunInstances, parts: (c) => runParts(c, 't3.large') });
  sc.repeat(2, 20, { at: '03-02 13:40:05', acct: A, region: E1, as: 'AWSServiceRoleForAutoScaling', api: S.CreateTags, parts: (c) => ({ q: { resourcesSet: { items: [{ resourceId: A.instances[1] }] }, tagSet: { items: [{ key: 'aws:autoscaling:groupName', value: 'web-asg' }] } }, r: { requestId: c.rng.uuid(), _return: true } }) });
  sc.call({ at: '03-02 14:05:00', acct: A, region: E1, as: 'bob', api: S.AssumeRole, parts: (c) => assume(c, A.id, 'ReadOnlyAuditor', 'bob-cli') });
}

function runParts(c: Ctx, instanceType: string): Parts {
  const id = 'i-0' + c.rng.hex(16);
  return {
    q: { instancesSet: { items: [{ imageId: c.acct.amis[0], minCount: 1, maxCount: 1 }] }, instanceType, blockDeviceMapping: {}, monitoring: { enabled: false }, disableApiTermination: false, clientToken: c.rng.uuid() },
    r: { requestId: c.rng.uuid(), reservationId: 'r-0' + c.rng.hex(16), ownerId: c.acct.id, groupSet: {}, instancesSet: { items: [{ instanceId: id, imageId: c.acct.amis[0], instanceState: { code: 0, name: 'pending' }, instanceType, launchTime: c.t, placement: { availabilityZone: c.region + 'a', tenancy: 'default' }, subnetId: c.acct.subnets[0], vpcId: c.acct.vpcs[0], architecture: 'x86_64' }] } },
    res: [res(c.acct.id, 'AWS::EC2::Instance', `arn:aws:ec2:${c.region}:${c.acct.id}:instance/${id}`)],
  };
}

export const ROGUE_IP = '185.220.101.47';

function writeIncident(sc: Script, A: Account): void {
  const rogue = { acct: A, region: E1, as: 'erin', sourceIPAddress: ROGUE_IP } as const;
  const bucket = `acme-uploads-${A.id.slice(-4)}`;
  sc.call({ ...rogue, at: '03-03 14:00:05', api: S.GetCallerIdentity, parts: {} });
  sc.call({ ...rogue, at: '03-03 14:00:40', api: S.ListBuckets, parts: (c) => ({ q: { Host: 's3.amazonaws.com' }, x: s3Extra(c, 0, 2231) }) });
  // Recon hits permission walls first...
  sc.call({ ...rogue, at: '03-03 14:00:52', api: S.DescribeInstances, parts: { q: { instancesSet: {}, filterSet: {} } }, error: { code: 'Client.UnauthorizedOperation', message: 'You are not authorized to perform this operation. User: arn:aws:iam::' + A.id + ':user/erin is not authorized to perform: ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action' } });
  sc.call({ ...rogue, at: '03-03 14:00:58', api: S.ListSecrets, parts: { q: { maxResults: '100' } }, error: { code: 'AccessDeniedException', message: 'User: arn:aws:iam::' + A.id + ':user/erin is not authorized to perform: secretsmanager:ListSecrets because no identity-based policy allows the secretsmanager:ListSecrets action' } });
  sc.call({ ...rogue, at: '03-03 14:01:10', api: S.ListUsers, parts: {} });
  // ...then escalates.

  sc.call({ ...rogue, at: '03-03 14:01:30', api: S.AttachUserPolicy, parts: { q: { userName: 'erin', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } } });
  sc.call({ ...rogue, at: '03-03 14:02:02', api: S.AuthorizeSecurityGroupIngress, parts: (c) => ({ q: { groupId: A.securityGroups[0], ipPermissions: { items: [ingressRule(22, '0.0.0.0/0')] } }, r: { requestId: c.rng.uuid(), _return: true, securityGroupRuleSet: { items: [{ groupOwnerId: A.id, groupId: A.securityGroups[0], securityGroupRuleId: 'sgr-0' + c.rng.hex(16), isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }] } } }) });
  sc.repeat(12, 25, { ...rogue, at: '03-03 14:03:10', api: S.RunInstances, parts: (c) => runParts(c, 'c7g.16xlarge') });
  sc.call({ ...rogue, at: '03-03 14:10:15', api: S.StopLogging, parts: (c) => trail(c, 'org-trail') });
  sc.call({ ...rogue, at: '03-03 14:12:40', api: S.ScheduleKeyDeletion, parts: (c) => { const arn = `arn:aws:kms:${c.region}:${A.id}:key/${A.keys[0]}`; return { q: { keyId: arn, pendingWindowInDays: 7 }, r: { keyId: arn, deletionDate: awsDate(c.t + 7 * 86400_000), keyState: 'PendingDeletion', pendingWindowInDays: 7 }, res: [res(A.id, 'AWS::KMS::Key', arn)] }; } });
  sc.call({ ...rogue, at: '03-03 14:15:03', api: S.PutBucketPublicAccessBlock, parts: (c) => bucketParts(c, bucket, pab(false)) });
  sc.call({ ...rogue, at: '03-03 14:16:20', api: S.PutBucketPolicy, parts: (c) => bucketParts(c, bucket, { bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] }, policy: '' }) });
  const anon = { type: 'AWSAccount', principalId: '', accountId: 'anonymous' };
  ['users/10482/avatar-3fa9c2d1e0.jpg', 'users/20911/avatar-9b8e7d6c5a.jpg', 'exports/customers-2024-02.csv', 'exports/orders-2024-02.csv'].forEach((key, i) => {
    sc.call({ acct: A, region: E1, as: 'bob', at: `03-03 14:3${i}:1${i}`, api: S.GetObject, parts: (c) => s3Object(c, bucket, key, 48_000 + i * 91_337), identity: anon, sourceIPAddress: i < 2 ? '45.155.205.99' : ROGUE_IP, userAgent: 'curl/8.4.0' });
  });
  // Legitimate reads of the same bucket by the app, for contrast.
  sc.call({ acct: A, region: E1, as: 'thumbnailer-lambda-role', at: '03-03 15:02:44', api: S.GetObject, parts: (c) => s3Object(c, bucket, 'users/10482/avatar-3fa9c2d1e0.jpg', 48_000) });
}

function writeResponse(sc: Script, A: Account, B: Account): void {
  const al = { acct: A, region: E1, as: 'alice' } as const;
  const bucket = `acme-uploads-${A.id.slice(-4)}`;
  sc.call({ ...al, at: '03-04 09:00:10', api: S.ConsoleLogin, parts: (c) => consoleLogin(c, true, true) });
  sc.call({ ...al, at: '03-04 09:05:31', api: S.StartLogging, parts: (c) => trail(c, 'org-trail') });
  sc.call({ ...al, at: '03-04 09:06:02', api: S.CancelKeyDeletion, parts: (c) => { const arn = `arn:aws:kms:${c.region}:${A.id}:key/${A.keys[0]}`; return { q: { keyId: arn }, r: { keyId: arn }, res: [res(A.id, 'AWS::KMS::Key', arn)] }; } });
  sc.call({ ...al, at: '03-04 09:08:15', api: S.PutBucketPublicAccessBlock, parts: (c) => bucketParts(c, bucket, pab(true)) });
  sc.call({ ...al, at: '03-04 09:08:50', api: S.DeleteBucketPolicy, parts: (c) => bucketParts(c, bucket, { policy: '' }) });
  sc.call({ ...al, at: '03-04 09:10:05', api: S.DetachUserPolicy, parts: { q: { userName: 'erin', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } } });
  sc.call({ ...al, at: '03-04 09:10:40', api: S.DeleteAccessKey, parts: (c) => ({ q: { userName: 'erin', accessKeyId: (c.acct.byName.get('erin')?.accessKeyId ?? '') } }) });
  sc.call({ ...al, at: '03-04 09:12:30', api: S.TerminateInstances, parts: (c) => ({ q: { instancesSet: { items: [{ instanceId: 'i-0' + c.rng.hex(16) }, { instanceId: 'i-0' + c.rng.hex(16) }] } }, r: { requestId: c.rng.uuid() } }) });
  sc.call({ ...al, at: '03-04 09:13:02', api: S.RevokeSecurityGroupIngress, parts: (c) => ({ q: { groupId: A.securityGroups[0], ipPermissions: { items: [ingressRule(22, '0.0.0.0/0')] } }, r: { requestId: c.rng.uuid(), _return: true } }) });
  // Cross-account: logged in both accounts with one sharedEventID and requestID.
  const shared = { sharedEventID: sc.rng.uuid(), requestID: sc.rng.uuid() };
  const parts = assume({ rng: sc.rng, world: sc.world, acct: A, region: E1, t: Date.parse('2024-03-04T09:20:00Z'), actor: sc.actor(A, 'alice') }, B.id, 'SecurityAuditRole', 'alice');
  const mine = sc.call({ ...al, at: '03-04 09:20:00', api: S.AssumeRole, parts, ...shared });
  sc.call({
    acct: B, region: E1, as: 'SecurityAuditRole', at: '03-04 09:20:00', api: S.AssumeRole, parts, ...shared,
    // The role owner's copy only knows the calling account, but sees the same request.
    identity: { type: 'AWSAccount', principalId: sc.actor(A, 'alice').principalId, accountId: A.id },
    sourceIPAddress: String(mine.sourceIPAddress),
    userAgent: String(mine.userAgent),
  });
  const audit = { acct: B, region: E1, as: 'SecurityAuditRole' } as const;
  sc.call({ ...audit, at: '03-04 09:21:10', api: S.LookupEvents, parts: { q: { maxResults: 50, lookupAttributes: [{ attributeKey: 'Username', attributeValue: 'erin' }] } } });
  sc.call({ ...audit, at: '03-04 09:22:40', api: S.ListUsers, parts: {} });
  sc.call({ ...audit, at: '03-04 09:24:02', api: S.GetTrailStatus, parts: (c) => ({ q: { name: `arn:aws:cloudtrail:${c.region}:${B.id}:trail/management-events` } }) });
}

