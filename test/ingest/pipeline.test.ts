import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ONE_LINE_PEEK_BYTES } from '../../src/ingest/decode-file.js';
import { ingest, type IngestOptions } from '../../src/ingest/ingest.js';
import { DEFAULT_LIMITS } from '../../src/ingest/types.js';
import { storeStats } from '../../src/store/catalog.js';
import { Db, duplicateRemovalMemoryLimit } from '../../src/store/duckdb.js';
import { tempDir } from '../helpers/cli.js';
import { doc, event, gz } from '../helpers/fixtures.js';
import { writeZip } from '../helpers/zip-writer.js';

const t = tempDir();
afterAll(() => t.cleanup());
let n = 0;

function tree(files: Record<string, Buffer | string>): string {
  const root = join(t.dir, `tree-${n++}`);
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), data);
  }
  return root;
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.openForIngest(join(t.dir, `db-${n++}.duckdb`));
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

const run = (db: Db, o: Partial<IngestOptions> & { paths: string[] }) => ingest(db, { jobs: 0, ...o });
const count = async (db: Db, where = 'true') => Number((await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM events WHERE ${where}`))[0]!.n);
const P = (acct: string, region: string, day: string, tag: string, kind = 'CloudTrail') =>
  `AWSLogs/${acct}/${kind}/${region}/2024/03/${day}/${acct}_${kind}_${region}_202403${day}T0000Z_${tag}.json.gz`;

describe('ingest pipeline (library, real DuckDB and real files)', () => {
  it('streams a file larger than the in-memory threshold with the same result', async () => {
    const events = Array.from({ length: 300 }, (_, i) => event(i));
    const root = tree({ [P('111122223333', 'us-east-1', '01', 'big')]: gz(JSON.stringify({ Records: events }, null, 1)) });
    const [whole, streamed] = await Promise.all([
      withDb(async (db) => (await run(db, { paths: [root] }), db.all(`SELECT eventID, eventJson FROM events ORDER BY eventID`))),
      withDb(async (db) => (await run(db, { paths: [root], limits: { wholeFileBytes: 512 } }), db.all(`SELECT eventID, eventJson FROM events ORDER BY eventID`))),
    ]);
    expect(streamed).toHaveLength(300);
    expect(streamed).toEqual(whole);
  });

  it('gives an event the same eventJson whichever reader loaded it, so its copy is dropped', async () => {
    // .json.gz goes to DuckDB's reader, plain .json to ctlake's scanner: different bytes, same events.
    const records = [
      { ...event(1), requestParameters: { url: 'a\u0026b', note: '\u003csensitive\u003e' } },
      { ...event(2), requestParameters: { FromTime: 1.688560107857e9 } },
    ];
    const oneLine = doc(records).replace(/"a&b"/, '"a\\u0026b"').replace('1688560107.857', '1.688560107857E9');
    const root = tree({
      [P('111122223333', 'us-east-1', '01', 'direct')]: gz(oneLine),
      [P('111122223333', 'us-east-1', '01', 'scanned').replace('.json.gz', '.json')]: JSON.stringify({ Records: records }, null, 2),
    });
    await withDb(async (db) => {
      const s = await run(db, { paths: [root] });
      expect(s.rejected).toEqual([]);
      expect(s.eventsLoaded).toBe(2);
      expect(s.duplicatesDropped).toBe(2);
      const rows = await db.all<{ eventJson: string }>(`SELECT eventJson FROM events ORDER BY eventID`);
      expect(rows.map((r) => JSON.parse(r.eventJson))).toEqual(records);
    });
  });

  it('loads a file with a newline deep inside, next to one-line files (DuckDB refuses the batch; the fallback sorts it out)', async () => {
    // Random-looking text, so that the one-line check's peek of gzip is far less than the 150 KB before the newline.
    const noise = (i: number) => [1, 2, 3, 4].map((k) => createHash('sha256').update(`${i}:${k}`).digest('hex')).join('');
    const many = Array.from({ length: 400 }, (_, i) => event(1000 + i, { requestID: noise(i) }));
    const text = doc(many);
    const cut = text.indexOf('},{', 150_000) + 2; // past what the one-line check looks at
    const late = gz(`${text.slice(0, cut)}\n${text.slice(cut)}`);
    expect(gunzipSync(late.subarray(0, ONE_LINE_PEEK_BYTES), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).indexOf('\n')).toBe(-1);
    const root = tree({
      [P('111122223333', 'us-east-1', '01', 'late-newline')]: late,
      ...Object.fromEntries(Array.from({ length: 5 }, (_, k) => [P('111122223333', 'us-east-1', '02', `good${k}`), gz(doc([event(k * 10), event(k * 10 + 1)]))])),
    });
    await withDb(async (db) => {
      const s = await run(db, { paths: [root] });
      expect(s.rejected).toEqual([]);
      expect(s.filesLoaded).toBe(6);
      expect(s.eventsLoaded).toBe(410);
      expect(await count(db)).toBe(410);
    });
  });

  it('refuses a gzip that expands past the ratio limit (decompression bomb), streamed or whole', async () => {
    const bomb = gz(`{"Records":[${' '.repeat(4 * 1024 * 1024)}]}`);
    const root = tree({ [P('111122223333', 'us-east-1', '01', 'bomb')]: bomb, [P('111122223333', 'us-east-1', '01', 'good')]: gz(doc([event(1)])) });
    for (const wholeFileBytes of [DEFAULT_LIMITS.wholeFileBytes, 16]) {
      await withDb(async (db) => {
        const s = await run(db, { paths: [root], limits: { ratioFloorBytes: 1024 * 1024, maxRatio: 50, wholeFileBytes } });
        expect(s.eventsLoaded).toBe(1);
        expect(s.rejected).toEqual([{ path: expect.stringContaining('bomb'), reason: expect.stringMatching(/decompression bomb/) }]);
      });
    }
  });

  it('refuses a zip entry that expands past what it declares', async () => {
    const root = join(t.dir, `liar-${n++}`);
    mkdirSync(root);
    const data = gz(doc([event(1), event(2)]));
    writeZip(join(root, 'liar.zip'), [{ name: P('111122223333', 'us-east-1', '01', 'liar'), data, deflate: true, declaredSize: 10 }]);
    await withDb(async (db) => {
      const s = await run(db, { paths: [root] });
      expect(s.eventsLoaded).toBe(0);
      expect(s.rejected[0]!.reason).toMatch(/expands|declares|size/i);
    });
  });

  it('reads files DuckDB would take for glob patterns, and gives every event its own file facts', async () => {
    // One statement reads all the files; each row finds its file by position in the list.
    const files: Record<string, Buffer> = {};
    const owner = new Map<string, string>();
    for (let f = 0; f < 12; f++) {
      const acct = f % 2 ? '111122223333' : '444455556666';
      const rel = `export [1] *?{a,b}/${P(acct, f % 3 ? 'us-east-1' : 'eu-west-1', String(1 + (f % 4)).padStart(2, '0'), `f${f}`)}`;
      const records = Array.from({ length: 1 + (f % 5) }, (_, i) => event(100 * f + i));
      files[rel] = gz(doc(records));
      for (const r of records) owner.set(r.eventID as string, rel);
    }
    const root = tree(files);
    await withDb(async (db) => {
      const s = await run(db, { paths: [root], jobs: 2 });
      expect(s.rejected).toEqual([]);
      expect(s.eventsLoaded).toBe(owner.size);
      const rows = await db.all<{ eventID: string; sourceFile: string; pathAccountId: string; pathRegion: string; pathDate: unknown; path: string }>(
        `SELECT e.eventID, e.sourceFile, e.pathAccountId, e.pathRegion, strftime(e.pathDate, '%Y/%m/%d') AS pathDate, f.path
           FROM events e JOIN ct_files f USING (fileId)`,
      );
      expect(rows).toHaveLength(owner.size);
      for (const r of rows) {
        const rel = owner.get(r.eventID)!;
        expect(r.sourceFile).toBe(join(root, rel));
        expect(r.path).toBe(r.sourceFile);
        expect(rel).toContain(`/${r.pathAccountId}/CloudTrail/${r.pathRegion}/${r.pathDate}/`);
      }
    });
  });

  it('drops exact duplicates across runs but keeps a reused eventID with other content', async () => {
    const a = tree({ [P('111122223333', 'us-east-1', '01', 'a')]: gz(doc([event(1), event(2)])) });
    const changed = { ...event(2), errorCode: 'AccessDenied' };
    const b = tree({ [P('111122223333', 'us-east-1', '01', 'b')]: gz(JSON.stringify({ Records: [event(1), changed, event(3)] }, null, 2)) });
    await withDb(async (db) => {
      await run(db, { paths: [a] });
      const s = await run(db, { paths: [b] });
      expect(s.eventsLoaded).toBe(2);
      expect(s.duplicatesDropped).toBe(1); // event(1), pretty-printed this time: same content
      expect(await count(db)).toBe(4);
      expect(await count(db, `eventID = '${event(2).eventID}'`)).toBe(2);
    });
  });

  it('removes duplicates under its own, lower memory limit and puts the ingest limit back', async () => {
    const a = tree({ [P('111122223333', 'us-east-1', '01', 'a')]: gz(doc([event(1), event(2)])) });
    const b = tree({ [P('111122223333', 'us-east-1', '01', 'b')]: gz(doc([event(2), event(3)])) });
    const limit = async (db: Db) => String((await db.all<{ v: string }>(`SELECT current_setting('memory_limit') AS v`))[0]!.v);
    await withDb(async (db) => {
      const ingestLimit = await limit(db);
      let inside = '';
      await db.withMemoryLimit(duplicateRemovalMemoryLimit(), async () => {
        inside = await limit(db);
      });
      if (!process.env.CTLAKE_MEMORY_LIMIT) expect(inside).not.toBe(ingestLimit); // 400MB while 600MB otherwise
      expect(await limit(db)).toBe(ingestLimit);
      await run(db, { paths: [a] });
      const s = await run(db, { paths: [b] });
      expect(s.duplicatesDropped).toBe(1);
      expect(await limit(db)).toBe(ingestLimit);
    });
  });

  it('drops a duplicate between a file re-read by the scanner and a file of the batch already committed', async () => {
    // a.json.gz has a record without eventTime: DuckDB's reader takes it in, ctlake takes the file
    // out again and re-reads it with its scanner after the batch (with b.json.gz) has committed.
    const noTime = { ...event(9) };
    delete noTime.eventTime;
    const root = tree({
      [P('111122223333', 'us-east-1', '01', 'a')]: gz(doc([event(1), noTime])),
      [P('111122223333', 'us-east-1', '01', 'b')]: gz(doc([event(1), event(2)])),
    });
    await withDb(async (db) => {
      const s = await run(db, { paths: [root] });
      expect(s.recordsRejected).toBe(1);
      expect(s.duplicatesDropped).toBe(1);
      expect(s.eventsLoaded).toBe(2);
      expect(await count(db)).toBe(2);
      expect(await count(db, `eventID = '${event(1).eventID}'`)).toBe(1);
    });
  });

  it('does not load the same bytes twice under another path or inside a zip', async () => {
    const bytes = gz(doc([event(1), event(2)]));
    const root = tree({ [P('111122223333', 'us-east-1', '01', 'x')]: bytes, ['copy/' + P('111122223333', 'us-east-1', '01', 'x')]: bytes });
    writeZip(join(root, 'again.zip'), [{ name: P('111122223333', 'us-east-1', '01', 'x'), data: bytes }]);
    await withDb(async (db) => {
      const s = await run(db, { paths: [root] });
      expect(s.filesLoaded).toBe(1);
      expect(s.filesSkipped).toBe(2);
      expect(s.skipped.every((x) => /same content as/.test(x.reason))).toBe(true);
      expect(await count(db)).toBe(2);
    });
  });

  it('prunes by account, region and date before opening files', async () => {
    const root = tree({
      [P('111122223333', 'us-east-1', '01', 'a')]: gz(doc([event(1)])),
      [P('111122223333', 'eu-west-1', '02', 'b')]: gz(doc([event(2)])),
      [P('444455556666', 'us-east-1', '03', 'c')]: 'not even gzip', // would be rejected if opened
    });
    await withDb(async (db) => {
      const s = await run(db, { paths: [root], accounts: ['111122223333'], since: '2024-03-02' });
      expect(s.filesPruned).toBe(2);
      expect(s.eventsLoaded).toBe(1);
      expect(s.rejected).toEqual([]);
      expect(await count(db, `pathRegion = 'eu-west-1' AND pathDate = DATE '2024-03-02'`)).toBe(1);
    });
  });

  it('records digest files without loading them, and flags Insights events', async () => {
    const insight = { eventVersion: '1.08', eventTime: '2024-03-01T00:00:00Z', eventID: 'i-1', eventType: 'AwsCloudTrailInsight', eventCategory: 'Insight', insightDetails: { state: 'Start', insightType: 'ApiCallRateInsight' } };
    const root = tree({
      [P('111122223333', 'us-east-1', '01', 'd', 'CloudTrail-Digest')]: gz('{"digestStartTime":"x","logFiles":[]}'),
      [P('111122223333', 'us-east-1', '01', 'i', 'CloudTrail-Insight')]: gz(doc([insight])),
      [P('111122223333', 'us-east-1', '01', 'e')]: gz(doc([event(1)])),
    });
    await withDb(async (db) => {
      const s = await run(db, { paths: [root] });
      expect(s.digestFiles).toBe(1);
      expect(s.insightEvents).toBe(1);
      // insightDetails (a map) is decoded from eventJson by the store's view.
      const [insights] = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM "${s.storeId}" WHERE fileKind = 'CloudTrail-Insight' AND insightDetails['state'] = 'Start'`);
      expect(Number(insights!.n)).toBe(1);
      const digest = await db.all(`SELECT status, kind FROM ct_files WHERE kind = 'CloudTrail-Digest'`);
      expect(digest).toEqual([{ status: 'digest', kind: 'CloudTrail-Digest' }]);
    });
  });

  it('keeps several event data stores apart, each with a stable id', async () => {
    const root = tree({ [P('111122223333', 'us-east-1', '01', 'a')]: gz(doc([event(1), event(2)])) });
    await withDb(async (db) => {
      const a = await run(db, { paths: [root], store: 'case-a' });
      const b = await run(db, { paths: [root], store: 'case-b' });
      expect(a.eventsLoaded).toBe(2);
      expect(b.eventsLoaded).toBe(2); // a store is its own world: same files load again
      const again = await run(db, { paths: [root], store: 'case-a' });
      expect(again.storeId).toBe(a.storeId);
      const stats = await storeStats(db);
      expect(stats.map((x) => [x.name, x.events, x.files])).toEqual([
        ['case-a', 2, 1],
        ['case-b', 2, 1],
      ]);
      expect(stats[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(await db.all(`SELECT count(*) AS n FROM "${a.storeId}"`)).toEqual([{ n: 2n }]);
    });
  });
});
