import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { CtlakeError } from '../errors.js';
import { formatResult, type TextFormat } from '../query/format.js';
import { storeStats } from '../store/catalog.js';
import { Db } from '../store/duckdb.js';
import { dbPath, type Io } from './shared.js';

export function registerStores(program: Command, io: Io): void {
  program
    .command('stores')
    .description('List event data stores: name, id, events, files, time range, accounts, regions')
    .option('--format <format>', 'table | csv | json | ndjson', 'table')
    .action(async (o: { format: TextFormat }) => {
      const db = await openExisting(dbPath(program));
      try {
        const stats = await storeStats(db);
        const columns = ['name', 'id', 'events', 'files', 'firstEventTime', 'lastEventTime', 'accounts', 'regions'].map((name) => ({ name, type: '' }));
        const rows = stats.map((s) => [s.name, s.id, s.events, s.files, s.firstEventTime, s.lastEventTime, s.accounts, s.regions]);
        io.stdout.write(formatResult({ columns, rows, truncated: false, elapsedMs: 0 }, o.format, io.stdout.isTTY ? io.stdout.columns : Infinity));
      } finally {
        db.close();
      }
    });
}

/** Opens a store read-only, with a clear error when there is none yet. */
export async function openExisting(path: string): Promise<Db> {
  if (!existsSync(path)) {
    throw new CtlakeError('E_NO_STORE', `no store at ${path}: run \`ctlake ingest PATH\` first, or point --db / CTLAKE_DB at an existing file`);
  }
  return Db.open(path, { readOnly: true, externalAccess: false });
}
