// Turns a world Actor into the per-event pieces CloudTrail records about the
// caller: userIdentity, sourceIPAddress, userAgent and tlsDetails.
//
// Shapes follow real records field by field (including key order, which
// JSON.stringify preserves), because downstream schema inference sees the
// union of all these variants and benchmarks should exercise exactly that.

import type { Rng } from './prng.js';
import { publicIp, type Actor, type Session } from './world.js';
import { isoSeconds } from './layout.js';

export interface CallerView {
  userIdentity: Record<string, unknown>;
  sourceIPAddress: string;
  userAgent: string;
  /** Service-originated calls carry no tlsDetails. */
  tls: boolean;
  console: boolean;
  vpce?: string;
}

const HOUR_MS = 3600_000;

const OS_LINE = 'os/linux#5.10.209-221.847.amzn2.x86_64';

/** `creationDate` must precede eventTime: sessions start before the top of the hour. */
function creationDate(t: number, s: Session): string {
  return isoSeconds(Math.floor(t / HOUR_MS) * HOUR_MS - s.ageMin * 60_000);
}

export function roleArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:role${path}${name}`;
}

function assumedRoleIdentity(a: Actor, s: Session, t: number): Record<string, unknown> {
  const ctx: Record<string, unknown> = {
    sessionIssuer: {
      type: 'Role',
      principalId: a.principalId,
      arn: roleArn(a.account, a.path, a.name),
      accountId: a.account,
      userName: a.name,
    },
    webIdFederationData: a.webIdProvider
      ? { federatedProvider: a.webIdProvider, attributes: {} }
      : {},
    attributes: { creationDate: creationDate(t, s), mfaAuthenticated: 'false' },
  };
  if (a.ec2RoleDelivery) ctx.ec2RoleDelivery = '2.0';
  const ui: Record<string, unknown> = {
    type: 'AssumedRole',
    principalId: `${a.principalId}:${s.name}`,
    arn: `arn:aws:sts::${a.account}:assumed-role/${a.name}/${s.name}`,
    accountId: a.account,
    accessKeyId: s.key,
    sessionContext: ctx,
  };
  if (a.service) ui.invokedBy = a.service;
  if (a.onBehalfOf) ui.onBehalfOf = a.onBehalfOf;
  return ui;
}

/** The userIdentity block for one call by `a` at time `t`. */
export function userIdentityOf(a: Actor, rng: Rng, t: number, externalAccount: string): Record<string, unknown> {
  switch (a.kind) {
    case 'IAMUser': {
      const ui: Record<string, unknown> = {
        type: 'IAMUser',
        principalId: a.principalId,
        arn: `arn:aws:iam::${a.account}:user/${a.name}`,
        accountId: a.account,
      };
      if (a.agent === 'console') {
        // Console sessions use temporary keys and carry session attributes.
        const s = rng.pick(a.sessions);
        ui.accessKeyId = s.key;
        ui.userName = a.name;
        ui.sessionContext = { attributes: { creationDate: creationDate(t, s), mfaAuthenticated: a.mfa ? 'true' : 'false' } };
      } else {
        ui.accessKeyId = a.accessKeyId;
        ui.userName = a.name;
      }
      return ui;
    }
    case 'AssumedRole':
      return assumedRoleIdentity(a, rng.pick(a.sessions), t);
    case 'Root':
      return {
        type: 'Root',
        principalId: a.account,
        arn: `arn:aws:iam::${a.account}:root`,
        accountId: a.account,
        accessKeyId: (a.sessions[0] as Session).key,
        sessionContext: { attributes: { creationDate: creationDate(t, a.sessions[0] as Session), mfaAuthenticated: 'true' } },
      };
    case 'AWSService':
      return { type: 'AWSService', invokedBy: a.name };
    case 'FederatedUser': {
      const s = rng.pick(a.sessions);
      return {
        type: 'FederatedUser',
        principalId: `${a.account}:${s.name}`,
        arn: `arn:aws:sts::${a.account}:federated-user/${s.name}`,
        accountId: a.account,
        accessKeyId: s.key,
        sessionContext: {
          sessionIssuer: {
            type: 'IAMUser',
            principalId: a.principalId,
            arn: `arn:aws:iam::${a.account}:user/${a.name}`,
            accountId: a.account,
            userName: a.name,
          },
          webIdFederationData: {},
          attributes: { creationDate: creationDate(t, s), mfaAuthenticated: 'false' },
        },
      };
    }
    case 'AWSAccount':
      // Cross-account caller: the recipient only learns the caller's account.
      return { type: 'AWSAccount', principalId: a.principalId, accountId: externalAccount };
  }
}

/**
 * userAgent as the real tools format it. `api` is the SDK service id and
 * `command` the CLI command (e.g. `ec2.describe-instances`), precomputed per
 * template so this stays a handful of concatenations per event.
 */
export function userAgentOf(a: Actor, api: string, command: string, browser: boolean): string {
  const v = a.agentVersion;
  switch (a.agent) {
    case 'console':
      return browser
        ? `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v} Safari/537.36`
        : 'AWS Internal';
    case 'cli':
      return v.startsWith('1.')
        ? `aws-cli/${v} md/Botocore#1.34.54 ua/2.0 ${OS_LINE} md/arch#x86_64 lang/python#3.9.16 md/pyimpl#CPython cfg/retry-mode#legacy botocore/1.34.54`
        : `aws-cli/${v} md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1014-aws md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#${command}`;
    case 'boto3':
      return `Boto3/${v} md/Botocore#${v} ua/2.0 os/macos#23.3.0 md/arch#arm64 lang/python#3.11.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/${v}`;
    case 'lambda-py':
      return `Boto3/${v} md/Botocore#${v} ua/2.0 ${OS_LINE} md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/${v}`;
    case 'js':
      return `aws-sdk-js/${v} ua/2.0 ${OS_LINE} lang/js md/nodejs#20.11.1 api/${api}#${v} exec-env/AWS_Lambda_nodejs20.x`;
    case 'java':
      return `aws-sdk-java/${v} Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. md/internal io/sync http/Apache cfg/retry-mode/legacy`;
    case 'go':
      return `aws-sdk-go-v2/${v} os/linux lang/go#1.21.7 md/GOOS#linux md/GOARCH#amd64 api/${api}#1.30.2`;
    case 'ssm-agent':
      return `aws-sdk-go/1.50.7 (go1.21.6; linux; amd64) amazon-ssm-agent/${v}`;
    case 'terraform':
      return `APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/${v} (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.2 ua/2.0 os/linux lang/go#1.21.7 md/GOOS#linux md/GOARCH#amd64 api/${api}#1.149.0`;
    case 'service':
      return a.service ?? a.name;
  }
}

