// Types and small builders shared by the event catalog files.
//
// A Template describes one API (eventSource + eventName) and how to fill the
// service-specific parts of its record. The generic parts (identity, ids,
// time, tls, errors) are filled by record.ts, so templates stay short.

import type { Rng } from './prng.js';
import type { Account, Actor, ActorClass, World } from './world.js';

export interface Ctx {
  rng: Rng;
  world: World;
  acct: Account;
  region: string;
  /** Event time, epoch ms. */
  t: number;
  actor: Actor;
}

export interface Resource {
  accountId?: string;
  type: string;
  ARN: string;
}

/** Service-specific parts of a record; anything left undefined is omitted (or null for q/r). */
export interface Parts {
  /** requestParameters (undefined -> null). */
  q?: unknown;
  /** responseElements (undefined -> null); dropped when the call fails. */
  r?: unknown;
  /** additionalEventData. */
  x?: unknown;
  res?: Resource[];
  /** serviceEventDetails (AwsServiceEvent only). */
  d?: unknown;
  /** A service that made the call on the actor's behalf (invokedBy, source IP, agent). */
  via?: string;
  /** Outcome decided by the template itself (e.g. a failed ConsoleLogin keeps its responseElements). */
  fail?: { code?: string; message: string };
}

export interface Template {
  source: string;
  name: string;
  /** Relative frequency in the random mix. */
  w: number;
  ro: boolean;
  /** Data event (eventCategory Data, managementEvent false). */
  data?: boolean;
  /** Global service: only logged in us-east-1. */
  global?: boolean;
  /** Which actor classes call this API, with relative weights. */
  who: Partial<Record<ActorClass, number>>;
  /** Restrict callers to these actor names (e.g. only the SSM agent's instance role). */
  only?: readonly string[];
  apiVersion?: string;
  eventVersion?: string;
  eventType?: 'AwsApiCall' | 'AwsServiceEvent' | 'AwsConsoleSignIn';
  /** API-specific error codes, tried before the generic AccessDenied/Throttling. */
  errs?: readonly string[];
  /** Error probability for this API (default 0.05). */
  errRate?: number;
  /** requestID style: most services use UUIDs, S3 and DynamoDB have their own. */
  reqId?: 'uuid' | 's3' | 'ddb' | 'none';
  /** Endpoint host override (default `<prefix>.<region>.amazonaws.com`). */
  host?: string;
  f?: (c: Ctx) => Parts;
}

// ---- helpers used by the catalog files -------------------------------------

export const res = (accountId: string | undefined, type: string, ARN: string): Resource =>
  accountId === undefined ? { type, ARN } : { accountId, type, ARN };

/**
 * Type drift seen in real logs: some SDKs/services serialize paging sizes as
 * strings. Same key, number in most events, string in some.
 */
export const drift = (rng: Rng, n: number): number | string => (rng.chance(0.25) ? String(n) : n);

export const arnOf = (c: Ctx, service: string, rest: string): string =>
  `arn:aws:${service}:${c.region}:${c.acct.id}:${rest}`;

/** CloudTrail's human date format used inside some responseElements. */
export function awsDate(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const h = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64ish(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += B64[Math.floor(rng.next() * 64)];
  return s;
}

/** STS session tokens are long opaque blobs; a big part of real AssumeRole record size. */
export const sessionToken = (rng: Rng): string => 'IQoJb3JpZ2luX2Vj' + base64ish(rng, rng.int(380, 620));

export const az = (c: Ctx): string => c.region + c.rng.pick(['a', 'b', 'c']);

export const tags = (pairs: Record<string, string>): { key: string; value: string }[] =>
  Object.entries(pairs).map(([key, value]) => ({ key, value }));

/** Object keys with realistic prefixes and a high-cardinality tail. */
export function objectKey(rng: Rng, bucket: string): string {
  if (bucket.includes('logs')) return `AWSLogs/elb/2024/03/0${rng.int(1, 7)}/${rng.hex(8)}_elasticloadbalancing.log.gz`;
  if (bucket.includes('lake')) return `events/year=2024/month=03/day=0${rng.int(1, 7)}/part-${String(rng.int(0, 199)).padStart(5, '0')}-${rng.uuid()}.c000.snappy.parquet`;
  if (bucket.includes('uploads')) return `users/${rng.int(1000, 99999)}/avatar-${rng.hex(10)}.jpg`;
  if (bucket.includes('terraform')) return rng.pick(['network/terraform.tfstate', 'orders/terraform.tfstate', 'data/terraform.tfstate']);
  if (bucket.includes('backups')) return `rds/orders-db/2024-03-0${rng.int(1, 7)}/dump-${rng.hex(6)}.sql.gz`;
  return `static/${rng.pick(['js', 'css', 'img'])}/${rng.hex(12)}.${rng.pick(['js', 'css', 'png', 'svg'])}`;
}

/** IAM policy documents are logged as (pretty-printed) JSON strings, not objects. */
export function policyDoc(actions: string[], resource: string, principal?: string): string {
  const stmt: Record<string, unknown> = { Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions };
  if (principal) stmt.Principal = { Service: principal };
  else stmt.Resource = resource;
  return JSON.stringify({ Version: '2012-10-17', Statement: [stmt] }, null, 4);
}
