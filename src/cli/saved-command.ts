import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CtlakeError } from '../errors.js';
import { defaultQueriesDir, listSaved, loadSaved, removeSaved, saveQuery, splitTags } from '../query/library.js';
import { dbPath, type Io } from './shared.js';
import { ensureNewline, printQueryList } from './samples-command.js';

/**
 * `ctlake saved save|list|show|rm`: saved queries are plain .sql files (same header as the
 * samples) in a folder, by default queries/ beside the store file.
 */
export function registerSaved(program: Command, io: Io): void {
  const dirOf = (o: { queriesDir?: string }) => o.queriesDir ?? defaultQueriesDir(dbPath(program));
  const dirOption = ['--queries-dir <dir>', 'folder of saved queries (default: queries/ beside the store file)'] as const;
  const saved = program.command('saved').description('Saved queries: save, list, show, rm (run one with `ctlake query --saved NAME`)');

  saved
    .command('save')
    .description('Save a query as NAME.sql (never replaces an existing one without --force)')
    .argument('<name>', 'letters, digits, "-" and "_"')
    .argument('[sql]', 'the SQL (or -f FILE)')
    .option('-f, --file <file>', 'read the SQL from a file ("-" reads stdin)')
    .option('--title <title>', 'title (default: the file header\'s, else the name)')
    .option('--description <text>', 'one-line description')
    .option('--tags <tags>', 'comma-separated tags')
    .option('--force', 'replace an existing saved query of that name')
    .option(...dirOption)
    .action((name: string, sqlArg: string | undefined, o: { file?: string; title?: string; description?: string; tags?: string; force?: boolean; queriesDir?: string }) => {
      if ((sqlArg === undefined) === (o.file === undefined)) {
        throw new CtlakeError('E_USAGE', 'give the SQL either as an argument or with -f FILE (one of the two)');
      }
      let sql = sqlArg;
      if (o.file !== undefined) {
        try {
          sql = readFileSync(o.file === '-' ? 0 : o.file, 'utf8');
        } catch (e) {
          throw new CtlakeError('E_NO_FILE', `cannot read ${o.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
      }
      const q = saveQuery(dirOf(o), name, sql!, {
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(o.description !== undefined ? { description: o.description } : {}),
        ...(o.tags !== undefined ? { tags: splitTags(o.tags) } : {}),
        force: !!o.force,
      });
      io.stderr.write(`saved ${q.name} to ${q.path}; run it with \`ctlake query --saved ${q.name}\`\n`);
    });

  saved
    .command('list')
    .description('List saved queries (name, title, tags)')
    .option('--tag <tag>', 'only queries with this tag')
    .option('--format <format>', 'table | csv | json | ndjson', 'table')
    .option(...dirOption)
    .action((o: { tag?: string; format: string; queriesDir?: string }) => {
      const dir = dirOf(o);
      printQueryList(io, listSaved(dir), o, `no saved queries in ${dir}; save one with \`ctlake saved save NAME "SELECT ..."\``);
    });

  saved
    .command('show')
    .description('Print a saved query (header and SQL)')
    .argument('<name>')
    .option(...dirOption)
    .action((name: string, o: { queriesDir?: string }) => {
      io.stdout.write(ensureNewline(loadSaved(dirOf(o), name).text));
    });

  saved
    .command('rm')
    .description('Delete a saved query')
    .argument('<name>')
    .option(...dirOption)
    .action((name: string, o: { queriesDir?: string }) => {
      const dir = dirOf(o);
      removeSaved(dir, name);
      io.stderr.write(`removed ${name} from ${dir}\n`);
    });
}
