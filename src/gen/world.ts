// The simulated estate: who acts (actors) and what they act on (resources),
// per account. Built once from the seed so every event can reuse stable
// principals, access keys and resource names - real trails have a long tail
// of events from a small set of principals, and that repetition is what makes
// group-by queries and compression behave like they do on real data.

import { Rng } from './prng.js';
import { DDB, KMS, LAMBDA, LOGS, S3, SM, SQS, SSM, STS } from './services.js';

/** h = human, a = automation (CI, IaC), p = application workloads, s = AWS services. */
export type ActorClass = 'h' | 'a' | 'p' | 's';

export type AgentKind =
  | 'console'
  | 'cli'
  | 'boto3'
  | 'lambda-py'
  | 'js'
  | 'java'
  | 'go'
  | 'ssm-agent'
  | 'terraform'
  | 'service';

export interface Session {
  name: string;
  key: string;
  /** Minutes before the top of the hour the session was created; keeps creationDate <= eventTime. */
  ageMin: number;
}

export interface Actor {
  cls: ActorClass;
  kind: 'IAMUser' | 'AssumedRole' | 'Root' | 'AWSService' | 'FederatedUser' | 'AWSAccount';
  account: string;
  /** User name, role name, or service principal for AWSService. */
  name: string;
  principalId: string;
  /** Role path, e.g. `/aws-service-role/config.amazonaws.com/`. */
  path: string;
  accessKeyId: string;
  sessions: Session[];
  agent: AgentKind;
  agentVersion: string;
  ips: string[];
  mfa: boolean;
  /** Service principal that acts through this identity (`invokedBy`, sourceIPAddress). */
  service?: string;
  webIdProvider?: string;
  onBehalfOf?: { userId: string; identityStoreArn: string };
  ec2RoleDelivery?: boolean;
  /** Traffic through a VPC interface endpoint: private source IPs plus vpcEndpointId. */
  vpce?: string;
  /** Event sources a service actor touches; undefined = anything its class allows. */
  sources?: readonly string[];
  /** Auditors and scanners only read. */
  roOnly: boolean;
  /** Relative share of its class's traffic (root and federated users are rare). */
  w: number;
}

export interface Account {
  id: string;
  actors: Actor[];
  byName: Map<string, Actor>;
  users: string[];
  roles: string[];
  buckets: string[];
  tables: string[];
  functions: string[];
  keys: string[];
  instances: string[];
  securityGroups: string[];
  vpcs: string[];
  subnets: string[];
  amis: string[];
  secrets: string[];
  logGroups: string[];
  stacks: string[];
  params: string[];
  trails: string[];
  queues: string[];
}

export interface World {
  accounts: Account[];
  /** An account outside the estate that reads into it (security tooling). */
  externalAccount: string;
}

