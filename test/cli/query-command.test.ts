import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { Db } from '../../src/store/duckdb.js';
import { CLI, ctlake, ctlakeAsync, tempDir, type CliResult } from '../helpers/cli.js';
import { buildSampleStore, sha256 } from '../query/fixture.js';

/**
 * `ctlake query` end to end, through the built CLI: output formats on stdout and in files,
 * refused statements (exit 1, no file), parameters, errors pointing into the SQL, --timeout and
 * Ctrl-C leaving the store untouched.
 */

const SLOW = 'SELECT count(*) FROM $EDS_ID a, $EDS_ID b, $EDS_ID c, $EDS_ID d, $EDS_ID e WHERE a.eventName <> e.eventName';

let tmp: ReturnType<typeof tempDir>;
let db: string;
let events: number;
const q = (args: string[], opts: { input?: string } = {}) => ctlake(['--db', db, 'query', ...args], { cwd: tmp.dir, ...opts });

/** Runs the CLI without blocking the test process (so several can run at once). */
async function qAsync(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, '--db', db, 'query', ...args], { cwd: tmp.dir, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  tmp = tempDir();
  db = await buildSampleStore(tmp.dir);
  events = Number(q(['SELECT count(*) AS n FROM $EDS_ID', '--format', 'csv']).stdout.split('\n')[1]);
});
afterAll(() => tmp?.cleanup());