/** Everything about the caller for one event. */
export function callerOf(
  a: Actor,
  rng: Rng,
  t: number,
  externalAccount: string,
  api: string,
  command: string,
): CallerView {
  const userIdentity = userIdentityOf(a, rng, t, externalAccount);
  if (a.agent === 'service') {
    const svc = a.service ?? a.name;
    return { userIdentity, sourceIPAddress: svc, userAgent: svc, tls: false, console: false };
  }
  const isConsole = a.agent === 'console';
  const browser = isConsole && rng.chance(0.4);
  return {
    userIdentity,
    // Console traffic proxied by AWS shows up as "AWS Internal" in both fields.
    sourceIPAddress: isConsole && !browser && rng.chance(0.5)
      ? 'AWS Internal'
      : // Serverless workloads egress from a large shared pool, so their IPs barely repeat.
        a.cls === 'p' && !a.vpce && rng.chance(0.6) ? publicIp(rng) : rng.pick(a.ips),
    userAgent: userAgentOf(a, api, command, browser),
    tls: true,
    console: isConsole,
    vpce: a.vpce,
  };
}

/** TLS details; older runtimes still negotiate TLS 1.2. */
export function tlsDetailsOf(a: Actor, host: string): Record<string, string> {
  const old = a.agent === 'java' || a.agent === 'ssm-agent' || a.agentVersion.startsWith('1.');
  return old
    ? { tlsVersion: 'TLSv1.2', cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256', clientProvidedHostHeader: host }
    : { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host };
}
