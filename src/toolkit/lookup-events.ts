import { createHash } from 'node:crypto';
import type { QuerySession } from '../query/session.js';
import { toJsonValue } from '../query/values.js';
import { mapDuckDbError } from '../store/duckdb.js';
import type { StoreInfo } from '../store/catalog.js';
import { serviceError, usage, type LookupAttribute } from './lookup-args.js';
import { quoteString } from '../store/schema.js';
import { storeView } from './lookup-store.js';
import { awsCliTime } from './lookup-time.js';

/**
 * LookupEvents over a store: Event History's filters, order (newest first) and output shape, in
 * DuckDB SQL over the store view.
 *
 * What counts, like Event History: management events only (eventCategory Management or absent,
 * managementEvent not false), or only Insights events with --event-category insight; data and
 * network-activity events are left out unless `allEvents`. The 90-day window is not applied:
 * an export is looked at after the fact.
 *
 * Derived fields (the rules Event History follows, as far as its output shows them):
 * - Username: "root" for the root user; the role session name (last part of the assumed-role
 *   ARN) for AssumedRole; the name after "federated-user/" for FederatedUser; otherwise
 *   userIdentity.userName (IAM users, SAML and web-identity users); absent when none applies
 *   (AWS services, cross-account AWSAccount callers).
 * - Resources: one per entry of the record's `resources`: ResourceType = its type, ResourceName
 *   = the name inside its ARN (bucket name, instance id, role name, key id, function name; an
 *   S3 object keeps bucket/key); a value that is not an ARN is kept as it is.
 * - ReadOnly as the string "true"/"false"; AccessKeyId = userIdentity.accessKeyId.
 * - ResourceName lookups match the derived name or the full ARN.
 */

export interface LookupQuery {
  attribute?: LookupAttribute;
  startUs?: number;
  endUs?: number;
  category?: 'insight';
  region?: string;
  allEvents?: boolean;
}

export interface LookupEvent {
  EventId?: string;
  EventName?: string;
  ReadOnly?: string;
  AccessKeyId?: string;
  EventTime: string;
  EventSource?: string;
  Username?: string;
  Resources: { ResourceType?: string; ResourceName?: string }[];
  CloudTrailEvent: string;
}

/** Position of an event in the newest-first order: what a NextToken resumes after. */
interface Position {
  t: number;
  i: string;
  c: string;
}

/** Resource name inside an ARN (see the module comment), as SQL over the VARCHAR expression `a`. */
function resourceNameSql(a: string): string {
  const res = `regexp_extract(${a}, '^(?:[^:]*:){5}(.*)$', 1)`;
  return `CASE WHEN ${a} IS NULL THEN NULL
    WHEN ${a} NOT LIKE 'arn:%' OR ${res} = '' THEN ${a}
    WHEN split_part(${a}, ':', 3) = 's3' THEN ${res}
    WHEN ${res} LIKE '%/_%' THEN regexp_extract(${res}, '[^/]+$')
    WHEN ${res} LIKE '%:_%' THEN regexp_extract(${res}, '^[^:]*:(.*)$', 1)
    ELSE ${res} END`;
}

const USERNAME_SQL = `CASE userIdentity.type
    WHEN 'Root' THEN 'root'
    WHEN 'AssumedRole' THEN coalesce(nullif(regexp_extract(userIdentity.arn, '/([^/]+)$', 1), ''), nullif(split_part(userIdentity.principalId, ':', 2), ''), userIdentity.userName)
    WHEN 'FederatedUser' THEN coalesce(nullif(regexp_extract(userIdentity.arn, 'federated-user/(.+)$', 1), ''), userIdentity.userName)
    ELSE userIdentity.userName END`;

/** The derived columns every lookup reads, over the store view. */
function baseSql(store: StoreInfo, q: LookupQuery): string {
  const where: string[] = [];
  if (q.category === 'insight') where.push(`eventType = 'AwsCloudTrailInsight'`);
  else {
    where.push(`coalesce(eventType, '') <> 'AwsCloudTrailInsight'`);
    if (!q.allEvents) where.push(`coalesce(eventCategory, 'Management') = 'Management' AND coalesce(managementEvent, true)`);
  }
  if (q.region) where.push(`awsRegion = ${quoteString(q.region)}`);
  if (q.startUs !== undefined) where.push(`eventTime >= make_timestamp(${Math.trunc(q.startUs)})`);
  if (q.endUs !== undefined) where.push(`eventTime <= make_timestamp(${Math.trunc(q.endUs)})`);
  return `SELECT epoch_us(eventTime) AS t_us, coalesce(eventID, '') AS pos_id, eventJsonChecksum AS pos_ck,
    eventID, coalesce(eventName, insightDetails['eventName']) AS eventName,
    coalesce(eventSource, insightDetails['eventSource']) AS eventSource,
    CASE WHEN readOnly THEN 'true' WHEN NOT readOnly THEN 'false' END AS readOnly,
    userIdentity.accessKeyId AS accessKeyId,
    ${USERNAME_SQL} AS username,
    list_transform(coalesce(resources, []), lambda r: {'type': r.type, 'name': ${resourceNameSql('r.arn')}, 'arn': r.arn}) AS res,
    eventJson
  FROM ${storeView(store)}
  WHERE ${where.join(' AND ')}`;
}

