import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateLake } from '../../src/query/lake/index.js';
import type { TestStore } from '../../src/query/lake/test-store.js';
import { fixtureStore, lake, lakeColumns, STORE_A, STORE_B } from './fixture.js';

/** Lake SQL in, expected rows out, on the hand-written fixture store (store `main`). */
const CASES: [string, string, unknown[]][] = [
  [
    'struct paths in any case, depth 4',
    "SELECT USERIDENTITY.SESSIONCONTEXT.SESSIONISSUER.USERNAME AS u, useridentity.sessioncontext.attributes.mfaauthenticated AS m FROM eds WHERE EVENTID = 'e2'",
    [{ u: 'Admin', m: 'true' }],
  ],
  ['quoted identifiers are case-insensitive too', `SELECT "EVENTNAME" AS n FROM eds WHERE "eventid" = 'e1'`, [{ n: 'ConsoleLogin' }]],
  [
    'eventTime compared with string literals in several spellings',
    "SELECT count(*) AS n FROM eds WHERE eventTime > '2023-01-23 00:00:00' AND eventTime < '2023-01-24T09:00:00Z' AND eventtime >= '2023-01-23'",
    [{ n: '3' }],
  ],
  ['timestamp literals', "SELECT eventID FROM eds WHERE eventTime >= timestamp '2023-01-25 00:00:00'", [{ eventID: 'e6' }]],
  ['BETWEEN with string literals', "SELECT count(*) AS n FROM eds WHERE eventTime BETWEEN '2023-01-22 00:00:00' AND '2023-01-22 23:59:59'", [{ n: '1' }]],
  [
    'element_at on maps (missing key is NULL) and arrays (negative index)',
    "SELECT element_at(requestParameters, 'bucketName') AS b, element_at(requestParameters, 'nope') AS x, element_at(resources, -1).type AS t FROM eds WHERE eventID = 'e3'",
    [{ b: 'demo-bucket', x: null, t: 'AWS::S3::Bucket' }],
  ],
  [
    'element_at(resources, 1).arn across lines, named after the field',
    "SELECT element_at(resources, 1\n  ).arn FROM eds WHERE eventID = 'e6'",
    [{ arn: 'arn:aws:iam::111122223333:role/Admin' }],
  ],
  [
    'nested JSON values of a map are JSON text',
    "SELECT json_extract_scalar(element_at(responseElements, 'instancesSet'), '$.items[0].instanceId') AS i, element_at(requestParameters, 'maxCount') AS c FROM eds WHERE eventID = 'e4'",
    [{ i: 'i-b188560f', c: '1' }],
  ],
  [
    'LIKE on a JSON text value, as 067 does',
    "SELECT eventID FROM eds WHERE element_at(responseElements, 'instancesSet') like '%\"instanceId\":\"i-b188560f\"%'",
    [{ eventID: 'e4' }],
  ],
  ['any_match over resources', "SELECT eventID FROM eds WHERE any_match(resources, x -> x.TYPE = 'AWS::S3::Object')", [{ eventID: 'e3' }]],
  ['lambda parameters resolve case-insensitively', "SELECT eventID FROM eds WHERE any_match(resources, Res -> RES.Type = 'AWS::IAM::Role')", [{ eventID: 'e6' }]],
  [
    'filter and cardinality',
    "SELECT eventID, cardinality(filter(resources, r -> r.type LIKE 'AWS::S3::%')) AS n FROM eds WHERE cardinality(resources) > 1",
    [{ eventID: 'e3', n: '2' }],
  ],
  [
    'any_match over enriched-event resource tags',
    "SELECT eventID FROM eds-id WHERE any_match(eventContext.tagcontext.resourcetags, rt->element_at(rt.tags, 'Environment') = 'prod')",
    [{ eventID: 'e3' }],
  ],
  [
    'implicit CROSS JOIN UNNEST with an alias and no column list',
    "SELECT element_at(rt.tags, 'solution') AS s, count(*) AS n FROM eds-id, unnest(eventContext.tagContext.resourceTags) as rt GROUP BY 1 ORDER BY 2 DESC",
    [{ s: 'lake', n: '2' }],
  ],
  [
    'UNNEST with a column list',
    "SELECT t.typ FROM eds CROSS JOIN UNNEST(resources) AS t(acct, typ, arn, prefix) WHERE eventID = 'e3' ORDER BY 1",
    [{ typ: 'AWS::S3::Bucket' }, { typ: 'AWS::S3::Object' }],
  ],
  [
    'UNNEST of a map gives key and value',
    "SELECT k, v FROM eds, UNNEST(requestParameters) AS m(k, v) WHERE eventID = 'e5'",
    [{ k: 'userName', v: 'mallory' }],
  ],
  [
    'UNNEST of a scalar array WITH ORDINALITY',
    "SELECT x, n FROM eds, UNNEST(split('a,b', ',')) WITH ORDINALITY AS s(x, n) WHERE eventID = 'e1' ORDER BY n",
    [{ x: 'a', n: '1' }, { x: 'b', n: '2' }],
  ],
  [
    'a derived table without an alias',
    "SELECT count(*) AS n FROM (SELECT eventName FROM eds) WHERE eventName LIKE 'Create%'",
    [{ n: '2' }],
  ],
  [
    'window functions',
    "SELECT eventID, rank() over (partition by eventSource order by eventTime desc) AS rnk FROM eds WHERE eventSource = 's3.amazonaws.com' ORDER BY eventID",
    [{ eventID: 'e2', rnk: '2' }, { eventID: 'e3', rnk: '1' }],
  ],
  [
    'ordinals, count (*), trailing semicolon, both comment styles',
    "SELECT eventSource, count (*) AS n -- how many\nFROM eds /* the store */ GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2;",
    [{ eventSource: 's3.amazonaws.com', n: '2' }, { eventSource: 'ec2.amazonaws.com', n: '1' }],
  ],
  [
    'boolean comparisons, != and <>',
    "SELECT eventID FROM eds WHERE readOnly = false AND managementEvent=True AND eventSource != 'signin.amazonaws.com' AND eventSource <> 'ec2.amazonaws.com' AND errorCode IS NULL",
    [{ eventID: 'e2' }],
  ],
  ['a string column compared with a boolean (078)', 'SELECT eventID FROM eds WHERE sessionCredentialFromConsole = true', [{ eventID: 'e1' }]],
  [
    'aliases named user, key, value, operator (with and without AS), used again in ORDER BY',
    "SELECT userIdentity.arn AS user, element_at(requestParameters, 'key') key, element_at(requestParameters, 'bucketName') value, element_at(eventContext.tagContext.principalTags, 'operator') AS operator FROM eds WHERE eventID = 'e3' ORDER BY user, key, value",
    [{ user: 'arn:aws:sts::111122223333:assumed-role/Admin/alice', key: 'a.txt', value: 'demo-bucket', operator: 'ops-team' }],
  ],
  [
    'IF with an alias equal to a column, GROUP BY the column (026)',
    "SELECT IF(readOnly, 'read', 'write') AS readOnly, COUNT(*) as eventCount FROM eds GROUP BY readOnly ORDER BY readOnly",
    [{ readOnly: 'read', eventCount: '1' }, { readOnly: 'write', eventCount: '5' }],
  ],
  [
    'arbitrary and max_by',
    "SELECT eventSource, arbitrary(eventType) AS t, max_by(eventName, eventTime) AS latest FROM eds WHERE eventSource = 's3.amazonaws.com' GROUP BY eventSource",
    [{ eventSource: 's3.amazonaws.com', t: 'AwsApiCall', latest: 'PutObject' }],
  ],
  [
    'day_of_week is Monday=1..Sunday=7',
    'SELECT day_of_week(eventTime) AS d, count(*) AS n FROM eds GROUP BY day_of_week(eventTime) ORDER BY day_of_week(eventTime)',
    [{ d: '1', n: '2' }, { d: '2', n: '2' }, { d: '3', n: '1' }, { d: '7', n: '1' }],
  ],
  [
    'date() and date_trunc',
    "SELECT date(eventTime) AS d, date_trunc('month', eventTime) AS m FROM eds WHERE eventID = 'e2'",
    [{ d: '2023-01-23', m: '2023-01-01 00:00:00' }],
  ],
  ['CAST(eventTime AS varchar) prints milliseconds like Trino', "SELECT CAST(eventTime AS varchar) AS t FROM eds WHERE eventID = 'e2'", [{ t: '2023-01-23 11:30:00.250' }]],
  [
    'REPLACE with two arguments and CAST to double (097)',
    "SELECT REPLACE(eventSource, '.amazonaws.com') AS service, CAST(REPLACE(tlsDetails.tlsVersion, 'TLSv', '') AS DOUBLE) AS v FROM eds WHERE eventID = 'e2'",
    [{ service: 's3', v: 1.2 }],
  ],
  [
    'regexp_replace replaces every match',
    "SELECT regexp_replace(eventSource, '[aeiou]') AS s FROM eds WHERE eventID = 'e6'",
    [{ s: 'sts.mznws.cm' }],
  ],
  [
    'nested IN subqueries over the same store (040)',
    "SELECT eventID FROM $EDS_ID WHERE eventName IN (SELECT eventName FROM $EDS_ID WHERE userIdentity.principalId IN (SELECT userIdentity.principalid FROM $EDS_ID WHERE eventID = 'e5')) AND eventSource = 's3.amazonaws.com' ORDER BY 1",
    [{ eventID: 'e2' }, { eventID: 'e3' }],
  ],
  ['the table name as a qualifier', "SELECT eds.eventName FROM eds WHERE eds.eventID = 'e1'", [{ eventName: 'ConsoleLogin' }]],
  ['two placeholders for one store, without aliases', "SELECT count(*) AS n FROM eds1, eds2 WHERE eds1.eventID = eds2.eventID", [{ n: '6' }]],
  ['HAVING', 'SELECT eventSource FROM eds GROUP BY eventSource HAVING count(*) > 1', [{ eventSource: 's3.amazonaws.com' }]],
  [
    'SELECT DISTINCT',
    "SELECT DISTINCT userIdentity.accountId AS a FROM eds WHERE userIdentity.type = 'AssumedRole'",
    [{ a: '111122223333' }],
  ],
  [
    'a CTE named like a placeholder is the CTE, not the store',
    "WITH eds AS (SELECT * FROM <EDS ID> WHERE eventSource = 's3.amazonaws.com') SELECT count(*) AS n FROM eds",
    [{ n: '2' }],
  ],
  ['eventContext is NULL unless present', "SELECT eventContext IS NULL AS missing FROM eds WHERE eventID = 'e1'", [{ missing: true }]],
  ['VALUES', "SELECT * FROM (VALUES (1, 'a')) AS t(x, y)", [{ x: 1, y: 'a' }]],
  [
    'aggregate FILTER clause (not the filter() function)',
    "SELECT count(*) FILTER (WHERE errorCode IS NOT NULL) AS errs FROM eds",
    [{ errs: '1' }],
  ],
  [
    'UNNEST of a column through a table alias',
    "SELECT r.arn FROM eds e CROSS JOIN UNNEST(e.resources) AS r WHERE r.type = 'AWS::S3::Object'",
    [{ arn: 'arn:aws:s3:::demo-bucket/a.txt' }],
  ],
  ['unnest aliases resolve case-insensitively', "SELECT element_at(RT.Tags, 'Environment') AS e FROM eds, unnest(eventContext.tagContext.resourceTags) AS rt WHERE Rt.ARN = 'arn:aws:s3:::demo-bucket'", [{ e: 'prod' }]],
  [
    'from_iso8601_timestamp and to_iso8601 on eventTime',
    "SELECT from_iso8601_timestamp(json_extract_scalar(eventJson, '$.eventTime')) = eventTime AS same, to_iso8601(eventTime) AS iso FROM eds WHERE eventID = 'e2'",
    [{ same: true, iso: '2023-01-23T11:30:00.250' }],
  ],
  ['date_diff over aggregates', "SELECT date_diff('hour', min(eventTime), max(eventTime)) AS h FROM eds", [{ h: '62' }]],
  [
    'date_format buckets',
    "SELECT date_format(eventTime, '%Y-%m-%d %H:00') AS hr, count(*) AS n FROM eds GROUP BY 1 ORDER BY 1 LIMIT 2",
    [{ hr: '2023-01-22 10:00', n: '1' }, { hr: '2023-01-23 11:00', n: '1' }],
  ],
  [
    'regexp_extract with a group, url_extract_host on a map value',
    "SELECT regexp_extract(userAgent, '^([^/]+)/', 1) AS ua, url_extract_host(element_at(additionalEventData, 'LoginTo')) AS host FROM eds WHERE eventID = 'e1'",
    [{ ua: 'aws-cli', host: 'console.aws.amazon.com' }],
  ],
  [
    'transform and array_join over resources',
    "SELECT transform(resources, r -> r.arn) AS arns, array_join(transform(resources, r -> r.type), ';') AS types FROM eds WHERE eventID = 'e3'",
    [{ arns: ['arn:aws:s3:::demo-bucket/a.txt', 'arn:aws:s3:::demo-bucket'], types: 'AWS::S3::Object;AWS::S3::Bucket' }],
  ],
  ['contains over map_keys', "SELECT eventID FROM eds WHERE contains(map_keys(requestParameters), 'roleSessionName')", [{ eventID: 'e6' }]],
  ['cardinality of a map', "SELECT cardinality(requestParameters) AS n FROM eds WHERE eventID = 'e2'", [{ n: '3' }]],
  [
    'AT TIME ZONE reads eventTime as UTC, like Trino',
    "SELECT eventTime AT TIME ZONE 'America/New_York' AS ny FROM eds WHERE eventID = 'e1'",
    [{ ny: '2023-01-22 05:00:00' }],
  ],
  ['integer division, as in Trino', 'SELECT sum(CASE WHEN readOnly THEN 1 ELSE 0 END) * 100 / count(*) AS pct FROM eds', [{ pct: '16' }]],
  [
    'json_array_length of a nested JSON value',
    "SELECT json_array_length(json_extract(element_at(responseElements, 'instancesSet'), '$.items')) AS n FROM eds WHERE eventID = 'e4'",
    [{ n: '2' }],
  ],
  [
    'a window function over the whole store',
    'SELECT eventID, lag(eventID) OVER (ORDER BY eventTime) AS prev FROM eds ORDER BY eventTime LIMIT 2',
    [{ eventID: 'e1', prev: null }, { eventID: 'e2', prev: 'e1' }],
  ],
  [
    'UNION across stores by id and name',
    `SELECT eventID FROM ${STORE_A.id} WHERE eventID = 'e1' UNION ALL SELECT eventID FROM ${STORE_B.name} WHERE eventID = 'e1'`,
    [{ eventID: 'e1' }, { eventID: 'e1' }],
  ],
  [
    'LEFT JOIN of two stores with aliases edsA / edsB',
    `SELECT edsA.eventName AS a, edsB.eventName AS b FROM ${STORE_A.id} as edsA LEFT JOIN ${STORE_B.id} as edsB ON edsA.eventId = edsB.eventId WHERE edsA.eventtime <= '2023-01-23 23:00:00' ORDER BY edsA.eventTime`,
    [{ a: 'ConsoleLogin', b: 'ConsoleLogin' }, { a: 'CreateBucket', b: 'CreateBucket' }, { a: 'PutObject', b: null }],
  ],
];

