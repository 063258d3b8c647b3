import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { quoteString } from '../../store/schema.js';
import { LakeSqlError } from './errors.js';
import { mapDuckDbError } from './map-error.js';
import type { TestStore } from './test-store.js';
import { tokenize } from './tokenizer.js';
import { translateLake, type Translated } from './translate.js';

/**
 * The conformance run: every published CloudTrail Lake query of the shared corpus, against a
 * store built from real CloudTrail exports. Shared by `npm run conformance` and the test suite.
 *
 * What counts as passing depends on the query (from the corpus README's index):
 * - valid CloudTrail-schema queries must run;
 * - as-published defects must fail with a positioned LakeSqlError (never a crash);
 * - queries for AWS Config / integration stores must fail saying which column this store lacks.
 */
export type Expectation = 'valid' | 'defect' | 'foreign';

export interface CaseResult {
  file: string;
  expect: Expectation;
  ok: boolean;
  /** Row count for queries that ran, the error message for those that failed. */
  detail: string;
}

export interface ConformanceReport {
  passed: number;
  failed: number;
  counts: Record<Expectation, number>;
  results: CaseResult[];
}

export const CONFORMANCE_STORE = { id: '00000000-0000-4000-8000-00000000c0de', name: 'conformance' };
const WIDE_FROM = '1970-01-01 00:00:00';
const WIDE_TO = '2100-01-01 00:00:00';

/** `../shared/conformance` seen from `cwd`, if it is there. */
export function findConformanceRoot(cwd = process.cwd()): string | undefined {
  const p = resolve(cwd, '../shared/conformance');
  return existsSync(join(p, 'lake-queries')) && existsSync(join(p, 'realdata')) ? p : undefined;
}

/** Expectation per file, from the README's file index (schema and status columns). */
export function readExpectations(queriesDir: string): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  const readme = readFileSync(join(queriesDir, 'README.md'), 'utf8');
  for (const line of readme.split('\n')) {
    if (!/^\| \d{3} \|/.test(line)) continue;
    const cells = line.split('|').map((c) => c.trim());
    const file = /\[([^\]]+\.sql)\]/.exec(cells[2] ?? '')?.[1];
    const status = cells[cells.length - 2] ?? '';
    const schema = cells[cells.length - 3] ?? '';
    if (!file) continue;
    out.set(file, status.startsWith('DEFECT') ? 'defect' : schema.startsWith('cloudtrail') ? 'valid' : 'foreign');
  }
  return out;
}

/**
 * Fills the corpus' template placeholders the way a user would before running a query:
 * `'${date_filter}'` (alternately the start and the end of a wide window) and `$EVENT_ID`.
 * Token by token, so comments that mention the placeholders are left alone.
 */
export function fillTemplate(sql: string, eventId: string): string {
  let tokens;
  try {
    tokens = tokenize(sql, 'lake');
  } catch {
    return sql; // unterminated literal etc.: the translator reports it
  }
  let out = '';
  let last = 0;
  let dates = 0;
  for (const t of tokens) {
    let repl: string | undefined;
    if (t.kind === 'string' && t.text === "'${date_filter}'") repl = `'${dates++ % 2 === 0 ? WIDE_FROM : WIDE_TO}'`;
    else if ((t.kind === 'dollar' || t.kind === 'tableword') && t.text === '$EVENT_ID') repl = quoteString(eventId);
    if (repl === undefined) continue;
    out += sql.slice(last, t.start) + repl;
    last = t.end;
  }
  return out + sql.slice(last);
}

/** Dashboard widgets declare their QueryParameters in the file header. */
function queryParameters(sql: string): string[] | undefined {
  const m = /QueryParameters: (\[[^\]\n]*\])/.exec(sql);
  return m ? (JSON.parse(m[1]!) as string[]) : undefined;
}

/**
 * Runs one Lake statement on a store: resolves with the row count, or rejects with the error
 * (a LakeSqlError for anything positioned in the user's SQL).
 */
