import type { Command } from 'commander';
import { openQuerySession } from '../query/session.js';
import { checkTimeRange, INSIGHT_KEYS, parseLookupAttributes, parseMaxItems, parseTimeArg, serviceError, usage } from '../toolkit/lookup-args.js';
import { awsTable } from '../toolkit/lookup-aws-table.js';
import { runLookup, type LookupEvent, type LookupQuery } from '../toolkit/lookup-events.js';
import { FieldsWriter, JsonWriter, pyJson, TextWriter } from '../toolkit/lookup-output.js';
import { resolveStore } from '../toolkit/lookup-store.js';
import { dbPath, type Io } from './shared.js';
import { openExisting } from './stores-command.js';

interface LookupOpts {
  lookupAttributes?: string[];
  startTime?: string;
  endTime?: string;
  eventCategory?: string;
  maxItems?: string;
  startingToken?: string;
  nextToken?: string;
  output: string;
  fields?: string;
  region?: string;
  allEvents?: boolean;
  store?: string;
}

export function registerLookup(program: Command, io: Io): void {
  program
    .command('lookup')
    .description('`aws cloudtrail lookup-events`, offline: Event History lookups over the store, same options and output')
    .option('--lookup-attributes <attribute...>', 'AttributeKey=K,AttributeValue=V (one; keys: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId)')
    .option('--start-time <time>', 'events at or after this time (Unix seconds, 2015-01-27, "01/27/2015, 13:16", ISO-8601, ...; UTC unless a zone is given)')
    .option('--end-time <time>', 'events at or before this time')
    .option('--event-category <category>', 'insight: look up Insights events instead of management events')
    .option('--max-items <n>', 'at most this many events; prints a NextToken when more remain')
    .option('--starting-token <token>', 'resume after a previous NextToken')
    .option('--next-token <token>', 'same as --starting-token')
    .option('--output <format>', 'json | table | text (as the AWS CLI prints them)', 'json')
    .option('--fields <paths>', 'print one line per event: these event fields joined with " -- " (e.g. eventTime,sourceIPAddress,userIdentity.arn,eventName)')
    .option('--region <region>', 'only events recorded in this region (awsRegion); default: every region')
    .option('--all-events', 'also data and network-activity events (Event History has management events only)')
    .option('--store <name>', 'event data store (default: the only one)')
    .action(async (o: LookupOpts) => {
      const q = buildQuery(o);
      const maxItems = o.maxItems === undefined ? undefined : parseMaxItems(o.maxItems);
      if (!['json', 'table', 'text'].includes(o.output)) throw usage(`argument --output: Invalid choice '${o.output}', valid choices are: json, table, text`);
      const db = await openExisting(dbPath(program));
      try {
        const session = await openQuerySession(db, { store: o.store });
        const store = resolveStore(session, o.store);
        const write = (s: string) => void io.stdout.write(s);
        const opts = { maxItems, startingToken: o.startingToken ?? o.nextToken };
        if (o.fields) {
          const w = new FieldsWriter(write, o.fields);
          const next = await runLookup(session, store, q, opts, (evs) => w.page(evs));
          if (next) io.stderr.write(`NextToken: ${next}\n`);
        } else if (o.output === 'json') {
          const w = new JsonWriter(write);
          w.end(await runLookup(session, store, q, opts, (evs) => w.page(evs)));
        } else if (o.output === 'text') {
          const w = new TextWriter(write);
          w.end(await runLookup(session, store, q, opts, (evs) => w.page(evs)));
        } else {
          const all: LookupEvent[] = [];
          const next = await runLookup(session, store, q, opts, (evs) => void all.push(...evs));
          const response = next ? { Events: all, NextToken: next } : { Events: all };
          const width = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 80;
          write(awsTable('LookupEvents', response, width));
        }
      } finally {
        db.close();
      }
    });
}

function buildQuery(o: LookupOpts): LookupQuery {
  const attribute = o.lookupAttributes?.length ? parseLookupAttributes(o.lookupAttributes) : undefined;
  const startUs = parseTimeArg(o.startTime, 'StartTime');
  const endUs = parseTimeArg(o.endTime, 'EndTime');
  checkTimeRange(startUs, endUs);
  if (o.eventCategory !== undefined && o.eventCategory !== 'insight') {
    throw serviceError('InvalidEventCategoryException', `${pyJson(o.eventCategory)} is not an event category; the only value is insight`);
  }
  const category = o.eventCategory === 'insight' ? 'insight' : undefined;
  if (category && attribute && !INSIGHT_KEYS.includes(attribute.key)) {
    throw serviceError('InvalidLookupAttributesException', `Insights events can be looked up by ${INSIGHT_KEYS.join(', ')} only, not ${attribute.key}`);
  }
  if (o.startingToken && o.nextToken && o.startingToken !== o.nextToken) throw usage('give --starting-token or --next-token, not both');
  return { attribute, startUs, endUs, category, region: o.region, allEvents: !!o.allEvents };
}
