// APIs the sample story calls, declared once with their service quirks
// (global endpoints, requestID styles, data-event flags, API versions).

import { api } from './story-kit.js';

const IAM = { global: true, host: 'iam.amazonaws.com' } as const;
const DDB = { apiVersion: '2012-08-10', eventVersion: '1.08', reqId: 'ddb' } as const;
const S3 = { reqId: 's3', eventVersion: '1.09' } as const;
const S3_DATA = { reqId: 's3', eventVersion: '1.10', data: true } as const;

export const S = {
  ConsoleLogin: api('signin.amazonaws.com', 'ConsoleLogin', { eventType: 'AwsConsoleSignIn', host: 'signin.aws.amazon.com', global: true, ro: false }),
  GetAccountSummary: api('iam.amazonaws.com', 'GetAccountSummary', IAM),
  CreateUser: api('iam.amazonaws.com', 'CreateUser', IAM),
  CreateAccessKey: api('iam.amazonaws.com', 'CreateAccessKey', IAM),
  DeleteAccessKey: api('iam.amazonaws.com', 'DeleteAccessKey', IAM),
  AttachUserPolicy: api('iam.amazonaws.com', 'AttachUserPolicy', IAM),
  DetachUserPolicy: api('iam.amazonaws.com', 'DetachUserPolicy', IAM),
  CreateRole: api('iam.amazonaws.com', 'CreateRole', IAM),
  PutRolePolicy: api('iam.amazonaws.com', 'PutRolePolicy', IAM),
  ListUsers: api('iam.amazonaws.com', 'ListUsers', IAM),
  AssumeRole: api('sts.amazonaws.com', 'AssumeRole', { ro: true }),
  GetCallerIdentity: api('sts.amazonaws.com', 'GetCallerIdentity', { ro: true }),
  CreateTable: api('dynamodb.amazonaws.com', 'CreateTable', DDB),
  UpdateTable: api('dynamodb.amazonaws.com', 'UpdateTable', DDB),
  DescribeTable: api('dynamodb.amazonaws.com', 'DescribeTable', DDB),
  ListTables: api('dynamodb.amazonaws.com', 'ListTables', DDB),
  PutItem: api('dynamodb.amazonaws.com', 'PutItem', { ...DDB, data: true, ro: false }),
  GetItem: api('dynamodb.amazonaws.com', 'GetItem', { ...DDB, data: true, ro: true }),
  CreateTrail: api('cloudtrail.amazonaws.com', 'CreateTrail'),
  UpdateTrail: api('cloudtrail.amazonaws.com', 'UpdateTrail'),
  StartLogging: api('cloudtrail.amazonaws.com', 'StartLogging'),
  StopLogging: api('cloudtrail.amazonaws.com', 'StopLogging'),
  LookupEvents: api('cloudtrail.amazonaws.com', 'LookupEvents', { ro: true }),
  GetTrailStatus: api('cloudtrail.amazonaws.com', 'GetTrailStatus', { ro: true }),
  CreateStack: api('cloudformation.amazonaws.com', 'CreateStack'),
  DescribeStacks: api('cloudformation.amazonaws.com', 'DescribeStacks'),
  CreateQueue: api('sqs.amazonaws.com', 'CreateQueue', { eventVersion: '1.09' }),
  CreateLogGroup: api('logs.amazonaws.com', 'CreateLogGroup'),
  CreateFunction: api('lambda.amazonaws.com', 'CreateFunction20150331', { apiVersion: '2015-03-31' }),
  CreateBucket: api('s3.amazonaws.com', 'CreateBucket', S3),
  PutBucketPolicy: api('s3.amazonaws.com', 'PutBucketPolicy', S3),
  DeleteBucketPolicy: api('s3.amazonaws.com', 'DeleteBucketPolicy', S3),
  PutBucketPublicAccessBlock: api('s3.amazonaws.com', 'PutBucketPublicAccessBlock', S3),
  ListBuckets: api('s3.amazonaws.com', 'ListBuckets', { ...S3, host: 's3.amazonaws.com' }),
  GetObject: api('s3.amazonaws.com', 'GetObject', { ...S3_DATA, ro: true }),
  RunInstances: api('ec2.amazonaws.com', 'RunInstances'),
  DescribeInstances: api('ec2.amazonaws.com', 'DescribeInstances'),
  ListSecrets: api('secretsmanager.amazonaws.com', 'ListSecrets'),
  TerminateInstances: api('ec2.amazonaws.com', 'TerminateInstances'),
  CreateTags: api('ec2.amazonaws.com', 'CreateTags'),
  CreateSecurityGroup: api('ec2.amazonaws.com', 'CreateSecurityGroup'),
  AuthorizeSecurityGroupIngress: api('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress'),
  RevokeSecurityGroupIngress: api('ec2.amazonaws.com', 'RevokeSecurityGroupIngress'),
  ScheduleKeyDeletion: api('kms.amazonaws.com', 'ScheduleKeyDeletion'),
  CancelKeyDeletion: api('kms.amazonaws.com', 'CancelKeyDeletion'),
};
