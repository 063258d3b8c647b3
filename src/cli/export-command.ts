import type { Command } from 'commander';
import { exportStore } from '../query/export.js';
import { dbPath, type Io } from './shared.js';

/** `ctlake export`: the store as Hive-partitioned Parquet, and the Athena DDL for it. */
export function registerExport(program: Command, io: Io): void {
  program
    .command('export')
    .description('Export a store\'s events as Parquet partitioned account=/region=/date= and print the CREATE EXTERNAL TABLE for Athena / Trino')
    .requiredOption('--out <dir>', 'a new (or empty) folder to write')
    .option('--store <name>', 'event data store (default: the only one)')
    .option('--since <day>', 'only events on or after this day (YYYY-MM-DD, UTC)')
    .option('--until <day>', 'only events on or before this day (YYYY-MM-DD, UTC)')
    .option('--table <name>', 'table name in the DDL (default cloudtrail_events)')
    .option('--location <s3uri>', 'LOCATION in the DDL (default s3://YOUR-BUCKET/prefix/)')
    .action(async (o: { out: string; store?: string; since?: string; until?: string; table?: string; location?: string }) => {
      // Ctrl-C interrupts the COPY; the temporary folder is removed, nothing is left behind.
      const abort = new AbortController();
      const onSigint = () => {
        process.removeListener('SIGINT', onSigint);
        abort.abort();
      };
      process.on('SIGINT', onSigint);
      try {
        const s = await exportStore(dbPath(program), { ...o, signal: abort.signal });
        io.stdout.write(s.ddl);
        const accounts = new Set(s.partitions.map((p) => p.account)).size;
        const regions = new Set(s.partitions.map((p) => p.region)).size;
        io.stderr.write(
          `exported ${s.events.toLocaleString('en-US')} events of store ${s.store.name} to ${s.out}: ` +
            `${s.partitions.length} partitions (${accounts} account(s), ${regions} region(s)), layout account=/region=/date=/data_0.parquet\n` +
            `the DDL above is also in ${s.ddlFile}\n`,
        );
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
    });
}