describe('formats on stdout', () => {
  it('table (default) with the row count, and "showing N of >N rows" when --max-rows cuts it', () => {
    const r = q(['SELECT eventName, count(*) AS n FROM $EDS_ID GROUP BY 1 ORDER BY 2 DESC, 1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^┌/);
    expect(r.stdout).toMatch(/\n\d+ rows\n$/);
    const cut = q(['SELECT eventID FROM $EDS_ID', '--max-rows', '5']);
    expect(cut.stdout).toMatch(/showing 5 of >5 rows \(raise --max-rows to see more\)\n$/);
    expect(cut.stdout.split('\n').filter((l) => l.startsWith('│'))).toHaveLength(6); // header + 5
  });

  it('csv, tsv, json, ndjson', () => {
    const sql = "SELECT eventName, readOnly, eventTime, requestParameters FROM $EDS_ID WHERE eventName = 'CreateBucket' ORDER BY eventTime LIMIT 1";
    const csv = q([sql, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('eventName,readOnly,eventTime,requestParameters');
    expect(csv.stdout.split('\n')[1]).toMatch(/^CreateBucket,false,\d{4}-\d\d-\d\dT[\d:.]+Z,"\{""/);
    expect(q([sql, '--format', 'tsv']).stdout.split('\n')[1]!.split('\t')[0]).toBe('CreateBucket');
    const [row] = JSON.parse(q([sql, '--format', 'json']).stdout) as Record<string, unknown>[];
    expect(row).toMatchObject({ eventName: 'CreateBucket', readOnly: false });
    expect(typeof row!.requestParameters).toBe('object');
    const nd = q(['SELECT eventID FROM $EDS_ID', '--format', 'ndjson']).stdout.trimEnd().split('\n');
    expect(nd).toHaveLength(events); // no 500-row default outside the table
    expect(Object.keys(JSON.parse(nd[0]!))).toEqual(['eventID']);
  });

  it('stops quietly when the reader goes away (| head)', async () => {
    const child = ctlakeAsync(['--db', db, 'query', 'SELECT * FROM $EDS_ID a, $EDS_ID b', '--format', 'ndjson']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((res) => child.stdout.once('data', () => res()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('--out files', () => {
  it('parquet and arrow (read back), csv by extension; a summary on stderr', async () => {
    const sql = 'SELECT eventID, eventTime, userIdentity, resources FROM $EDS_ID';
    const pq = q([sql, '--out', 'r.parquet']);
    expect(pq.code).toBe(0);
    expect(pq.stdout).toBe('');
    expect(pq.stderr).toBe(`wrote ${events} rows to r.parquet (parquet)\n`);
    const mem = await Db.open(':memory:');
    try {
      expect(await mem.all(`SELECT count(DISTINCT eventID) AS n FROM read_parquet('${join(tmp.dir, 'r.parquet')}')`)).toEqual([{ n: BigInt(events) }]);
    } finally {
      mem.close();
    }
    expect(q([sql, '--out', 'r.arrow']).code).toBe(0);
    const t = tableFromIPC(readFileSync(join(tmp.dir, 'r.arrow')));
    expect(t.numRows).toBe(events);
    expect(String(t.schema.fields[2]!.type)).toMatch(/^Struct</);
    expect(q([sql, '--out', 'r.data', '--format', 'arrow']).code).toBe(0);
    expect(tableFromIPC(readFileSync(join(tmp.dir, 'r.data'))).numRows).toBe(events);
    expect(q(['SELECT eventID FROM $EDS_ID', '--out', 'r.csv']).code).toBe(0);
    expect(readFileSync(join(tmp.dir, 'r.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(events + 1);
  });

  it('parquet and arrow need --out (usage error, exit 2)', () => {
    for (const f of ['parquet', 'arrow']) {
      const r = q(['SELECT 1', '--format', f]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--format ${f} writes a file: add --out FILE.${f}`);
    }
  });
});

describe('refused statements', () => {
  const REFUSED = [
    "COPY (SELECT 1) TO 'copied.csv'",
    "ATTACH 'other.duckdb' AS o",
    'INSTALL httpfs',
    'LOAD httpfs',
    'PRAGMA database_list',
    "SET temp_directory = 'spill'",
    'CREATE TABLE t AS SELECT 1',
    'DROP TABLE events',
    "SELECT * FROM read_csv('/etc/hosts')",
    "SELECT * FROM read_json('/etc/hosts')",
    "SELECT * FROM read_parquet('r.parquet')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_text('/etc/hosts')",
  ];

  it('exit 1 with a clear message, in both dialects, and create no file', async () => {
    const before = readdirSync(tmp.dir).sort();
    const hash = sha256(db);
    const runs = REFUSED.flatMap((sql, i) => [
      { sql, args: [sql, '--out', `refused-${i}.parquet`] },
      { sql, args: [sql, '--dialect', 'duckdb', '--format', 'csv'] },
    ]);
    const results: CliResult[] = [];
    for (let i = 0; i < runs.length; i += 6) results.push(...(await Promise.all(runs.slice(i, i + 6).map((r) => qAsync(r.args)))));
    results.forEach((r, i) => {
      expect(r.code, runs[i]!.sql).toBe(1);
      expect(r.stderr, runs[i]!.sql).toMatch(/^error: line 1:\d+: .*(only SELECT queries can run|reads outside the event data stores)/);
      expect(r.stdout).toBe('');
    });
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
    expect(sha256(db)).toBe(hash);
  }, 180_000);
});

describe('SQL sources, parameters, errors', () => {
  it('-f FILE and -f - (stdin)', () => {
    writeFileSync(join(tmp.dir, 'q.sql'), '-- title: count\nSELECT count(*) AS n FROM $EDS_ID;\n');
    expect(q(['-f', 'q.sql', '--format', 'csv']).stdout).toBe(`n\n${events}\n`);
    expect(q(['-f', '-', '--format', 'csv'], { input: 'SELECT count(*) AS n FROM $EDS_ID' }).stdout).toBe(`n\n${events}\n`);
    expect(q(['-f', 'missing.sql']).stderr).toMatch(/cannot read missing.sql: ENOENT/);
  });

  it('exactly one source', () => {
    expect(q([]).code).toBe(2);
    expect(q(['SELECT 1', '--sample', 'top-errors']).stderr).toContain('give the SQL one way only');
  });

  it('--param fills ? markers; --start-time / --end-time fill $StartTime$ / $EndTime$', () => {
    const byName = q(['SELECT count(*) AS n FROM $EDS_ID WHERE eventName = ?', '--param', 'AssumeRole', '--format', 'csv']);
    expect(byName.code).toBe(0);
    expect(Number(byName.stdout.split('\n')[1])).toBeGreaterThan(0);
    const dash = "SELECT count(*) AS n FROM $EDS_ID WHERE eventTime >= '$StartTime$' AND eventTime < '$EndTime$'";
    expect(q([dash, '--start-time', '2000-01-01 00:00:00', '--end-time', '2100-01-01 00:00:00', '--format', 'csv']).stdout).toBe(`n\n${events}\n`);
    const missing = q(['SELECT count(*) FROM $EDS_ID WHERE eventName = ?']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/this \? needs a value/);
  });

  it('an error shows the line of SQL with a caret under the spot', () => {
    const r = q(['SELECT eventName,\n  nosuch\nFROM $EDS_ID']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: line 2:3: column nosuch cannot be resolved' + r.stderr.slice(r.stderr.indexOf(' (did you'), r.stderr.indexOf('\n')) + '\n  2 |   nosuch\n    |   ^\n');
  });

  it('--store picks the store; an unknown one is a clear error', () => {
    expect(q(['SELECT count(*) AS n FROM $EDS_ID', '--store', 'default', '--format', 'csv']).stdout).toBe(`n\n${events}\n`);
    expect(q(['SELECT 1', '--store', 'nope']).stderr).toMatch(/no store named "nope"/);
  });
});

describe('stopping a query', () => {
  it('--timeout stops a slow query with a clear message (exit 1)', () => {
    const started = Date.now();
    const r = q([SLOW, '--timeout', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: query timed out after 1 s and was stopped/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('Ctrl-C cancels (exit 1, "query cancelled"), leaving the store and the --out target untouched', async () => {
    const hash = sha256(db);
    const target = join(tmp.dir, 'cancelled.parquet');
    for (const extra of [[], ['--out', target]]) {
      const child = ctlakeAsync(['--db', db, 'query', SLOW, ...extra]);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const closed = new Promise<number | null>((res) => child.on('close', (c) => res(c)));
      await storeOpenedBy(child.pid!, db);
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGINT');
      expect(await closed).toBe(1);
      expect(stderr).toBe('error: query cancelled\n');
    }
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('ctlake-tmp'))).toEqual([]);
    expect(sha256(db)).toBe(hash);
  });
});

/** Waits until the process has the store file open (its SIGINT handler is installed by then). */
async function storeOpenedBy(pid: number, file: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => safeReadlink(`/proc/${pid}/fd/${fd}`) === file)) return;
    } catch {
      // no /proc (not Linux): fall back to a generous delay
      await new Promise((r) => setTimeout(r, 3000));
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the CLI never opened the store');
}

function safeReadlink(p: string): string | undefined {
  try {
    return readlinkSync(p);
  } catch {
    return undefined;
  }
}
