// Assembles one CloudTrail record from a compiled template, an actor and a
// time. Owns everything generic: ids, caller fields, errors, tlsDetails,
// categories. Keys are emitted in the order CloudTrail uses, and every record
// is built from the same object literal so V8 keeps one hidden class and
// JSON.stringify stays on its fast path (absent fields are `undefined`).

import type { Catalog, Compiled } from './catalog.js';
import type { Ctx, Parts } from './catalog-types.js';
import { base64ish } from './catalog-types.js';
import { callerOf, tlsDetailsOf, type CallerView } from './identity.js';
import { isoSeconds } from './layout.js';
import type { Rng } from './prng.js';
import type { Account, Actor, World } from './world.js';
import { SIGNIN } from './services.js';

export type CloudTrailRecord = Record<string, unknown>;


function accessDeniedCode(prefix: string): string {
  if (prefix === 'ec2') return 'Client.UnauthorizedOperation';
  if (prefix === 's3' || prefix === 'iam' || prefix === 'sts' || prefix === 'cloudformation') return 'AccessDenied';
  return 'AccessDeniedException';
}

function throttleCode(prefix: string): string {
  if (prefix === 'ec2') return 'Client.RequestLimitExceeded';
  if (prefix === 's3') return 'SlowDown';
  if (prefix === 'iam' || prefix === 'sts' || prefix === 'cloudformation' || prefix === 'autoscaling') return 'Throttling';
  return 'ThrottlingException';
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Plausible errorMessage for a code (some real errors carry none: returns undefined). */
export function errorMessageFor(code: string, tpl: Compiled, callerArn: string, q: Record<string, unknown>, rng: Rng): string | undefined {
  const action = `${tpl.prefix}:${tpl.name.replace(/\d{8}(v\d)?$/, '')}`;
  switch (code) {
    case 'AccessDenied':
    case 'AccessDeniedException':
      if (tpl.prefix === 's3') return 'Access Denied';
      return `User: ${callerArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
    case 'Client.UnauthorizedOperation':
      return `You are not authorized to perform this operation. User: ${callerArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action. Encoded authorization failure message: ${base64ish(rng, 320)}`;
    case 'Client.RequestLimitExceeded':
      return 'Request limit exceeded.';
    case 'Throttling':
    case 'ThrottlingException':
      return 'Rate exceeded';
    case 'SlowDown':
      return 'Please reduce your request rate.';
    case 'NoSuchEntityException':
      return `The ${q.userName ? 'user' : 'role'} with name ${str(q.userName) || str(q.roleName) || 'unknown'} cannot be found.`;
    case 'EntityAlreadyExistsException':
      return `Role with name ${str(q.roleName) || 'unknown'} already exists.`;
    case 'ResourceNotFoundException':
      return tpl.prefix === 'dynamodb' ? 'Requested resource not found' : `Function not found: ${str(q.functionName) || str(q.secretId)}`;
    case 'ConditionalCheckFailedException':
      return 'The conditional request failed';
    case 'ValidationException':
      return 'One or more parameter values were invalid: Missing the key pk in the item';
    case 'ValidationError':
      return `Stack with id ${str(q.stackName) || 'unknown'} does not exist`;
    case 'NoSuchKey':
      return 'The specified key does not exist.';
    case 'NoSuchBucketPolicy':
      return 'The bucket policy does not exist';
    case 'Client.InvalidInstanceID.NotFound':
      return `The instance ID 'i-0${rng.hex(16)}' does not exist`;
    case 'InvalidCiphertextException':
      return undefined;
    default:
      return undefined;
  }
}

function requestId(rng: Rng, style: Compiled['reqId']): string | undefined {
  switch (style) {
    case 's3':
      return rng.upper(16);
    case 'ddb':
      return rng.upper(52);
    case 'none':
      return undefined;
    default:
      return rng.uuid();
  }
}

export interface Overrides {
  /** Force the outcome: an error code (+ optional message), or success (null). */
  error?: { code?: string; message?: string } | null;
  sharedEventID?: string;
  requestID?: string;
  eventID?: string;
}

/**
 * Build one record. `parts` lets scripted (samples) events supply their own
 * request/response bodies; random events pass undefined and use the template.
 */
export function buildRecord(c: Ctx, tpl: Compiled, parts?: Parts, o: Overrides = {}): CloudTrailRecord {
  const rng = c.rng;
  const p: Parts = parts ?? (tpl.f ? tpl.f(c) : {});
  const signIn = tpl.eventType === 'AwsConsoleSignIn';
  // Service events outside sign-in are emitted by the service itself, not a principal.
  const bySvc = tpl.eventType === 'AwsServiceEvent' && tpl.source !== SIGNIN;
  const a = c.actor;

  let caller: CallerView;
  if (bySvc) {
    caller = { userIdentity: { accountId: c.acct.id, invokedBy: tpl.source }, sourceIPAddress: tpl.source, userAgent: tpl.source, tls: false, console: false };
  } else {
    caller = callerOf(a, rng, c.t, c.world.externalAccount, tpl.prefix, tpl.command);
    if (p.via) {
      caller.userIdentity.invokedBy = p.via;
      caller = { ...caller, sourceIPAddress: p.via, userAgent: p.via, tls: false, vpce: undefined };
    }
    if (signIn || tpl.source === SIGNIN) {
      const ui = caller.userIdentity;
      if (ui.type === 'Root') ui.accessKeyId = '';
      else delete ui.accessKeyId;
      if (ui.type === 'IAMUser' || ui.type === 'Root') delete ui.sessionContext;
      const chrome = a.agent === 'console' ? a.agentVersion : '122.0.0.0';
      caller = { ...caller, userAgent: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36`, sourceIPAddress: a.ips[0] ?? '198.51.100.7', console: false };
    }
  }

  const q = (p.q ?? null) as Record<string, unknown> | null;
  let errorCode: string | undefined;
  let errorMessage: string | undefined;
  if (o.error !== undefined) {
    if (o.error) ({ code: errorCode, message: errorMessage } = o.error);
  } else if (p.fail) {
    errorCode = p.fail.code;
    errorMessage = p.fail.message;
  } else if (rng.next() < (tpl.errRate ?? 0.06)) {
    const own = tpl.errs;
    errorCode = own && own.length && rng.chance(0.6) ? rng.pick(own) : rng.chance(0.75) ? accessDeniedCode(tpl.prefix) : throttleCode(tpl.prefix);
    errorMessage = errorMessageFor(errorCode, tpl, str(caller.userIdentity.arn) || `arn:aws:iam::${c.acct.id}:root`, q ?? {}, rng);
  }
  const failed = errorCode !== undefined || errorMessage !== undefined;

  const hostQ = q && typeof q.Host === 'string' ? q.Host : undefined;
  const host = tpl.host ?? hostQ ?? `${tpl.prefix === 'cloudwatch' ? 'monitoring' : tpl.source.split('.')[0]}.${c.region}.amazonaws.com`;
  const eventVersion = tpl.baseVersion === '1.10' && rng.chance(0.2) ? '1.11' : tpl.baseVersion;
  const crossAccount = a.kind === 'AWSAccount' && !bySvc;

  return {
    eventVersion,
    userIdentity: caller.userIdentity,
    eventTime: isoSeconds(c.t),
    eventSource: tpl.source,
    eventName: tpl.name,
    awsRegion: c.region,
    sourceIPAddress: caller.sourceIPAddress,
    userAgent: caller.userAgent,
    errorCode,
    errorMessage,
    requestParameters: q,
    // Failed calls return nothing, except sign-ins which report the failure in the body.
    responseElements: failed && !p.fail ? null : (p.r ?? null),
    additionalEventData: p.x,
    requestID: o.requestID ?? requestId(rng, tpl.reqId),
    eventID: o.eventID ?? rng.uuid(),
    readOnly: tpl.ro,
    resources: p.res,
    eventType: tpl.eventType ?? 'AwsApiCall',
    apiVersion: tpl.apiVersion,
    managementEvent: !tpl.data,
    recipientAccountId: c.acct.id,
    sharedEventID: o.sharedEventID ?? (crossAccount ? rng.uuid() : undefined),
    vpcEndpointId: caller.vpce,
    vpcEndpointAccountId: caller.vpce ? c.acct.id : undefined,
    serviceEventDetails: p.d,
    eventCategory: tpl.data ? 'Data' : 'Management',
    tlsDetails: caller.tls ? tlsDetailsOf(a, host) : undefined,
    sessionCredentialFromConsole: caller.console && !signIn ? 'true' : undefined,
  };
}

/** Draw a random API for the region and a plausible caller, then build the record. */
export function randomRecord(catalog: Catalog, world: World, acct: Account, region: string, t: number, rng: Rng): CloudTrailRecord {
  const tpl = catalog.template(rng, region);
  const actor: Actor = catalog.actor(rng, acct.id, tpl);
  return buildRecord({ rng, world, acct, region, t, actor }, tpl);
}