export const publicIp = (rng: Rng): string =>
  `${rng.pick([3, 18, 34, 35, 44, 52, 54, 63, 81, 98, 176, 185, 203])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
const privateIp = (rng: Rng): string => `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(4, 254)}`;

const keyId = (rng: Rng, prefix: 'AKIA' | 'ASIA'): string => prefix + rng.upper(16);

interface ActorSpec {
  cls: ActorClass;
  kind: Actor['kind'];
  name: string;
  agent: AgentKind;
  path?: string;
  sessionNames?: string[];
  mfa?: boolean;
  service?: string;
  webIdProvider?: string;
  sso?: boolean;
  ec2?: boolean;
  vpce?: boolean;
  sources?: readonly string[];
  roOnly?: boolean;
  w?: number;
}

const AGENT_VERSIONS: Record<AgentKind, readonly string[]> = {
  console: ['122.0.0.0', '121.0.0.0', '123.0.0.0'],
  cli: ['2.15.21', '2.15.30', '2.13.25', '1.32.54'],
  boto3: ['1.34.51', '1.34.34', '1.33.13'],
  'lambda-py': ['1.34.42'],
  js: ['3.525.0', '3.504.0', '3.470.0'],
  java: ['2.21.46', '2.20.162'],
  go: ['1.25.2', '1.24.1'],
  'ssm-agent': ['3.2.2222.0', '3.3.40.0'],
  terraform: ['5.39.1', '5.38.0'],
  service: [''],
};


const READ_SOURCES_CONFIG = [
  's3.amazonaws.com', 'ec2.amazonaws.com', 'iam.amazonaws.com', 'kms.amazonaws.com', 'lambda.amazonaws.com',
  'dynamodb.amazonaws.com', 'cloudtrail.amazonaws.com', 'config.amazonaws.com', 'logs.amazonaws.com',
  'secretsmanager.amazonaws.com', 'rds.amazonaws.com', 'elasticloadbalancing.amazonaws.com',
];

function specsFor(): ActorSpec[] {
  const gh = 'arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com';
  return [
    // Humans
    { cls: 'h', kind: 'IAMUser', name: 'alice', agent: 'console', mfa: true },
    { cls: 'h', kind: 'IAMUser', name: 'bob', agent: 'cli' },
    { cls: 'h', kind: 'IAMUser', name: 'erin', agent: 'boto3' },
    { cls: 'h', kind: 'AssumedRole', name: 'AWSReservedSSO_AdministratorAccess_3f2a9c4d1e7b6a05', path: '/aws-reserved/sso.amazonaws.com/', agent: 'console', sso: true, sessionNames: ['carol@example.com', 'frank@example.com'] },
    { cls: 'h', kind: 'AssumedRole', name: 'AWSReservedSSO_ReadOnlyAccess_91b0e27c5d4f3a68', path: '/aws-reserved/sso.amazonaws.com/', agent: 'cli', sso: true, sessionNames: ['dave@example.com', 'grace@example.com'] },
    { cls: 'h', kind: 'Root', name: 'root', agent: 'console', mfa: true, w: 0.03 },
    { cls: 'h', kind: 'AssumedRole', name: 'SecurityAuditRole', agent: 'console', sessionNames: ['alice'], roOnly: true, w: 0.2 },
    { cls: 'h', kind: 'FederatedUser', name: 'ops-portal', agent: 'js', sessionNames: ['heidi', 'ivan'], w: 0.3 },
    // Automation
    { cls: 'a', kind: 'IAMUser', name: 'terraform-ci', agent: 'terraform' },
    { cls: 'a', kind: 'AssumedRole', name: 'GitHubActionsDeploy', agent: 'cli', webIdProvider: gh, sessionNames: ['GitHubActions', 'gha-deploy-main'] },
    { cls: 'a', kind: 'AssumedRole', name: 'CloudFormationExecutionRole', agent: 'service', service: 'cloudformation.amazonaws.com', sessionNames: ['AWSCloudFormation'] },
    { cls: 'a', kind: 'AWSAccount', name: 'SecurityAudit', agent: 'boto3', roOnly: true, w: 0.3 },
    // Application workloads
    { cls: 'p', kind: 'AssumedRole', name: 'orders-api-lambda-role', agent: 'js', sessionNames: ['orders-api'], sources: [DDB, SQS, KMS, SM, LOGS, SSM, STS, S3, LAMBDA], w: 3 },
    { cls: 'p', kind: 'AssumedRole', name: 'thumbnailer-lambda-role', agent: 'lambda-py', sessionNames: ['thumbnailer'], sources: [S3, KMS, LOGS, SQS, STS], w: 2 },
    { cls: 'p', kind: 'AssumedRole', name: 'checkout-ecs-task-role', agent: 'java', vpce: true, sessionNames: ['5e1a0c9b2f8d4e7a9c3b1d0e6f4a2b8c', 'a81f3c2e9d7b40f6b5e4c3d2a1908f7e'], sources: [DDB, SQS, KMS, SM, S3, SSM, STS, 'ecr.amazonaws.com'], w: 3 },
    { cls: 'p', kind: 'AssumedRole', name: 'web-instance-role', agent: 'ssm-agent', ec2: true, sessionNames: ['i-0a1b2c3d4e5f60718', 'i-0f9e8d7c6b5a49382'], sources: [SSM, 'ec2.amazonaws.com', S3, KMS, LOGS, 'ecr.amazonaws.com', STS] },
    { cls: 'p', kind: 'AssumedRole', name: 'etl-batch-role', agent: 'go', vpce: true, sessionNames: ['etl-nightly'], sources: [S3, DDB, KMS, SQS, STS, LAMBDA], w: 2 },
    { cls: 'p', kind: 'AssumedRole', name: 'config-rule-tagging-role', agent: 'lambda-py', sessionNames: ['config-rule-tagging'], sources: ['config.amazonaws.com', 'ec2.amazonaws.com', LOGS, STS], w: 0.5 },
    // AWS services
    { cls: 's', kind: 'AssumedRole', name: 'AWSServiceRoleForConfig', path: '/aws-service-role/config.amazonaws.com/', agent: 'service', service: 'config.amazonaws.com', sessionNames: ['AWSConfig-Describe'], sources: READ_SOURCES_CONFIG, roOnly: true, w: 3 },
    { cls: 's', kind: 'AssumedRole', name: 'AWSServiceRoleForAutoScaling', path: '/aws-service-role/autoscaling.amazonaws.com/', agent: 'service', service: 'autoscaling.amazonaws.com', sessionNames: ['AutoScaling'], sources: ['ec2.amazonaws.com', 'elasticloadbalancing.amazonaws.com'] },
    { cls: 's', kind: 'AssumedRole', name: 'AWSServiceRoleForAccessAnalyzer', path: '/aws-service-role/access-analyzer.amazonaws.com/', agent: 'service', service: 'access-analyzer.amazonaws.com', sessionNames: ['access-analyzer'], sources: ['iam.amazonaws.com', 's3.amazonaws.com', 'kms.amazonaws.com', 'secretsmanager.amazonaws.com', 'lambda.amazonaws.com'], roOnly: true },
    { cls: 's', kind: 'AWSService', name: 'lambda.amazonaws.com', agent: 'service', service: 'lambda.amazonaws.com', sources: ['sts.amazonaws.com', 'kms.amazonaws.com', 'logs.amazonaws.com'] },
    { cls: 's', kind: 'AWSService', name: 'ec2.amazonaws.com', agent: 'service', service: 'ec2.amazonaws.com', sources: ['sts.amazonaws.com', 'kms.amazonaws.com'] },
    { cls: 's', kind: 'AWSService', name: 'ecs-tasks.amazonaws.com', agent: 'service', service: 'ecs-tasks.amazonaws.com', sources: ['sts.amazonaws.com'] },
    { cls: 's', kind: 'AWSService', name: 'secretsmanager.amazonaws.com', agent: 'service', service: 'secretsmanager.amazonaws.com', sources: ['kms.amazonaws.com'] },
    { cls: 's', kind: 'AWSService', name: 's3.amazonaws.com', agent: 'service', service: 's3.amazonaws.com', sources: ['kms.amazonaws.com'] },
  ];
}

function buildActor(rng: Rng, account: string, spec: ActorSpec): Actor {
  const isRole = spec.kind === 'AssumedRole';
  const principalId =
    spec.kind === 'Root' ? account : spec.kind === 'AWSService' ? '' : (isRole ? 'AROA' : 'AIDA') + rng.upper(17);
  const sessions: Session[] = (spec.sessionNames ?? [spec.name]).map((name) => ({
    name,
    key: keyId(rng, 'ASIA'),
    ageMin: rng.int(1, 55),
  }));
  const nIps = spec.cls === 'h' ? 2 : spec.cls === 'p' ? 4 : 1;
  const ips: string[] = [];
  for (let i = 0; i < nIps; i++) ips.push(spec.vpce ? privateIp(rng) : publicIp(rng));
  return {
    cls: spec.cls,
    kind: spec.kind,
    account,
    name: spec.name,
    principalId,
    path: spec.path ?? (isRole ? '/' : ''),
    accessKeyId: spec.kind === 'IAMUser' && spec.agent !== 'console' ? keyId(rng, 'AKIA') : '',
    sessions,
    agent: spec.agent,
    agentVersion: rng.pick(AGENT_VERSIONS[spec.agent]),
    ips,
    mfa: spec.mfa ?? false,
    service: spec.service,
    webIdProvider: spec.webIdProvider?.replace('ACCOUNT', account),
    onBehalfOf: spec.sso
      ? { userId: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`, identityStoreArn: `arn:aws:identitystore::${account}:identitystore/d-${rng.hex(10)}` }
      : undefined,
    ec2RoleDelivery: spec.ec2,
    vpce: spec.vpce ? `vpce-${rng.hex(17)}` : undefined,
    sources: spec.sources,
    roOnly: spec.roOnly ?? false,
    w: spec.w ?? 1,
  };
}

