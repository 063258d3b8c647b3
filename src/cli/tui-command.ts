import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../errors.js';
import { dbPath, type Io } from './shared.js';

/** `ctlake tui`: the terminal workbench (also what a bare `ctlake` opens on a terminal). */
export function registerTui(program: Command, io: Io): void {
  program
    .command('tui')
    .description('Open the workbench: query editor, results, event detail, sample/saved queries, history, schema')
    .option('--queries <dir>', 'folder of saved queries (default: queries/ beside the store)')
    .option('--ingest-path <path>', 'path suggested when offering to ingest (e.g. an AWSLogs folder)')
    .action(async (o: { queries?: string; ingestPath?: string }) => {
      if (!process.stdin.isTTY || !io.stdout.isTTY) {
        throw Object.assign(new Error('the workbench needs a terminal (stdin and stdout must be a TTY); in scripts use `ctlake query`'), { code: 'E_USAGE' });
      }
      const db = resolve(dbPath(program));
      // Loaded on demand: React and Ink are only paid for when the workbench opens.
      // Ink renders only a final frame when it thinks it runs in CI (CI=... in the environment,
      // read when Ink is first imported). The workbench only starts on a real terminal, so a
      // CI variable inherited into that terminal must not blank it.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      const { launchTui } = await import('../tui/launch.js');
      const forced = await launchTui({
        dbPath: db,
        queriesDir: resolve(o.queries ?? join(dirname(db), 'queries')),
        historyPath: `${db}.history.jsonl`,
        ingestPath: o.ingestPath,
        stdin: process.stdin,
        stdout: io.stdout,
        stderr: io.stderr,
      });
      if (forced) {
        // Quit during an ingest: stop its workers and writes now (the store keeps whole batches).
        io.stderr.write('ctlake: ingest stopped on quit; run `ctlake ingest` again to finish it (files already loaded are skipped)\n');
        process.exit(EXIT.FAILED);
      }
    });
}

/**
 * True when the command line names no command and both ends are a terminal: `ctlake` (or
 * `ctlake --db x.duckdb`) then opens the workbench instead of printing help.
 */
export function wantsTui(argv: string[], io: Io): boolean {
  if (!process.stdin.isTTY || !io.stdout.isTTY) return false;
  const rest = [...argv];
  while (rest.length) {
    const a = rest.shift()!;
    if (a === '--db') rest.shift();
    else if (!a.startsWith('--db=')) return false;
  }
  return true;
}
