/**
 * The event schema, declared once. Both the DuckDB DDL and the JSON-to-row transform used by
 * ingest are derived from this description, so the stored types and the decoding rules can
 * never drift apart.
 *
 * Names follow the CloudTrail record (camelCase); DuckDB resolves identifiers and struct fields
 * case-insensitively, which is what Lake queries (`eventtime`, `useridentity.sessioncontext`)
 * rely on.
 */

/** A node of the schema: a scalar DuckDB type name, a struct, a list of structs, or a map. */
export type FieldType =
  | { kind: 'scalar'; duck: 'VARCHAR' | 'BOOLEAN' | 'TIMESTAMP' | 'DOUBLE' | 'BIGINT' }
  | { kind: 'struct'; fields: Field[] }
  | { kind: 'list'; of: FieldType }
  | { kind: 'map' };

export interface Field {
  name: string;
  type: FieldType;
  /** The key in the event JSON when it differs from the column name (resources[].ARN → arn). */
  jsonKey?: string;
  /** One line for the README's schema table. */
  doc?: string;
}

const s = (duck: 'VARCHAR' | 'BOOLEAN' | 'TIMESTAMP' | 'DOUBLE' | 'BIGINT'): FieldType => ({ kind: 'scalar', duck });
const str = s('VARCHAR');
const struct = (...fields: [string, FieldType, string?][]): FieldType => ({
  kind: 'struct',
  fields: fields.map(([name, type, jsonKey]) => (jsonKey ? { name, type, jsonKey } : { name, type })),
});
/** Lake exposes these objects as map<string,string>: top-level keys, scalars as text, nested values as JSON text. */
const map: FieldType = { kind: 'map' };

const principal = (): [string, FieldType][] => [
  ['type', str],
  ['principalId', str],
  ['arn', str],
  ['accountId', str],
];

export const USER_IDENTITY: FieldType = struct(
  ...principal(),
  ['accessKeyId', str],
  ['userName', str],
  [
    'sessionContext',
    struct(
      ['attributes', struct(['creationDate', s('TIMESTAMP')], ['mfaAuthenticated', str])],
      ['sessionIssuer', struct(...principal(), ['userName', str])],
      ['webIdFederationData', struct(['federatedProvider', str], ['attributes', map])],
      ['sourceIdentity', str],
      ['ec2RoleDelivery', str],
      ['ec2IssuedInVpc', str],
      ['assumedRoot', str],
    ),
  ],
  ['onBehalfOf', struct(['userId', str], ['identityStoreArn', str])],
  ['inScopeOf', struct(['sourceArn', str], ['sourceAccount', str], ['issuerType', str], ['credentialsIssuedTo', str])],
  ['invokedBy', str],
  ['identityProvider', str],
  ['credentialId', str],
);

/** Columns decoded from the event JSON, in Lake's documented order. */
export const EVENT_FIELDS: Field[] = [
  { name: 'eventVersion', type: str, doc: 'Record format version, e.g. 1.08' },
  { name: 'userIdentity', type: USER_IDENTITY, doc: 'Who made the call (all documented nested fields)' },
  { name: 'eventTime', type: s('TIMESTAMP'), doc: 'When the call was made, UTC' },
  { name: 'eventSource', type: str },
  { name: 'eventName', type: str },
  { name: 'awsRegion', type: str },
  { name: 'sourceIPAddress', type: str },
  { name: 'userAgent', type: str },
  { name: 'errorCode', type: str },
  { name: 'errorMessage', type: str },
  { name: 'requestParameters', type: map, doc: 'Top-level keys; scalars as text, nested values as JSON text' },
  { name: 'responseElements', type: map, doc: 'As requestParameters' },
  { name: 'additionalEventData', type: map, doc: 'As requestParameters' },
  { name: 'requestID', type: str },
  { name: 'eventID', type: str },
  { name: 'readOnly', type: s('BOOLEAN') },
  {
    name: 'resources',
    type: { kind: 'list', of: struct(['accountId', str], ['type', str], ['arn', str, 'ARN'], ['arnPrefix', str]) },
    doc: 'The record\'s resources (`ARN` in the JSON is `arn` here)',
  },
  { name: 'eventType', type: str },
  { name: 'apiVersion', type: str },
  { name: 'managementEvent', type: s('BOOLEAN') },
  { name: 'recipientAccountId', type: str },
  { name: 'sharedEventID', type: str },
  { name: 'annotation', type: str },
  { name: 'vpcEndpointId', type: str },
  { name: 'vpcEndpointAccountId', type: str },
  { name: 'serviceEventDetails', type: map },
  { name: 'addendum', type: map },
  { name: 'edgeDeviceDetails', type: map },
  { name: 'insightDetails', type: map, doc: 'Insights events only' },
  { name: 'eventCategory', type: str },
  { name: 'tlsDetails', type: struct(['tlsVersion', str], ['cipherSuite', str], ['clientProvidedHostHeader', str]) },
  { name: 'sessionCredentialFromConsole', type: str },
  {
    name: 'eventContext',
    type: struct(
      ['requestContext', map],
      ['tagContext', struct(['principalTags', map], ['resourceTags', { kind: 'list', of: struct(['arn', str], ['tags', map]) }])],
    ),
    doc: 'Enriched events only; NULL unless present',
  },
];

