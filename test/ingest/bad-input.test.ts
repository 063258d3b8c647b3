import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ctlake, tempDir } from '../helpers/cli.js';
import { DAY_DIR, doc, event, gz, writeBadTree, type BadTree } from '../helpers/fixtures.js';

describe('ingest of bad input next to good files (real CLI)', () => {
  const t = tempDir();
  const db = join(t.dir, 'store.duckdb');
  let tree: BadTree;
  let first: ReturnType<typeof ctlake>;
  let summary: any;

  beforeAll(() => {
    tree = writeBadTree(join(t.dir, 'export'));
    first = ctlake(['--db', db, 'ingest', tree.root, '--json']);
    summary = JSON.parse(first.stdout);
  });
  afterAll(() => t.cleanup());

  it('stores every good event and exits 3', () => {
    expect(first.code).toBe(3);
    expect(summary.eventsLoaded).toBe(tree.goodEvents);
    const q = ctlake(['--db', db, 'query', 'SELECT count(*) AS n FROM events', '--dialect', 'duckdb', '--format', 'json']);
    expect(JSON.parse(q.stdout)[0].n).toBe(tree.goodEvents);
  });

  it('lists each bad file with a precise reason', () => {
    for (const x of tree.expectRejected) {
      const hit = summary.rejected.find((r: { path: string }) => r.path.includes(x.file));
      expect(hit, `${x.file} should be reported`).toBeDefined();
      expect(hit.reason).toMatch(x.reason);
      expect(first.stderr).toContain(x.file);
    }
    expect(summary.filesRejected).toBe(tree.expectRejected.length - 1); // bad-records.json.gz itself loads
  });

  it('loads nothing twice on a re-run and reports the same problems', () => {
    const again = ctlake(['--db', db, 'ingest', tree.root, '--json']);
    const s = JSON.parse(again.stdout);
    expect(again.code).toBe(3);
    expect(s.filesLoaded).toBe(0);
    expect(s.eventsLoaded).toBe(0);
    expect(s.rejected.length).toBe(summary.rejected.length - 1); // bad-records is now just "known"
    const q = ctlake(['--db', db, 'query', 'SELECT count(*) AS n, count(DISTINCT path) AS p FROM ct_files', '--dialect', 'duckdb', '--format', 'json']);
    const before = JSON.parse(q.stdout)[0];
    ctlake(['--db', db, 'ingest', tree.root, '--json']);
    const after = JSON.parse(ctlake(['--db', db, 'query', 'SELECT count(*) AS n, count(DISTINCT path) AS p FROM ct_files', '--dialect', 'duckdb', '--format', 'json']).stdout)[0];
    expect(after).toEqual(before);
  });

  it('loads a file once it is fixed', () => {
    const fixed = join(tree.root, DAY_DIR, 'truncated.json.gz');
    writeFileSync(fixed, gz(doc([event(9000), event(9001)])));
    const r = ctlake(['--db', db, 'ingest', tree.root, '--json']);
    const s = JSON.parse(r.stdout);
    expect(s.filesLoaded).toBe(1);
    expect(s.eventsLoaded).toBe(2);
    expect(s.rejected.some((x: { path: string }) => x.path.endsWith('truncated.json.gz'))).toBe(false);
  });
});
