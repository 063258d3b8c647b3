import type { Command } from 'commander';
import { CtlakeError } from '../errors.js';
import { openQuerySession } from '../query/session.js';
import { DEFAULT_PARAMS, type DetectParams } from '../toolkit/insights-detect.js';
import { insightsJson, insightsRecords, insightsTable } from '../toolkit/insights-output.js';
import { runInsights, type InsightType } from '../toolkit/insights-run.js';
import { resolveStore } from '../toolkit/lookup-store.js';
import { parseAwsTimestamp } from '../toolkit/lookup-time.js';
import { dbPath, type Io } from './shared.js';
import { openExisting } from './stores-command.js';

interface InsightsOpts {
  store?: string;
  since?: string;
  until?: string;
  format: string;
  type: string;
  source: string;
  minCalls: string;
  sigma: string;
  minBaseline: string;
}

const usage = (m: string) => new CtlakeError('E_USAGE', m);

const TYPES: Record<string, InsightType[]> = {
  all: ['ApiCallRateInsight', 'ApiErrorRateInsight'],
  ApiCallRateInsight: ['ApiCallRateInsight'],
  ApiErrorRateInsight: ['ApiErrorRateInsight'],
};

export function registerInsights(program: Command, io: Io): void {
  program
    .command('insights')
    .description('CloudTrail Insights offline: unusual API call and error rates against a 7-day baseline, beside the Insights events CloudTrail delivered')
    .option('--store <name>', 'event data store (default: the only one)')
    .option('--since <time>', 'only insights active at or after this time (2024-03-01, 2024-03-01T12:00:00Z, Unix seconds...)')
    .option('--until <time>', 'only insights that start before this time')
    .option('--format <format>', 'table | json | records (the Insights events as a CloudTrail-Insight log file)', 'table')
    .option('--type <type>', 'ApiCallRateInsight | ApiErrorRateInsight | all', 'all')
    .option('--source <source>', 'computed | delivered | all', 'all')
    .option('--min-calls <n>', 'computed: fewest calls (errors) in the first minute of an insight', String(DEFAULT_PARAMS.minCount))
    .option('--sigma <k>', 'computed: the first minute must exceed baseline mean + k standard deviations', String(DEFAULT_PARAMS.sigma))
    .option('--min-baseline <hours>', 'computed: history needed before an insight can start', String(DEFAULT_PARAMS.minBaselineMinutes / 60))
    .action(async (o: InsightsOpts) => {
      if (!['table', 'json', 'records'].includes(o.format)) throw usage('--format must be one of table, json, records');
      const types = TYPES[o.type];
      if (!types) throw usage('--type must be one of ApiCallRateInsight, ApiErrorRateInsight, all');
      if (!['computed', 'delivered', 'all'].includes(o.source)) throw usage('--source must be one of computed, delivered, all');
      const params = parseParams(o);
      const since = parseTime('--since', o.since);
      const until = parseTime('--until', o.until);
      if (since !== undefined && until !== undefined && since > until) throw usage('--since is after --until; swap them');
      const db = await openExisting(dbPath(program));
      try {
        const session = await openQuerySession(db, { store: o.store });
        const store = resolveStore(session, o.store);
        const sources = o.source === 'all' ? (['computed', 'delivered'] as const) : ([o.source] as ['computed' | 'delivered']);
        const list = await runInsights(session, store, { since, until, types, sources: [...sources], params });
        const width = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : Infinity;
        if (o.format === 'json') io.stdout.write(insightsJson(store.name, list, params, since, until));
        else if (o.format === 'records') io.stdout.write(insightsRecords(list));
        else io.stdout.write(insightsTable(list, params, width));
      } finally {
        db.close();
      }
    });
}

function parseTime(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = parseAwsTimestamp(v);
  if (t === null) throw usage(`${flag} "${v}" is not a time: use 2024-03-01, 2024-03-01T12:00:00Z or Unix seconds`);
  return t;
}

function parseParams(o: InsightsOpts): DetectParams {
  const num = (flag: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw usage(`${flag} must be a number of at least ${min}, got "${v}"`);
    return n;
  };
  return {
    minCount: Math.ceil(num('--min-calls', o.minCalls, 1)),
    sigma: num('--sigma', o.sigma, 0),
    minBaselineMinutes: Math.round(num('--min-baseline', o.minBaseline, 0) * 60),
  };
}
