import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateTree } from '../../src/gen/index.js';
import { ctlake, ctlakeAsync, tempDir } from '../helpers/cli.js';

// Small batches (about 2,000 events), so the kill lands between commits.
const ENV = { CTLAKE_BATCH_EVENTS: '2000', CTLAKE_BATCH_BYTES: String(2000 * 1500), CTLAKE_PROGRESS_MS: '1' };

function fingerprint(db: string): unknown {
  const sql = `SELECT
      (SELECT count(*) FROM events) AS events,
      (SELECT md5(string_agg(eventID || ':' || md5(eventJson) || ':' || sourceFile, ',' ORDER BY eventID, md5(eventJson), sourceFile)) FROM events) AS content,
      (SELECT md5(string_agg(path || ':' || status || ':' || coalesce(events, -1) || ':' || coalesce(duplicates, -1), ',' ORDER BY path)) FROM ct_files) AS ledger`;
  const r = ctlake(['--db', db, 'query', sql, '--dialect', 'duckdb', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout)[0];
}

/** Starts an ingest and kill -9s it once it has committed some batches but not all. */
async function killMidway(db: string, tree: string): Promise<boolean> {
  const child = ctlakeAsync(['--db', db, 'ingest', tree, '--no-progress'], { env: ENV });
  return new Promise((resolve) => {
    let killed = false;
    child.stderr.on('data', (d: Buffer) => {
      const m = /(\d+)\/(\d+) files, ([\d,]+) events/.exec(d.toString());
      if (!killed && m && Number(m[3]!.replace(/,/g, '')) > 0 && Number(m[1]) < Number(m[2])) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => resolve(killed));
  });
}

describe('kill -9 in the middle of an ingest (real CLI)', () => {
  const t = tempDir();
  const tree = join(t.dir, 'tree');
  beforeAll(async () => {
    await generateTree({ out: tree, events: 30_000, eventsPerFile: 150, workers: 0, seed: 42 });
  }, 120_000);
  afterAll(() => t.cleanup());

  it('re-running finishes the job: the store equals an uninterrupted run', async () => {
    const clean = join(t.dir, 'clean.duckdb');
    expect(ctlake(['--db', clean, 'ingest', tree, '--no-progress'], { env: ENV }).code).toBe(0);
    const want = fingerprint(clean);

    const crashed = join(t.dir, 'crashed.duckdb');
    expect(await killMidway(crashed, tree)).toBe(true);
    expect(await killMidway(crashed, tree)).toBe(true); // and once more, from the half-done state
    const rerun = ctlake(['--db', crashed, 'ingest', tree, '--json'], { env: ENV });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).filesLoaded).toBeGreaterThan(0);
    expect(fingerprint(crashed)).toEqual(want);
  });
});