/**
 * The top-level map columns (requestParameters and the like) are not stored: a store view decodes
 * them from eventJson when a query reads them. They are the costliest columns to build at ingest
 * (measured: 3.3 of 19.5 CPU-s per million events) and would hold every byte a second time
 * (+100 MB per million events), while most queries filter on other columns first, so the view
 * decodes only the rows that survive the filter. DuckDB's own json_transform does the work in
 * both places, so the values are the same as if they had been stored.
 */
export const isStored = (f: Field): boolean => f.type.kind !== 'map';

/** The decoded columns the events table keeps. */
export const STORED_FIELDS: Field[] = EVENT_FIELDS.filter(isStored);

/** Columns ingest adds beside the decoded ones. */
export const PROVENANCE_COLUMNS: { name: string; duck: string; doc: string }[] = [
  {
    name: 'eventJson',
    duck: 'VARCHAR',
    doc: 'The whole event as JSON, every key and value of the original (printed by DuckDB\'s JSON writer: no whitespace, `\\u` escapes of printable characters decoded)',
  },
  { name: 'storeId', duck: 'VARCHAR', doc: 'Id (UUID) of the event data store the event belongs to' },
  { name: 'sourceFile', duck: 'VARCHAR', doc: 'Path of the file the event came from (`archive.zip!/entry` inside a zip)' },
  { name: 'fileKind', duck: 'VARCHAR', doc: '`CloudTrail` or `CloudTrail-Insight`, from the path' },
  { name: 'pathOrgId', duck: 'VARCHAR', doc: 'Organization id from an organization-trail path, else NULL' },
  { name: 'pathAccountId', duck: 'VARCHAR', doc: 'Account id from the S3 path (may differ from recipientAccountId)' },
  { name: 'pathRegion', duck: 'VARCHAR', doc: 'Region from the S3 path' },
  { name: 'pathDate', duck: 'DATE', doc: 'Delivery date from the S3 path' },
];

/** Internal columns: not shown through store views. */
export const INTERNAL_COLUMNS: { name: string; duck: string }[] = [
  // The ledger row (ct_files.fileId) the event was loaded from.
  { name: 'fileId', duck: 'INTEGER' },
];

export function duckType(t: FieldType): string {
  switch (t.kind) {
    case 'scalar':
      return t.duck;
    case 'map':
      return 'MAP(VARCHAR, VARCHAR)';
    case 'list':
      return `${duckType(t.of)}[]`;
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `${quoteIdent(f.name)} ${duckType(f.type)}`).join(', ')})`;
  }
}

/** The `json_transform` structure: keys are JSON keys, values DuckDB type names. */
export function transformStructure(t: FieldType): unknown {
  switch (t.kind) {
    case 'scalar':
      return t.duck;
    case 'map':
      return 'MAP(VARCHAR, VARCHAR)';
    case 'list':
      return [transformStructure(t.of)];
    case 'struct': {
      const o: Record<string, unknown> = {};
      for (const f of t.fields) o[f.jsonKey ?? f.name] = transformStructure(f.type);
      return o;
    }
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal (NULL for null/undefined). */
export function quoteString(value: string | null | undefined): string {
  return value == null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

/** Every stored column of the events table, in order. */
export function eventsTableColumns(): { name: string; duck: string }[] {
  return [
    ...STORED_FIELDS.map((f) => ({ name: f.name, duck: duckType(f.type) })),
    ...PROVENANCE_COLUMNS,
    ...INTERNAL_COLUMNS,
  ];
}

/** Columns a store view exposes: Lake's columns, eventJson, eventJsonChecksum, provenance. */
export function viewColumnsSql(): string {
  const lake = EVENT_FIELDS.map((f) => (isStored(f) ? quoteIdent(f.name) : `${decodedOnReadSql(f)} AS ${quoteIdent(f.name)}`));
  const prov = PROVENANCE_COLUMNS.map((c) => quoteIdent(c.name));
  // eventJson first among provenance so the checksum sits beside it, as in Lake's column list.
  return [...lake, prov[0], 'md5("eventJson") AS "eventJsonChecksum"', ...prov.slice(1)].join(', ');
}

/** A column that is not stored, decoded from eventJson (one parse per column the query reads). */
function decodedOnReadSql(f: Field): string {
  const key = f.jsonKey ?? f.name;
  return `struct_extract(json_transform("eventJson", ${quoteString(JSON.stringify({ [key]: transformStructure(f.type) }))}), ${quoteString(key)})`;
}

/**
 * SQL that turns a VARCHAR column holding one event's JSON text into every stored column.
 * Uses DuckDB's non-strict json_transform: a value whose JSON type does not fit the column
 * (a string where an object was expected, say) becomes NULL instead of failing the file; the
 * original is still in eventJson.
 */
export function decodeProjectionSql(jsonExpr: string, rowAlias = '_r'): { inner: string; outer: string[] } {
  const structure = transformStructure({ kind: 'struct', fields: STORED_FIELDS });
  const inner = `json_transform(${jsonExpr}, ${quoteString(JSON.stringify(structure))}) AS ${rowAlias}`;
  const outer = STORED_FIELDS.map((f) => `${rowAlias}.${quoteIdent(f.jsonKey ?? f.name)} AS ${quoteIdent(f.name)}`);
  return { inner, outer };
}
