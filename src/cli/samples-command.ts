import type { Command } from 'commander';
import { CtlakeError } from '../errors.js';
import { formatResult, type TextFormat } from '../query/format.js';
import { listSamples, loadSample, type QueryInfo } from '../query/library.js';
import type { Io } from './shared.js';

/** `ctlake samples [NAME]`: the bundled investigation queries (samples/queries/*.sql). */
export function registerSamples(program: Command, io: Io): void {
  program
    .command('samples')
    .description('List the bundled sample queries (name, title, tags), or print one; run one with `ctlake query --sample NAME`')
    .argument('[name]', 'print this sample query (its header and SQL)')
    .option('--tag <tag>', 'only samples with this tag')
    .option('--format <format>', 'table | csv | json | ndjson (the list)', 'table')
    .action((name: string | undefined, o: { tag?: string; format: string }) => {
      if (name !== undefined) {
        io.stdout.write(ensureNewline(loadSample(name).text));
        return;
      }
      printQueryList(io, listSamples(), o, 'no sample queries match');
    });
}

/** The name / title / tags list that `samples` and `saved list` print. */
export function printQueryList(io: Io, all: QueryInfo[], o: { tag?: string; format: string }, empty: string): void {
  if (!['table', 'csv', 'json', 'ndjson'].includes(o.format)) throw new CtlakeError('E_USAGE', '--format must be table, csv, json or ndjson');
  const list = o.tag ? all.filter((q) => q.tags.some((t) => t.toLowerCase() === o.tag!.toLowerCase())) : all;
  if (o.format === 'table' && !list.length) {
    io.stderr.write(`${empty}\n`);
    return;
  }
  const detailed = o.format !== 'table';
  const columns = (detailed ? ['name', 'title', 'tags', 'description', 'path'] : ['name', 'title', 'tags']).map((n) => ({ name: n, type: '' }));
  const rows = list.map((q) => (detailed ? [q.name, q.title, q.tags, q.description ?? null, q.path] : [q.name, q.title, q.tags.join(', ')]));
  const width = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : Infinity;
  io.stdout.write(formatResult({ columns, rows, truncated: false, elapsedMs: 0 }, o.format as TextFormat, width));
}

export function ensureNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}
