// Catalog: identity and secrets services (IAM, STS, sign-in, KMS,
// Secrets Manager, SSM). Weights approximate a busy production account where
// credential vending and key use dwarf configuration changes.

import type { Ctx, Parts, Template } from './catalog-types.js';
import { arnOf, awsDate, drift, policyDoc, res, sessionToken, tags } from './catalog-types.js';
import { roleArn } from './identity.js';
import { IAM, KMS, SIGNIN, SM, SSM, STS } from './services.js';


const iamRole = (c: Ctx): { name: string; arn: string } => {
  const name = c.rng.pick(c.acct.roles);
  return { name, arn: roleArn(c.acct.id, '/', name) };
};
const iamUser = (c: Ctx): string => c.rng.pick(c.acct.users);
const managedPolicy = (c: Ctx): string =>
  c.rng.chance(0.6)
    ? `arn:aws:iam::aws:policy/${c.rng.pick(['ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AWSLambdaBasicExecutionRole', 'AmazonSSMManagedInstanceCore', 'PowerUserAccess'])}`
    : `arn:aws:iam::${c.acct.id}:policy/${c.rng.pick(['orders-data-access', 'ci-deploy', 'kms-decrypt-app', 'boundary-developers'])}`;

const iamRead = (name: string, w: number, f?: Template['f']): Template => ({
  source: IAM, name, w, ro: true, global: true, who: { h: 3, a: 3, s: 4 }, host: 'iam.amazonaws.com', f,
  errs: ['NoSuchEntityException'],
});
const iamWrite = (name: string, w: number, f: Template['f']): Template => ({
  source: IAM, name, w, ro: false, global: true, who: { h: 4, a: 5 }, host: 'iam.amazonaws.com', f,
  errs: ['NoSuchEntityException', 'EntityAlreadyExistsException', 'LimitExceededException'],
});

const keyArn = (c: Ctx): string => arnOf(c, 'kms', `key/${c.rng.pick(c.acct.keys)}`);
const keyRes = (c: Ctx, arn: string) => [res(c.acct.id, 'AWS::KMS::Key', arn)];