export interface ConformanceRunner {
  /** Id of the store the placeholders resolve to. */
  storeId: string;
  /** A real eventID of the store, for `$EVENT_ID`. */
  sampleEventId?: string;
  run(sql: string, o: { params?: string[]; dashboard: { StartTime: string; EndTime: string; Period: string } }): Promise<number>;
}

/** A runner over the in-memory TestStore (translator unit tests). */
export async function testStoreRunner(store: TestStore): Promise<ConformanceRunner> {
  const ids = await store.conn.runAndReadAll(`SELECT eventID FROM "${store.stores[0]!.id}" WHERE eventID IS NOT NULL LIMIT 1`);
  return {
    storeId: store.stores[0]!.id,
    sampleEventId: String(ids.getRows()[0]?.[0] ?? 'no-event'),
    async run(sql, o) {
      let t: Translated | undefined;
      try {
        t = translateLake(sql, { stores: store.stores, ...(o.params ? { params: o.params } : {}), dashboard: o.dashboard });
        return (await store.conn.runAndReadAll(t.sql)).currentRowCount;
      } catch (e) {
        throw t && e instanceof Error && !(e instanceof LakeSqlError) ? mapDuckDbError(e, sql, t) : e;
      }
    },
  };
}

export async function runConformance(root: string, runner: ConformanceRunner): Promise<ConformanceReport> {
  const queriesDir = join(root, 'lake-queries');
  const expectations = readExpectations(queriesDir);
  const eventId = runner.sampleEventId ?? 'no-event';
  const results: CaseResult[] = [];
  for (const file of readdirSync(queriesDir).filter((f) => f.endsWith('.sql')).sort()) {
    const expect = expectations.get(file) ?? 'valid';
    const sql = fillTemplate(readFileSync(join(queriesDir, file), 'utf8'), eventId);
    results.push({ file, expect, ...(await runOne(runner, sql, expect)) });
  }
  const counts = { valid: 0, defect: 0, foreign: 0 };
  for (const r of results) counts[r.expect]++;
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, counts, results };
}

const DASHBOARD = { StartTime: WIDE_FROM, EndTime: WIDE_TO, Period: 'day' };

async function runOne(runner: ConformanceRunner, sql: string, expect: Expectation): Promise<{ ok: boolean; detail: string }> {
  let error: unknown;
  let rows = 0;
  try {
    const params = queryParameters(sql);
    rows = await runner.run(sql, { ...(params ? { params } : {}), dashboard: DASHBOARD });
  } catch (e) {
    error = e;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error === undefined) {
    return expect === 'valid' ? { ok: true, detail: `${rows} rows` } : { ok: false, detail: `ran (${rows} rows) but should have failed` };
  }
  if (!(error instanceof LakeSqlError)) return { ok: false, detail: `crashed: ${error instanceof Error ? error.name : typeof error}: ${message}` };
  if (expect === 'valid') return { ok: false, detail: `${error.code}: ${message}` };
  if (!(error.line >= 1 && error.column >= 1)) return { ok: false, detail: `error without a position: ${message}` };
  if (expect === 'foreign' && !(/this store holds CloudTrail events/.test(message) && /\b(eventData|metadata)\b/i.test(message))) {
    return { ok: false, detail: `failed, but without saying the store holds CloudTrail events: ${message}` };
  }
  return { ok: true, detail: `${error.code}: ${message}` };
}

/** `N passed, M failed` and one line per failure. */
export function formatReport(r: ConformanceReport): string {
  const lines = [`${r.passed} passed, ${r.failed} failed (${r.counts.valid} valid, ${r.counts.defect} as-published defects, ${r.counts.foreign} for other store kinds)`];
  for (const x of r.results) if (!x.ok) lines.push(`FAIL ${x.file} [${x.expect}]: ${x.detail}`);
  return lines.join('\n');
}
