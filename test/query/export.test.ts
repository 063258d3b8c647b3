import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../src/store/duckdb.js';
import { DDL_FILE, exportStore } from '../../src/query/export.js';
import { tempDir } from '../helpers/cli.js';
import { buildSampleStore, sha256 } from './fixture.js';

/**
 * `ctlake export` round trip: the Parquet tree read back with DuckDB's read_parquet (Hive
 * partitioning) has the store's events, partition by partition, and the DDL matches the layout.
 */

let tmp: ReturnType<typeof tempDir>;
let path: string;
let reader: Db;

type Part = {
  account: string;
  region: string;
  date: string;
  n: bigint;
};

beforeAll(async () => {
  tmp = tempDir();
  path = await buildSampleStore(tmp.dir);
  reader = await Db.open(':memory:');
});
afterAll(() => {
  reader?.close();
  tmp?.cleanup();
});

async function storeCounts(where = ''): Promise<Part[]> {
  const db = await Db.open(path, { readOnly: true, externalAccess: false });
  try {
    return await db.all<Part>(
      `SELECT coalesce(recipientAccountId, pathAccountId) AS account, awsRegion AS region, strftime(eventTime, '%Y-%m-%d') AS date, count(*) AS n
         FROM events ${where} GROUP BY ALL ORDER BY ALL`,
    );
  } finally {
    db.close();
  }
}

const parquetCounts = (dir: string) =>
  reader.all<Part>(`SELECT account::VARCHAR AS account, region, date::VARCHAR AS date, count(*) AS n FROM read_parquet('${dir}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false) GROUP BY ALL ORDER BY ALL`);

describe('export', () => {
  it('writes account=/region=/date= Parquet whose counts per partition equal the store\'s', async () => {
    const out = join(tmp.dir, 'export-all');
    const hash = sha256(path);
    const s = await exportStore(path, { out });
    const expected = await storeCounts();
    expect(await parquetCounts(out)).toEqual(expected);
    expect(s.events).toBe(expected.reduce((a, p) => a + Number(p.n), 0));
    expect(s.partitions.map((p) => [p.account, p.region, p.date, BigInt(p.events)])).toEqual(expected.map((p) => [p.account, p.region, p.date, p.n]));
    // The layout on disk, one folder level per partition key, partition values not in the files.
    const first = expected[0]!;
    const dir = join(out, `account=${first.account}`, `region=${first.region}`, `date=${first.date}`);
    expect(readdirSync(dir).every((f) => f.endsWith('.parquet'))).toBe(true);
    const cols = await reader.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet('${dir}/*.parquet', hive_partitioning = false)`);
    expect(cols.map((c) => c.column_name)).not.toContain('account');
    expect(cols.map((c) => c.column_name)).toEqual(expect.arrayContaining(['eventTime', 'userIdentity', 'requestParameters', 'eventJson', 'sourceFile']));
    expect(sha256(path)).toBe(hash);
  });

  it('keeps whole events: eventJson and nested columns survive the round trip', async () => {
    const out = join(tmp.dir, 'export-all');
    const db = await Db.open(path, { readOnly: true, externalAccess: false });
    const orig = await db.all<{ eventID: string; eventJson: string; arn: string | null }>(`SELECT eventID, eventJson, userIdentity.arn AS arn FROM events ORDER BY eventID, eventJson`);
    db.close();
    const back = await reader.all<{ eventID: string; eventJson: string; arn: string | null }>(
      `SELECT eventID, eventJson, userIdentity.arn AS arn FROM read_parquet('${out}/**/*.parquet') ORDER BY eventID, eventJson`,
    );
    expect(back).toEqual(orig);
  });

  it('prints Athena DDL for the layout (Hive types, string partitions, Parquet, LOCATION, MSCK REPAIR) and saves it beside the data', async () => {
    const out = join(tmp.dir, 'export-ddl');
    const s = await exportStore(path, { out, table: 'trail', location: 's3://my-bucket/ct' });
    expect(s.ddl).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS trail \($/m);
    expect(s.ddl).toContain('`eventTime` timestamp,');
    expect(s.ddl).toContain('`readOnly` boolean,');
    expect(s.ddl).toContain('`requestParameters` map<string,string>,');
    expect(s.ddl).toContain('`userIdentity` struct<type:string,principalId:string,arn:string,accountId:string,accessKeyId:string,userName:string,sessionContext:struct<attributes:struct<creationDate:timestamp,');
    expect(s.ddl).toContain('`resources` array<struct<accountId:string,type:string,arn:string,arnPrefix:string>>,');
    expect(s.ddl).toContain('`pathDate` date');
    expect(s.ddl).toContain('PARTITIONED BY (`account` string, `region` string, `date` string)\nSTORED AS PARQUET\nLOCATION \'s3://my-bucket/ct/\';');
    expect(s.ddl).toContain('MSCK REPAIR TABLE trail;');
    expect(s.ddl).not.toMatch(/`(account|region|date)` string,\n/); // partition keys are not data columns
    expect(readFileSync(join(out, DDL_FILE), 'utf8')).toBe(s.ddl);
    expect(s.ddl).toContain('s3://my-bucket/ct/');
  });

  it('--since / --until select whole UTC days', async () => {
    const all = await storeCounts();
    const days = [...new Set(all.map((p) => p.date))].sort();
    const [since, until] = [days[1]!, days[2]!];
    const out = join(tmp.dir, 'export-range');
    const s = await exportStore(path, { out, since, until });
    const expected = await storeCounts(`WHERE eventTime >= TIMESTAMP '${since}' AND eventTime < TIMESTAMP '${until}' + INTERVAL 1 DAY`);
    expect(await parquetCounts(out)).toEqual(expected);
    expect(new Set(s.partitions.map((p) => p.date))).toEqual(new Set([since, until]));
  });

  it('refuses a non-empty folder, bad days and unknown stores, and leaves nothing behind', async () => {
    const busy = join(tmp.dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'keep.txt'), 'x');
    await expect(exportStore(path, { out: busy })).rejects.toThrow(/already exists and is not an empty folder/);
    expect(readdirSync(busy)).toEqual(['keep.txt']);
    await expect(exportStore(path, { out: join(tmp.dir, 'x1'), since: '2024-3-1' })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(exportStore(path, { out: join(tmp.dir, 'x2'), store: 'nope' })).rejects.toThrow(/no store named "nope"/);
    expect(existsSync(join(tmp.dir, 'x1')) || existsSync(join(tmp.dir, 'x2'))).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('ctlake-tmp'))).toEqual([]);
  });

  it('an empty folder is fine; an empty range gives an empty export with the DDL', async () => {
    const out = join(tmp.dir, 'empty-dir');
    mkdirSync(out);
    const s = await exportStore(path, { out, since: '1999-01-01', until: '1999-01-02' });
    expect(s.events).toBe(0);
    expect(readdirSync(out)).toEqual([DDL_FILE]);
  });

  it('aborting interrupts the export and leaves no folder', async () => {
    const ac = new AbortController();
    ac.abort();
    const out = join(tmp.dir, 'aborted');
    await expect(exportStore(path, { out, signal: ac.signal })).rejects.toBeDefined();
    expect(existsSync(out)).toBe(false);
  });
});
