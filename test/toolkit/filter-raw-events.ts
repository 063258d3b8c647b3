import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fg from 'fast-glob';
import { ingest } from '../../src/ingest/ingest.js';
import { Db } from '../../src/store/duckdb.js';
import { ctlake, HAVE_SHARED, REALDATA, ROOT, SKIP_SHARED_MSG, type CliResult } from '../helpers/cli.js';

/**
 * Shared by the toolkit tests (lookup, detect, filter): the two data sets, the raw events read
 * straight from their .json.gz files (independently of ctlake), and a store built from each.
 */

export type Rec = Record<string, any>;

export interface Dataset {
  name: string;
  root: string;
  skip: boolean;
}

const SAMPLES = join(ROOT, 'samples/AWSLogs');

/** The sample tree (or real data while the samples are not generated yet), and the real data. */
export function datasets(): Dataset[] {
  const samples = existsSync(SAMPLES) ? SAMPLES : REALDATA;
  return [
    { name: existsSync(SAMPLES) ? 'samples/AWSLogs' : 'realdata (no samples/AWSLogs yet)', root: samples, skip: !existsSync(samples) },
    { name: '../shared/conformance/realdata', root: REALDATA, skip: !HAVE_SHARED },
  ];
}

/** The describe() title: says why when the data set is skipped. */
export function suiteTitle(command: string, d: Dataset): string {
  return d.skip ? `${command} on ${d.name}: skipped, ${SKIP_SHARED_MSG}` : `${command} on ${d.name}`;
}

/** Every event of a tree, each distinct record once (the store drops exact duplicates only). */
export function rawEvents(root: string): Rec[] {
  const seen = new Set<string>();
  const out: Rec[] = [];
  for (const f of fg.sync('**/*.json.gz', { cwd: root, absolute: true }).sort()) {
    const doc = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as Rec;
    if (!Array.isArray(doc.Records)) continue; // digest files
    for (const r of doc.Records as Rec[]) {
      const key = JSON.stringify(r);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}

export async function buildStore(root: string, dbFile: string): Promise<void> {
  const db = await Db.open(dbFile, { threads: 2 });
  try {
    await ingest(db, { paths: [root], jobs: 0 });
  } finally {
    db.close();
  }
}

/** Runs the CLI against a store; fails the test with stderr when the exit code is unexpected. */
export function run(db: string, args: string[], expectCode = 0): CliResult {
  const r = ctlake(['--db', db, ...args]);
  if (r.code !== expectCode) throw new Error(`ctlake ${args.join(' ')} exited ${r.code} (expected ${expectCode}):\n${r.stderr}`);
  return r;
}

/** A value at a dotted path with [n] indexes; undefined when absent. */
export function at(r: Rec, path: string): unknown {
  let cur: unknown = r;
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part)!;
    const keys: (string | number)[] = [...(m[1] ? [m[1]] : []), ...[...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
    for (const k of keys) {
      if (cur === null || typeof cur !== 'object' || !(k in (cur as object))) return undefined;
      cur = (cur as Record<string | number, unknown>)[k];
    }
  }
  return cur;
}

/** Sorted eventIDs (a multiset: test fixtures reuse ids). */
export function ids(events: Rec[]): string[] {
  return events.map((e) => String(e.eventID ?? e.EventId)).sort();
}

export const epochMs = (t: string) => Date.parse(t);