const BUCKET_STEMS = ['assets', 'logs', 'backups', 'uploads', 'data-lake', 'terraform-state', 'cloudtrail-archive'];
const TABLES = ['Orders', 'Sessions', 'Inventory', 'Customers', 'AuditLog'];
const FUNCTIONS = ['orders-api', 'thumbnailer', 'nightly-report', 'slack-notifier', 'config-rule-tagging'];

function buildAccount(rng: Rng, id: string): Account {
  const actors = specsFor().map((s) => buildActor(rng, id, s));
  const short = id.slice(-4);
  return {
    id,
    actors,
    byName: new Map(actors.map((a) => [a.name, a])),
    users: ['alice', 'bob', 'erin', 'terraform-ci', 'svc-reporting', 'legacy-backup'],
    roles: actors.filter((a) => a.kind === 'AssumedRole').map((a) => a.name).concat(['ReadOnlyAuditor', 'DataScienceNotebook']),
    buckets: BUCKET_STEMS.map((b) => `acme-${b}-${short}`),
    tables: TABLES,
    functions: FUNCTIONS,
    keys: Array.from({ length: 4 }, () => rng.uuid()),
    instances: Array.from({ length: 12 }, () => 'i-0' + rng.hex(16)),
    securityGroups: Array.from({ length: 6 }, () => 'sg-0' + rng.hex(16)),
    vpcs: Array.from({ length: 2 }, () => 'vpc-0' + rng.hex(16)),
    subnets: Array.from({ length: 6 }, () => 'subnet-0' + rng.hex(16)),
    amis: Array.from({ length: 3 }, () => 'ami-0' + rng.hex(16)),
    secrets: ['prod/orders/db', 'prod/stripe/api-key', 'staging/orders/db', 'shared/slack-webhook'],
    logGroups: FUNCTIONS.map((f) => `/aws/lambda/${f}`).concat(['/ecs/checkout', '/var/log/messages']),
    stacks: ['network-baseline', 'orders-service', 'data-pipeline', 'monitoring'],
    params: ['/orders/prod/db-host', '/orders/prod/feature-flags', '/shared/ami-id', '/etl/batch-size'],
    trails: ['org-trail', 'management-events'],
    queues: ['orders-events', 'thumbnail-jobs', 'orders-events-dlq'],
  };
}

export const DEFAULT_ACCOUNTS: readonly string[] = ['111122223333', '444455556666', '777788889999'];
export const DEFAULT_REGIONS: readonly string[] = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

export function buildWorld(seed: number, accounts: readonly string[]): World {
  const rng = new Rng(seed ^ 0x5eed);
  return { accounts: accounts.map((id, i) => buildAccount(rng.fork(i), id)), externalAccount: '999988887777' };
}
