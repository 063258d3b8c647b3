/**
 * Benchmark baseline (b): what a user types by hand in DuckDB — read_json with auto-detection
 * over the whole tree and unnest(Records) into a table. Runs in its own process so its time
 * and peak memory are its own: the parent times the whole process, as it times `ctlake ingest`,
 * and takes off a failed first attempt, which this child reports. Prints one JSON line.
 */
import { rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [tree, dbPath] = process.argv.slice(2) as [string, string];
rmSync(dbPath, { force: true });
const started = Date.now();
let failedAttemptSeconds = 0;
const inst = await DuckDBInstance.create(dbPath);
const conn = await inst.connect();
// First what a user types; on varied data DuckDB's sampled auto-detection can miss keys and
// fail ("unknown key"); sample_size = -1 and maximum_depth = 3 still fail on this data, so the
// fallback a user ends up with is ignore_errors = true, which silently drops what it cannot read.
// Its events/s is computed on the events it kept.
let variant = 'read_json auto-detect';
try {
  await conn.run(`CREATE TABLE events AS SELECT unnest(Records) AS e FROM read_json('${tree}/**/*.json.gz')`);
} catch (e) {
  process.stderr.write(`baseline: plain auto-detect failed (${(e as Error).message.split('\n')[0]!.slice(0, 160)}...); retrying with ignore_errors = true\n`);
  variant = 'read_json auto-detect, ignore_errors = true (plain auto-detect failed on this data; records it could not read are dropped)';
  await conn.run('DROP TABLE IF EXISTS events');
  failedAttemptSeconds = (Date.now() - started) / 1000; // not counted against the baseline
  await conn.run(`CREATE TABLE events AS SELECT unnest(Records) AS e FROM read_json('${tree}/**/*.json.gz', ignore_errors = true)`);
}
await conn.run('CHECKPOINT');
const rows = (await conn.runAndReadAll('SELECT count(*) FROM events')).getRows()[0]![0];
conn.closeSync();
inst.closeSync();
process.stdout.write(`${JSON.stringify({ variant, failedAttemptSeconds, events: Number(rows), peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
