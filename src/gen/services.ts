/** Event sources (service endpoints) the generator writes, named once for every catalog module. */
export const CFN = 'cloudformation.amazonaws.com';
export const CT = 'cloudtrail.amazonaws.com';
export const DDB = 'dynamodb.amazonaws.com';
export const EC2 = 'ec2.amazonaws.com';
export const IAM = 'iam.amazonaws.com';
export const KMS = 'kms.amazonaws.com';
export const LAMBDA = 'lambda.amazonaws.com';
export const LOGS = 'logs.amazonaws.com';
export const S3 = 's3.amazonaws.com';
export const SIGNIN = 'signin.amazonaws.com';
export const SM = 'secretsmanager.amazonaws.com';
export const SQS = 'sqs.amazonaws.com';
export const SSM = 'ssm.amazonaws.com';
export const STS = 'sts.amazonaws.com';