function attributeSql(a: LookupAttribute): string {
  const v = quoteString(a.value);
  switch (a.key) {
    case 'EventId':
      return `eventID = ${v}`;
    case 'EventName':
      return `eventName = ${v}`;
    case 'EventSource':
      return `eventSource = ${v}`;
    case 'ReadOnly':
      return `readOnly = ${v}`;
    case 'Username':
      return `username = ${v}`;
    case 'AccessKeyId':
      return `accessKeyId = ${v}`;
    case 'ResourceType':
      return `len(list_filter(res, lambda x: x.type = ${v})) > 0`;
    case 'ResourceName':
      return `len(list_filter(res, lambda x: x.name = ${v} OR x.arn = ${v})) > 0`;
  }
}

function afterSql(p: Position): string {
  const t = Math.trunc(p.t);
  const i = quoteString(p.i);
  return `(t_us < ${t} OR (t_us = ${t} AND (pos_id < ${i} OR (pos_id = ${i} AND pos_ck < ${quoteString(p.c)}))))`;
}

export function lookupSql(store: StoreInfo, q: LookupQuery, after: Position | undefined, limit?: number): string {
  const where = [q.attribute ? attributeSql(q.attribute) : 'true', after ? afterSql(after) : 'true'];
  return `SELECT * FROM (${baseSql(store, q)}) ev WHERE ${where.join(' AND ')}
  ORDER BY t_us DESC, pos_id DESC, pos_ck DESC${limit === undefined ? '' : ` LIMIT ${limit}`}`;
}

type Row = Record<string, unknown>;

function toEvent(r: Row): LookupEvent {
  const ev: Partial<LookupEvent> = {};
  // Key order as LookupEvents returns them; absent values are left out, as the API does.
  if (r.eventID != null) ev.EventId = String(r.eventID);
  if (r.eventName != null) ev.EventName = String(r.eventName);
  if (r.readOnly != null) ev.ReadOnly = String(r.readOnly);
  if (r.accessKeyId != null) ev.AccessKeyId = String(r.accessKeyId);
  ev.EventTime = awsCliTime(Number(r.t_us));
  if (r.eventSource != null) ev.EventSource = String(r.eventSource);
  if (r.username != null) ev.Username = String(r.username);
  ev.Resources = ((r.res as Row[] | null) ?? []).map((x) => {
    const o: { ResourceType?: string; ResourceName?: string } = {};
    if (x.type != null) o.ResourceType = String(x.type);
    if (x.name != null) o.ResourceName = String(x.name);
    return o;
  });
  ev.CloudTrailEvent = String(r.eventJson);
  return ev as LookupEvent;
}

/** What a NextToken carries: the last position, and a fingerprint of the query it belongs to. */
export function encodeToken(q: LookupQuery, p: Position): string {
  return Buffer.from(JSON.stringify({ v: 1, f: fingerprint(q), ...p })).toString('base64');
}

export function decodeToken(q: LookupQuery, token: string): Position {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw usage(`Bad starting token: ${token}`);
  }
  if (o?.v !== 1 || typeof o.t !== 'number' || typeof o.i !== 'string' || typeof o.c !== 'string') throw usage(`Bad starting token: ${token}`);
  if (o.f !== fingerprint(q)) {
    throw serviceError('InvalidNextTokenException', 'this token belongs to a lookup with other parameters; repeat the same --lookup-attributes, --start-time, --end-time, --event-category and --region with it');
  }
  return { t: o.t, i: o.i, c: o.c };
}

function fingerprint(q: LookupQuery): string {
  const key = JSON.stringify([q.attribute?.key, q.attribute?.value, q.startUs, q.endUs, q.category, q.region, !!q.allEvents]);
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** Events handed to the writers at a time. */
const BATCH = 1000;

/**
 * Runs the lookup, handing events to `onPage` in newest-first batches. Stops after maxItems
 * events and returns the NextToken when more remain (none when everything was returned).
 *
 * One streamed statement, not a statement per page: a page query re-reads the whole store, so
 * paging through a million events that way costs minutes; DuckDB sorts once (spilling to disk
 * if it must) and the rows are converted a chunk at a time. This goes to the connection rather
 * than session.run(), which buffers the whole result; the SQL is DuckDB dialect either way.
 */
export async function runLookup(
  session: QuerySession,
  store: StoreInfo,
  q: LookupQuery,
  opts: { maxItems?: number; startingToken?: string },
  onPage: (events: LookupEvent[]) => void | Promise<void>,
): Promise<string | undefined> {
  const after = opts.startingToken ? decodeToken(q, opts.startingToken) : undefined;
  const max = opts.maxItems ?? Infinity;
  const sql = lookupSql(store, q, after, Number.isFinite(max) ? max + 1 : undefined);
  let emitted = 0;
  let last: Row | undefined;
  let batch: LookupEvent[] = [];
  let more = false;
  try {
    const result = await session.db.conn.stream(sql);
    const types = result.columnTypes();
    const names = result.columnNames();
    for await (const rows of result.yieldRowsJs()) {
      for (const raw of rows) {
        if (emitted >= max) {
          more = true;
          break;
        }
        const row: Row = Object.fromEntries(names.map((n, k) => [n, toJsonValue(raw[k], types[k]!)]));
        batch.push(toEvent(row));
        last = row;
        emitted++;
        if (batch.length >= BATCH) {
          await onPage(batch);
          batch = [];
        }
      }
      if (more) break;
    }
  } catch (e) {
    throw mapDuckDbError(e, session.db.path);
  }
  if (batch.length) await onPage(batch);
  if (!more || !last) return undefined;
  return encodeToken(q, { t: Number(last.t_us), i: String(last.pos_id), c: String(last.pos_ck) });
}
