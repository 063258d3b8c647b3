import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../src/store/duckdb.js';
import { listSamples } from '../../src/query/library.js';
import { ctlake, tempDir } from '../helpers/cli.js';
import { buildSampleStore, sha256 } from '../query/fixture.js';

/** `ctlake samples`, `ctlake saved ...`, `query --sample/--saved` and `ctlake export`, through the built CLI. */

let tmp: ReturnType<typeof tempDir>;
let db: string;
const run = (args: string[], opts: { input?: string } = {}) => ctlake(['--db', db, ...args], { cwd: tmp.dir, ...opts });

beforeAll(async () => {
  tmp = tempDir();
  db = await buildSampleStore(tmp.dir);
});
afterAll(() => tmp?.cleanup());

describe('samples', () => {
  it('lists name, title and tags; --tag filters; --format json gives the details', () => {
    const r = run(['samples']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ name\s+│ title\s+│ tags\s+│/);
    expect(r.stdout).toMatch(/│ top-apis-by-source\s+│ Top APIs aggregated by source\s+│ overview, aggregation\s+│/);
    expect(r.stdout).toMatch(new RegExp(`\\n${listSamples().length} rows\\n$`));
    const json = JSON.parse(run(['samples', '--format', 'json']).stdout) as { name: string; tags: string[]; description: string }[];
    expect(json).toHaveLength(listSamples().length);
    expect(json.every((x) => x.description.length > 0)).toBe(true);
    const cis = JSON.parse(run(['samples', '--tag', 'cis', '--format', 'json']).stdout) as { tags: string[] }[];
    expect(cis.length).toBeGreaterThan(3);
    expect(cis.every((x) => x.tags.includes('cis'))).toBe(true);
  });

  it('prints one sample and runs it with query --sample', () => {
    expect(run(['samples', 'root-account-usage']).stdout).toMatch(/^-- title: Root account usage\n[\s\S]*FROM \$EDS_ID/);
    const r = run(['query', '--sample', 'top-apis-by-source', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { eventSource: string; eventName: string; apiCount: number }[];
    expect(rows.length).toBeGreaterThan(10);
    expect(typeof rows[0]!.apiCount).toBe('number');
    const bad = run(['query', '--sample', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no sample query named "nope"; `ctlake samples` lists them');
  });
});

describe('saved queries', () => {
  it('save / list / show / query --saved / rm, in queries/ beside the store', () => {
    const dir = join(tmp.dir, 'queries');
    const s = run(['saved', 'save', 'assume-roles', "SELECT count(*) AS n FROM $EDS_ID WHERE eventName = 'AssumeRole'", '--title', 'AssumeRole count', '--tags', 'sts,identity']);
    expect(s.code).toBe(0);
    expect(s.stderr).toContain(`saved assume-roles to ${join(dir, 'assume-roles.sql')}`);
    expect(readFileSync(join(dir, 'assume-roles.sql'), 'utf8')).toBe("-- title: AssumeRole count\n-- tags: sts, identity\nSELECT count(*) AS n FROM $EDS_ID WHERE eventName = 'AssumeRole'\n");
    expect(run(['saved', 'list']).stdout).toMatch(/│ assume-roles │ AssumeRole count │ sts, identity │/);
    expect(run(['saved', 'show', 'assume-roles']).stdout).toContain("WHERE eventName = 'AssumeRole'");
    const q = run(['query', '--saved', 'assume-roles', '--format', 'csv']);
    expect(q.code).toBe(0);
    expect(Number(q.stdout.split('\n')[1])).toBeGreaterThan(0);
    expect(run(['saved', 'rm', 'assume-roles']).code).toBe(0);
    expect(existsSync(join(dir, 'assume-roles.sql'))).toBe(false);
    const again = run(['saved', 'rm', 'assume-roles']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no saved query named "assume-roles"/);
  });

  it('never overwrites without --force', () => {
    expect(run(['saved', 'save', 'dup', 'SELECT 1']).code).toBe(0);
    const r = run(['saved', 'save', 'dup', 'SELECT 2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a saved query named "dup" already exists .*; pass --force to replace it/);
    expect(run(['saved', 'show', 'dup']).stdout).toContain('SELECT 1');
    expect(run(['saved', 'save', 'dup', 'SELECT 2', '--force']).code).toBe(0);
    expect(run(['saved', 'show', 'dup']).stdout).toContain('SELECT 2');
  });

  it('refuses bad names and writes nothing', () => {
    const before = existsSync(join(tmp.dir, 'queries')) ? readdirSync(join(tmp.dir, 'queries')) : [];
    for (const bad of ['../escape', 'a/b', '..', 'with space', '.hidden']) {
      const r = run(['saved', 'save', bad, 'SELECT 1']);
      expect(r.code, bad).toBe(1);
      expect(r.stderr, bad).toMatch(/is not a valid query name/);
    }
    expect(existsSync(join(tmp.dir, 'escape.sql'))).toBe(false);
    expect(existsSync(join(tmp.dir, 'queries')) ? readdirSync(join(tmp.dir, 'queries')) : []).toEqual(before);
  });

  it('-f FILE keeps the file\'s header; --queries-dir picks another folder', () => {
    writeFileSync(join(tmp.dir, 'mine.sql'), '-- title: Errors by code\n-- tags: errors\nSELECT errorCode, count(*) AS n FROM $EDS_ID WHERE errorCode IS NOT NULL GROUP BY 1\n');
    const other = join(tmp.dir, 'team-queries');
    expect(run(['saved', 'save', 'errors', '-f', 'mine.sql', '--queries-dir', other]).code).toBe(0);
    const list = JSON.parse(run(['saved', 'list', '--queries-dir', other, '--format', 'json']).stdout) as { name: string; title: string; tags: string[] }[];
    expect(list).toMatchObject([{ name: 'errors', title: 'Errors by code', tags: ['errors'] }]);
    expect(run(['query', '--saved', 'errors', '--queries-dir', other]).code).toBe(0);
    expect(run(['query', '--saved', 'errors']).stderr).toMatch(/no saved query named "errors" in .*queries/);
    expect(run(['saved', 'save', 'x']).code).toBe(2); // neither SQL nor -f
  });
});

describe('export', () => {
  it('writes the partitioned Parquet, prints the DDL on stdout and a summary on stderr', async () => {
    const hash = sha256(db);
    const r = run(['export', '--out', 'lake-export']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-- Athena[\s\S]*CREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail_events \([\s\S]*STORED AS PARQUET\nLOCATION 's3:\/\/YOUR-BUCKET\/prefix\/';[\s\S]*MSCK REPAIR TABLE cloudtrail_events;\n$/);
    expect(r.stderr).toMatch(/^exported \d+ events of store default to .*lake-export: \d+ partitions/);
    const mem = await Db.open(':memory:');
    try {
      const [{ n }] = (await mem.all(`SELECT count(*) AS n FROM read_parquet('${join(tmp.dir, 'lake-export')}/account=*/region=*/date=*/*.parquet')`)) as [{ n: bigint }];
      const [{ n: expected }] = JSON.parse(run(['query', 'SELECT count(*) AS n FROM $EDS_ID', '--format', 'json']).stdout) as [{ n: number }];
      expect(Number(n)).toBe(expected);
    } finally {
      mem.close();
    }
    expect(sha256(db)).toBe(hash);
    const again = run(['export', '--out', 'lake-export']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists and is not an empty folder/);
    expect(run(['export']).code).toBe(2); // --out is required
    expect(run(['export', '--out', 'x', '--since', 'yesterday']).code).toBe(2);
  });
});