const PLACEHOLDERS = [
  '$EDS_ID', '<EDS ID>', '<EDS_ID>', '<event_data_store_id>', '<event-data-store-ID>', '<Event data store Id>', '<EVENT_DATA_STORE_ID>',
  '<EventDataStoreId>', '<event data store id>', 'event_data_store_ID', 'config_event_data_store_ID', 'eds-id', 'eds-ID',
  'event-data-store-id', 'eds', 'EDS1', 'EDS2', 'eds1', 'edsA', 'edsB', '{{replace with your event data store id}}', '{{eds}}',
  'EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE', 'EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE', 'xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxx',
  STORE_A.id, STORE_A.id.toUpperCase(), STORE_A.name, `"${STORE_A.id}"`, `"${STORE_A.name}"`,
];

describe('Lake SQL -> rows on the fixture store', () => {
  let st: TestStore;
  beforeAll(async () => {
    st = await fixtureStore();
  });
  afterAll(() => st.close());

  it.each(CASES)('%s', async (_name, sql, expected) => {
    expect(await lake(st, sql)).toEqual(expected);
  });

  it.each(PLACEHOLDERS)('FROM %s reads the chosen store', async (table) => {
    expect(await lake(st, `SELECT count(*) AS n FROM ${table} WHERE eventName = 'ConsoleLogin'`)).toEqual([{ n: '1' }]);
  });

  it('names unaliased columns like Trino: paths by their last field, anything else _colN', async () => {
    const cols = await lakeColumns(
      st,
      "SELECT eventName, userIdentity.arn, count(*), element_at(requestParameters, 'bucketName'), element_at(resources, 1).arn, eventSource src FROM eds GROUP BY 1, 2, 4, 5, 6",
    );
    expect(cols).toEqual(['eventName', 'arn', '_col2', '_col3', 'arn', 'src']);
  });

  it('fills ? markers and dashboard parameters', async () => {
    const dashboard = { StartTime: '2023-01-23 00:00:00', EndTime: '2023-01-24 00:00:00', Period: 'day' };
    const q = "SELECT DATE_TRUNC('?', eventTime) AS d, COUNT(*) AS n FROM eds WHERE eventTime > '?' AND eventTime < '?' GROUP BY DATE_TRUNC('?', eventTime)";
    expect(await lake(st, q, { params: ['$Period$', '$StartTime$', '$EndTime$', '$Period$'], dashboard })).toEqual([{ d: '2023-01-23 00:00:00', n: '2' }]);
    expect(await lake(st, 'SELECT eventID FROM eds WHERE eventTime > $StartTime$ AND eventTime < $EndTime$ AND eventName = ? LIMIT ?', { params: ['PutObject', '5'], dashboard })).toEqual([
      { eventID: 'e3' },
    ]);
    expect(await lake(st, "SELECT count(*) AS n FROM eds WHERE eventTime > '$StartTime$'", { dashboard })).toEqual([{ n: '5' }]);
  });

  it('copies string literals, quoted identifiers and comments unchanged', () => {
    const lit = "'FROM eds-id -- not a comment /* nor this */ element_at(x, 1) $EDS_ID ?'";
    const sql = `SELECT ${lit} AS "weird ""name"" eds-id" /* FROM eds-id element_at(a,1) */ -- x -> y\nFROM <EDS ID>`;
    const t = translateLake(sql, { stores: [STORE_A] });
    expect(t.sql).toContain(lit);
    expect(t.sql).toContain('"weird ""name"" eds-id"');
    expect(t.sql).toContain('/* FROM eds-id element_at(a,1) */ -- x -> y\n');
    expect(t.sql).toContain(`FROM "${STORE_A.id}"`);
  });

  it('runs EXPLAIN', async () => {
    const rows = await lake(st, "EXPLAIN SELECT eventName FROM eds WHERE eventID = 'e1'");
    expect(rows.length).toBeGreaterThan(0);
  });

  it('SELECT * exposes every Lake column plus eventJson and its checksum', async () => {
    const cols = await lakeColumns(st, 'SELECT * FROM eds LIMIT 1');
    for (const c of ['eventVersion', 'userIdentity', 'eventTime', 'requestParameters', 'resources', 'tlsDetails', 'eventContext', 'eventJson', 'eventJsonChecksum']) {
      expect(cols).toContain(c);
    }
  });
});