function kmsUse(c: Ctx, withKeySpec: boolean): Parts {
  const arn = keyArn(c);
  const r = c.rng.int(0, 3);
  const ec =
    r === 0 ? { 'aws:lambda:FunctionArn': arnOf(c, 'lambda', `function:${c.rng.pick(c.acct.functions)}`) }
    : r === 1 ? { SecretARN: arnOf(c, 'secretsmanager', `secret:${c.rng.pick(c.acct.secrets)}-${c.rng.alnum(6)}`), SecretVersionId: c.rng.uuid() }
    : r === 2 ? { 'aws:s3:arn': `arn:aws:s3:::${c.rng.pick(c.acct.buckets)}` }
    : { 'aws:ebs:id': `vol-0${c.rng.hex(16)}` };
  const via = c.actor.cls === 'p' && r === 1 ? 'secretsmanager.amazonaws.com' : undefined;
  const q: Record<string, unknown> = withKeySpec
    ? { keyId: arn, encryptionContext: ec, keySpec: 'AES_256' }
    : { encryptionContext: ec, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  return { q, res: keyRes(c, arn), via };
}

function assumeRole(c: Ctx): Parts {
  const role = iamRole(c);
  const session = c.actor.kind === 'AWSService' ? `${c.rng.pick(['', 'botocore-session-'])}${c.rng.int(1700000000, 1709999999)}` : `${c.actor.name.split('@')[0]}-${c.rng.hex(6)}`;
  return {
    q: { roleArn: role.arn, roleSessionName: session, durationSeconds: drift(c.rng, 3600) },
    r: {
      credentials: { accessKeyId: 'ASIA' + c.rng.upper(16), sessionToken: sessionToken(c.rng), expiration: awsDate(c.t + 3600_000) },
      assumedRoleUser: { assumedRoleId: `AROA${c.rng.upper(17)}:${session}`, arn: `arn:aws:sts::${c.acct.id}:assumed-role/${role.name}/${session}` },
    },
    res: [res(c.acct.id, 'AWS::IAM::Role', role.arn)],
  };
}

export const IDENTITY_TEMPLATES: Template[] = [
  // ---- STS: credential vending is the single biggest management event source.
  { source: STS, name: 'AssumeRole', w: 60, ro: true, who: { s: 6, a: 2, h: 1, p: 1 }, errs: ['AccessDenied'], f: assumeRole },
  {
    source: STS, name: 'AssumeRoleWithWebIdentity', w: 4, ro: true, who: { a: 1 }, errs: ['InvalidIdentityToken', 'ExpiredTokenException'],
    f: (c) => ({
      q: { roleArn: roleArn(c.acct.id, '/', 'GitHubActionsDeploy'), roleSessionName: 'GitHubActions', durationSeconds: 3600 },
      r: {
        credentials: { accessKeyId: 'ASIA' + c.rng.upper(16), sessionToken: sessionToken(c.rng), expiration: awsDate(c.t + 3600_000) },
        subjectFromWebIdentityToken: `repo:acme/${c.rng.pick(['orders', 'infra', 'data-pipeline'])}:ref:refs/heads/main`,
        assumedRoleUser: { assumedRoleId: `AROA${c.rng.upper(17)}:GitHubActions`, arn: `arn:aws:sts::${c.acct.id}:assumed-role/GitHubActionsDeploy/GitHubActions` },
        provider: `arn:aws:iam::${c.acct.id}:oidc-provider/token.actions.githubusercontent.com`,
        audience: 'sts.amazonaws.com',
      },
      x: { identityProviderConnectionVerificationMethod: 'IAMTrustStore' },
    }),
  },
  { source: STS, name: 'GetCallerIdentity', w: 12, ro: true, who: { h: 3, a: 4, p: 2 } },
  {
    source: STS, name: 'GetSessionToken', w: 0.5, ro: true, who: { h: 1 },
    f: (c) => ({ q: { durationSeconds: drift(c.rng, 43200) }, r: { credentials: { accessKeyId: 'ASIA' + c.rng.upper(16), sessionToken: sessionToken(c.rng), expiration: awsDate(c.t + 43200_000) } } }),
  },

  // ---- IAM (global: us-east-1 only). Reads by Config/Access Analyzer and IaC plans dominate.
  iamRead('GetRole', 8, (c) => ({ q: { roleName: iamRole(c).name } })),
  iamRead('ListRoles', 4, (c) => ({ q: c.rng.chance(0.5) ? { maxItems: drift(c.rng, 1000) } : null })),
  iamRead('ListAttachedRolePolicies', 5, (c) => ({ q: { roleName: iamRole(c).name } })),
  iamRead('ListRolePolicies', 3, (c) => ({ q: { roleName: iamRole(c).name } })),
  iamRead('GetPolicy', 4, (c) => ({ q: { policyArn: managedPolicy(c) } })),
  iamRead('GetPolicyVersion', 4, (c) => ({ q: { policyArn: managedPolicy(c), versionId: `v${c.rng.int(1, 9)}` } })),
  iamRead('ListUsers', 2, () => ({ q: null })),
  iamRead('GetUser', 2, (c) => ({ q: { userName: iamUser(c) } })),
  iamRead('ListAccessKeys', 2, (c) => ({ q: { userName: iamUser(c) } })),
  iamRead('ListMFADevices', 1, (c) => ({ q: { userName: iamUser(c) } })),
  iamRead('GetAccountAuthorizationDetails', 0.3, (c) => ({ q: { filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'], maxItems: drift(c.rng, 100) } })),
  iamWrite('CreateRole', 0.3, (c) => {
    const name = `${c.rng.pick(['orders', 'etl', 'reports', 'ci'])}-${c.rng.pick(['lambda', 'task', 'runner'])}-role-${c.rng.hex(4)}`;
    const trust = policyDoc(['sts:AssumeRole'], '*', c.rng.pick(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com']));
    const arn = roleArn(c.acct.id, '/', name);
    return {
      q: { roleName: name, assumeRolePolicyDocument: trust, description: 'Managed by Terraform', maxSessionDuration: drift(c.rng, 3600), tags: tags({ team: 'orders', env: 'prod' }) },
      // responseElements.role is an object here but a plain ARN string in Lambda responses.
      r: { role: { path: '/', roleName: name, roleId: 'AROA' + c.rng.upper(17), arn, createDate: awsDate(c.t), assumeRolePolicyDocument: encodeURIComponent(trust), tags: tags({ team: 'orders', env: 'prod' }) } },
      res: [res(c.acct.id, 'AWS::IAM::Role', arn)],
    };
  }),
  iamWrite('AttachRolePolicy', 0.4, (c) => ({ q: { roleName: iamRole(c).name, policyArn: managedPolicy(c) } })),
  iamWrite('PutRolePolicy', 0.3, (c) => ({ q: { roleName: iamRole(c).name, policyName: 'inline-access', policyDocument: policyDoc(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::${c.rng.pick(c.acct.buckets)}/*`) } })),
  iamWrite('TagRole', 0.2, (c) => ({ q: { roleName: iamRole(c).name, tags: tags({ 'cost-center': String(c.rng.int(100, 999)) }) } })),
  iamWrite('UpdateAssumeRolePolicy', 0.1, (c) => ({ q: { roleName: iamRole(c).name, policyDocument: policyDoc(['sts:AssumeRole'], '*', 'lambda.amazonaws.com') } })),
  iamWrite('CreateAccessKey', 0.05, (c) => {
    const userName = iamUser(c);
    return { q: { userName }, r: { accessKey: { accessKeyId: 'AKIA' + c.rng.upper(16), status: 'Active', userName, createDate: awsDate(c.t) } } };
  }),
  iamWrite('DeleteAccessKey', 0.05, (c) => ({ q: { userName: iamUser(c), accessKeyId: 'AKIA' + c.rng.upper(16) } })),
  iamWrite('CreatePolicyVersion', 0.1, (c) => ({ q: { policyArn: `arn:aws:iam::${c.acct.id}:policy/ci-deploy`, policyDocument: policyDoc(['cloudformation:*', 's3:*'], '*'), setAsDefault: true } })),

  // ---- KMS: envelope encryption behind S3, Secrets Manager, Lambda env vars, EBS.
  { source: KMS, name: 'Decrypt', w: 55, ro: true, who: { p: 6, s: 3, h: 1 }, errs: ['InvalidCiphertextException', 'AccessDeniedException'], f: (c) => kmsUse(c, false) },
  { source: KMS, name: 'GenerateDataKey', w: 25, ro: true, who: { p: 5, s: 3 }, f: (c) => kmsUse(c, true) },
  { source: KMS, name: 'Encrypt', w: 2, ro: true, who: { p: 1 }, f: (c) => { const arn = keyArn(c); return { q: { keyId: arn, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, res: keyRes(c, arn) }; } },
  { source: KMS, name: 'DescribeKey', w: 5, ro: true, who: { s: 2, a: 2, h: 1 }, errs: ['NotFoundException'], f: (c) => { const arn = keyArn(c); return { q: { keyId: c.rng.chance(0.5) ? arn : 'alias/aws/s3' }, res: keyRes(c, arn) }; } },
  { source: KMS, name: 'ListAliases', w: 2, ro: true, who: { h: 1, a: 1, s: 1 }, f: (c) => ({ q: c.rng.chance(0.5) ? { limit: drift(c.rng, 100) } : null }) },
  { source: KMS, name: 'GetKeyRotationStatus', w: 1.5, ro: true, who: { s: 1 }, f: (c) => { const arn = keyArn(c); return { q: { keyId: arn }, res: keyRes(c, arn) }; } },
  {
    source: KMS, name: 'CreateKey', w: 0.03, ro: false, who: { a: 2, h: 1 },
    f: (c) => {
      const id = c.rng.uuid();
      const arn = arnOf(c, 'kms', `key/${id}`);
      return {
        q: { description: 'orders data key', keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'SYMMETRIC_DEFAULT', bypassPolicyLockoutSafetyCheck: false },
        r: { keyMetadata: { aWSAccountId: c.acct.id, keyId: id, arn, creationDate: awsDate(c.t), enabled: true, description: 'orders data key', keyUsage: 'ENCRYPT_DECRYPT', keyState: 'Enabled', origin: 'AWS_KMS', keyManager: 'CUSTOMER', customerMasterKeySpec: 'SYMMETRIC_DEFAULT', keySpec: 'SYMMETRIC_DEFAULT', encryptionAlgorithms: ['SYMMETRIC_DEFAULT'], multiRegion: false } },
        res: keyRes(c, arn),
      };
    },
  },
  {
    source: KMS, name: 'RotateKey', w: 0.1, ro: false, who: { s: 1 }, eventType: 'AwsServiceEvent', reqId: 'none',
    f: (c) => { const arn = keyArn(c); return { x: { keyId: arn }, res: keyRes(c, arn) }; },
  },

  // ---- Secrets Manager
  { source: SM, name: 'GetSecretValue', w: 12, ro: true, who: { p: 6, h: 1, a: 1 }, errs: ['ResourceNotFoundException'], f: (c) => ({ q: { secretId: c.rng.chance(0.5) ? c.rng.pick(c.acct.secrets) : arnOf(c, 'secretsmanager', `secret:${c.rng.pick(c.acct.secrets)}-${c.rng.alnum(6)}`) } }) },
  { source: SM, name: 'DescribeSecret', w: 3, ro: true, who: { s: 1, h: 1, a: 1 }, f: (c) => ({ q: { secretId: c.rng.pick(c.acct.secrets) } }) },
  { source: SM, name: 'ListSecrets', w: 1, ro: true, who: { h: 1, s: 1 }, f: (c) => ({ q: c.rng.chance(0.5) ? { maxResults: drift(c.rng, 100) } : null }) },
  { source: SM, name: 'PutSecretValue', w: 0.2, ro: false, who: { a: 1, p: 1 }, f: (c) => ({ q: { secretId: c.rng.pick(c.acct.secrets), clientRequestToken: c.rng.uuid() }, r: { versionId: c.rng.uuid(), versionStages: ['AWSPENDING'] } }) },

  // ---- SSM: the agent on every instance checks in constantly.
  {
    source: SSM, name: 'UpdateInstanceInformation', w: 14, ro: false, who: { p: 1 }, only: ['web-instance-role'],
    f: (c) => {
      const ip = `10.0.${c.rng.int(0, 7)}.${c.rng.int(4, 250)}`;
      return { q: { instanceId: c.rng.pick(c.acct.instances), agentVersion: '3.2.2222.0', agentStatus: 'Active', platformType: 'Linux', platformName: 'Amazon Linux', platformVersion: '2023', iPAddress: ip, computerName: `ip-${ip.replace(/\./g, '-')}.ec2.internal`, agentName: 'amazon-ssm-agent', availabilityZone: c.region + 'a', availabilityZoneId: 'use1-az2', sSMConnectionChannel: 'ssmmessages' } };
    },
  },
  { source: SSM, name: 'ListInstanceAssociations', w: 8, ro: true, who: { p: 1 }, only: ['web-instance-role'], f: (c) => ({ q: { instanceId: c.rng.pick(c.acct.instances), maxResults: drift(c.rng, 20) } }) },
  { source: SSM, name: 'GetParameter', w: 10, ro: true, who: { p: 4, a: 2, h: 1 }, errs: ['ParameterNotFound'], f: (c) => ({ q: { name: c.rng.pick(c.acct.params), withDecryption: c.rng.chance(0.5) } }) },
  { source: SSM, name: 'GetParameters', w: 5, ro: true, who: { p: 3, a: 1 }, f: (c) => ({ q: { names: [c.rng.pick(c.acct.params), c.rng.pick(c.acct.params)], withDecryption: true } }) },
  { source: SSM, name: 'GetParametersByPath', w: 3, ro: true, who: { p: 2, a: 1 }, f: (c) => ({ q: { path: '/orders/prod', recursive: true, withDecryption: true, maxResults: drift(c.rng, 10) } }) },
  { source: SSM, name: 'DescribeInstanceInformation', w: 1.5, ro: true, who: { h: 1, s: 1 }, f: (c) => ({ q: { maxResults: drift(c.rng, 50) } }) },
  { source: SSM, name: 'PutParameter', w: 0.3, ro: false, who: { a: 2, h: 1 }, f: (c) => ({ q: { name: c.rng.pick(c.acct.params), type: 'String', overwrite: true, tier: 'Standard' }, r: { version: c.rng.int(2, 60), tier: 'Standard' } }) },
  { source: SSM, name: 'StartSession', w: 0.2, ro: false, who: { h: 1 }, f: (c) => { const s = `${c.actor.name}-${c.rng.hex(17)}`; return { q: { target: c.rng.pick(c.acct.instances) }, r: { sessionId: s, tokenValue: 'Value hidden due to security reasons.', streamUrl: `wss://ssmmessages.${c.region}.amazonaws.com/v1/data-channel/${s}?role=publish_subscribe&cell-number=AAEAAQ` } }; } },

  // ---- Sign-in (global). The console login story events reuse consoleLogin().
  { source: SIGNIN, name: 'ConsoleLogin', w: 0.6, ro: false, global: true, who: { h: 1 }, eventType: 'AwsConsoleSignIn', host: 'signin.aws.amazon.com', errRate: 0, f: (c) => consoleLogin(c, c.actor.mfa, !c.rng.chance(0.08)) },
  {
    source: SIGNIN, name: 'CredentialVerification', w: 0.3, ro: false, global: true, who: { h: 1 }, eventType: 'AwsServiceEvent', host: 'signin.aws.amazon.com', errRate: 0,
    f: () => ({ x: { CredentialType: 'PASSWORD' }, d: { CredentialVerification: 'Success' } }),
  },
  {
    source: SIGNIN, name: 'CredentialChallenge', w: 0.3, ro: false, global: true, who: { h: 1 }, eventType: 'AwsServiceEvent', host: 'signin.aws.amazon.com', errRate: 0,
    f: () => ({ x: { CredentialType: 'PASSWORD' }, d: { CredentialChallenge: 'Success' } }),
  },
];

/** A ConsoleLogin outcome; failures keep responseElements and carry only an errorMessage, as real ones do. */
export function consoleLogin(c: Ctx, mfa: boolean, ok: boolean): Parts {
  const x: Record<string, unknown> = {
    LoginTo: `https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_${c.region}_${c.rng.hex(16)}`,
    MobileVersion: 'No',
  };
  if (mfa) x.MFAIdentifier = `arn:aws:iam::${c.acct.id}:mfa/${c.actor.name}`;
  x.MFAUsed = mfa ? 'Yes' : 'No';
  return ok
    ? { r: { ConsoleLogin: 'Success' }, x }
    : { r: { ConsoleLogin: 'Failure' }, x, fail: { message: 'Failed authentication' } };
}
