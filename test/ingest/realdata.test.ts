import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fg from 'fast-glob';
import { ctlake, HAVE_SHARED, REALDATA, SKIP_SHARED_MSG, tempDir } from '../helpers/cli.js';

type Rec = Record<string, any>;

/** Expected figures computed straight from the raw files, independent of ctlake. */
function expectedFromRaw(): { events: Rec[]; duplicates: number } {
  const files = fg.sync('**/*.json.gz', { cwd: REALDATA, absolute: true });
  const seen = new Set<string>();
  const events: Rec[] = [];
  let duplicates = 0;
  for (const f of files) {
    const doc = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8'));
    for (const r of doc.Records as Rec[]) {
      const key = JSON.stringify(r);
      if (seen.has(key)) duplicates++;
      else {
        seen.add(key);
        events.push(r);
      }
    }
  }
  return { events, duplicates };
}

function q(db: string, sql: string): any[] {
  const r = ctlake(['--db', db, 'query', sql, '--dialect', 'duckdb', '--format', 'json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe.skipIf(!HAVE_SHARED)('ingest of ../shared/conformance/realdata (all four sources, one call)', () => {
  const t = tempDir();
  const db = join(t.dir, 'real.duckdb');
  let expected: ReturnType<typeof expectedFromRaw>;
  let summary: any;

  beforeAll(() => {
    expected = expectedFromRaw();
    const r = ctlake(['--db', db, 'ingest', REALDATA, '--json']);
    expect(r.stderr).not.toMatch(/rejected:/);
    expect(r.code).toBe(0);
    summary = JSON.parse(r.stdout);
  });
  afterAll(() => t.cleanup());

  it('loads every event once, dropping only exact duplicates', () => {
    expect(summary.filesLoaded).toBe(158);
    expect(summary.eventsLoaded).toBe(expected.events.length);
    expect(summary.duplicatesDropped).toBe(expected.duplicates);
    expect(q(db, 'SELECT count(*) AS n FROM events')[0].n).toBe(expected.events.length);
  });

  it('agrees with the raw JSON on the top (eventSource, eventName) pairs', () => {
    const counts = new Map<string, number>();
    for (const e of expected.events) counts.set(`${e.eventSource}|${e.eventName}`, (counts.get(`${e.eventSource}|${e.eventName}`) ?? 0) + 1);
    const want = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 15);
    const got = q(db, `SELECT eventSource || '|' || eventName AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, k LIMIT 15`);
    expect(got.map((r) => [r.k, r.n])).toEqual(want);
  });

  it('agrees on events with an errorCode and on distinct userIdentity.arn', () => {
    const withError = expected.events.filter((e) => e.errorCode != null).length;
    expect(q(db, 'SELECT count(*) AS n FROM events WHERE errorCode IS NOT NULL')[0].n).toBe(withError);
    const arns = new Set(expected.events.map((e) => e.userIdentity?.arn).filter((a) => typeof a === 'string'));
    expect(q(db, 'SELECT count(DISTINCT userIdentity.arn) AS n FROM events')[0].n).toBe(arns.size);
  });

  it('keeps the path account beside recipientAccountId (invictus: they differ)', () => {
    const rows = q(db, `SELECT DISTINCT pathAccountId, recipientAccountId FROM events WHERE sourceFile LIKE '%invictus%'`);
    expect(rows).toEqual([{ pathAccountId: '218007301253', recipientAccountId: '123837392027' }]);
  });

  it('reads the organization-trail layout', () => {
    const rows = q(db, `SELECT DISTINCT pathOrgId, pathAccountId FROM events WHERE pathOrgId IS NOT NULL`);
    expect(rows).toEqual([{ pathOrgId: 'o-1234abcde', pathAccountId: expect.stringMatching(/^\d{12}$/) }]);
  });

  it('keeps each event\'s original text in eventJson, and every key of it', () => {
    const rows = q(db, `SELECT eventJson FROM events WHERE sourceFile LIKE '%stratus%' LIMIT 50`);
    for (const r of rows) {
      const parsed = JSON.parse(r.eventJson);
      expect(expected.events.some((e) => JSON.stringify(e) === JSON.stringify(parsed))).toBe(true);
    }
  });

  it('survives JSON type drift: a field that is a number in one event and a string in another', () => {
    const rows = q(db, `SELECT DISTINCT typeof(requestParameters['maxResults']) AS t FROM "default" WHERE requestParameters['maxResults'] IS NOT NULL`);
    expect(rows).toEqual([{ t: 'VARCHAR' }]);
  });

  it('re-running the same ingest loads nothing and changes nothing', () => {
    const before = q(db, 'SELECT count(*) AS n, sum(hash(eventJson)) AS h FROM events')[0];
    const r = ctlake(['--db', db, 'ingest', REALDATA, '--json']);
    const s = JSON.parse(r.stdout);
    expect(s.filesLoaded).toBe(0);
    expect(s.eventsLoaded).toBe(0);
    expect(q(db, 'SELECT count(*) AS n, sum(hash(eventJson)) AS h FROM events')[0]).toEqual(before);
  });
});

// Without ../shared (a user's fresh clone) say so as a skipped test rather than passing silently.
if (!HAVE_SHARED) describe('realdata', () => it.skip(SKIP_SHARED_MSG, () => undefined));
