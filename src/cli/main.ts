import { Command, CommanderError } from 'commander';
import { CtlakeError, EXIT } from '../errors.js';
import { registerIngest } from './ingest-command.js';
import { registerQuery } from './query-command.js';
import { registerExport } from './export-command.js';
import { registerSamples } from './samples-command.js';
import { registerSaved } from './saved-command.js';
import { registerLookup } from './lookup-command.js';
import { registerDetect } from './detect-command.js';
import { registerFilter } from './filter-command.js';
import { registerStores } from './stores-command.js';
import { registerTui, wantsTui } from './tui-command.js';
import { registerInsights } from './insights-command.js';
import { registerValidate } from './validate-command.js';
import { DEFAULT_DB, type Io } from './shared.js';

export function buildProgram(io: Io): Command {
  const program = new Command('ctlake')
    .description('CloudTrail Lake on your own machine: ingest a CloudTrail S3 export into DuckDB and query it with Lake SQL')
    .option('--db <file>', `store file (env CTLAKE_DB, default ${DEFAULT_DB})`)
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  registerIngest(program, io);
  registerStores(program, io);
  registerQuery(program, io);
  registerSamples(program, io);
  registerSaved(program, io);
  registerExport(program, io);
  registerTui(program, io);
  registerLookup(program, io);
  registerDetect(program, io);
  registerFilter(program, io);
  registerInsights(program, io);
  registerValidate(program, io);
  return program;
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function main(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(wantsTui(argv, io) ? [...argv, 'tui'] : argv, { from: 'user' });
    return io.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    const err = e as Error & { code?: string };
    if (err.code === 'E_USAGE') {
      io.stderr.write(`error: ${err.message}\n`);
      return EXIT.USAGE;
    }
    io.stderr.write(`error: ${err.message}\n`);
    if (!(e instanceof CtlakeError) && process.env.CTLAKE_DEBUG) io.stderr.write(`${err.stack}\n`);
    return EXIT.FAILED;
  }
}
