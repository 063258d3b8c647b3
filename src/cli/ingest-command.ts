import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT } from '../errors.js';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { Db } from '../store/duckdb.js';
import { progressReporter } from './progress-line.js';
import { collect, dbPath, type Io } from './shared.js';

export function registerIngest(program: Command, io: Io): void {
  program
    .command('ingest')
    .description('Load a CloudTrail S3 export (AWSLogs folder at any level, .zip, or .json.gz files) into the store')
    .argument('<path...>', 'folders, .zip archives or log files')
    .option('--store <name>', 'event data store to load into', 'default')
    .option('--account <id>', 'only this account (repeatable)', collect, [])
    .option('--region <region>', 'only this region (repeatable)', collect, [])
    .option('--since <date>', 'only files delivered on or after this date (YYYY-MM-DD)')
    .option('--until <date>', 'only files delivered on or before this date (YYYY-MM-DD)')
    .option('--jobs <n>', 'decode workers (default: number of cores)', (v) => parseCount(v, '--jobs'))
    .option('--max-file-size <bytes>', 'largest decompressed size accepted per file', (v) => parseCount(v, '--max-file-size'))
    .option('--no-progress', 'no live progress bar: plain progress lines only')
    .option('--json', 'print a machine-readable summary on stdout')
    .action(async (paths: string[], o) => {
      for (const d of [o.since, o.until]) if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw usage(`dates are YYYY-MM-DD, got "${d}"`);
      // Memory: DuckDB's share of the <1 GiB budget; the decode workers and Node take the rest.
      const path = dbPath(program);
      const existed = existsSync(path);
      const db = await Db.openForIngest(path);
      const live = o.progress !== false && !o.json && !!io.stderr.isTTY;
      const progress = progressReporter(io.stderr, live);
      try {
        const s = await ingest(db, {
          paths,
          store: o.store,
          accounts: o.account,
          regions: o.region,
          since: o.since,
          until: o.until,
          jobs: o.jobs,
          limits: o.maxFileSize ? { maxFileBytes: o.maxFileSize } : undefined,
          onProgress: progress.update,
        });
        progress.done();
        const peakRssBytes = process.resourceUsage().maxRSS * 1024;
        if (o.json) io.stdout.write(`${JSON.stringify({ ...s, peakRssBytes }, null, 2)}\n`);
        else io.stdout.write(humanSummary(s));
        for (const r of s.rejected) io.stderr.write(`rejected: ${r.path}: ${r.reason}\n`);
        io.exitCode = s.rejected.length ? EXIT.PARTIAL : EXIT.OK;
      } catch (e) {
        // Nothing to load into a store that did not exist: leave no empty file behind.
        if (!existed && (e as { code?: string }).code === 'E_NOTHING_FOUND') {
          db.close();
          rmSync(path, { force: true });
          rmSync(`${path}.wal`, { force: true });
          throw e;
        }
        throw e;
      } finally {
        progress.done();
        db.close();
      }
    });
}

function humanSummary(s: IngestSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `store ${s.store} (${s.storeId})`,
    `files: ${n(s.filesSeen)} seen, ${n(s.filesLoaded)} loaded, ${n(s.filesSkipped)} skipped, ${n(s.filesRejected)} rejected` +
      (s.filesPruned ? `, ${n(s.filesPruned)} left out by filters` : '') +
      (s.digestFiles ? `, ${n(s.digestFiles)} digest files recorded` : ''),
    `events: ${n(s.eventsLoaded)} loaded${s.insightEvents ? ` (${n(s.insightEvents)} Insights events)` : ''}, ${n(s.duplicatesDropped)} duplicates dropped` +
      (s.recordsRejected ? `, ${n(s.recordsRejected)} records rejected` : ''),
    `time: ${s.seconds.toFixed(1)} s (${n(Math.round(s.eventsLoaded / Math.max(s.seconds, 0.001)))} events/s)`,
  ];
  const ignored = s.skipped.filter((x) => !x.reason.startsWith('same content'));
  if (ignored.length) lines.push(`not read: ${ignored.length} file(s) that are not CloudTrail logs, e.g. ${ignored[0]!.path} (${ignored[0]!.reason})`);
  if (s.rejected.length) lines.push(`${s.rejected.length} problem(s), listed on stderr; exit code 3`);
  return `${lines.join('\n')}\n`;
}

function parseCount(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw usage(`${flag} takes a whole number, got "${v}"`);
  return n;
}

function usage(msg: string): Error {
  return Object.assign(new Error(msg), { code: 'E_USAGE' });
}
