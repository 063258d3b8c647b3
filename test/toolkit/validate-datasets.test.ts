import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fg from 'fast-glob';
import { ctlake, SKIP_SHARED_MSG, tempDir } from '../helpers/cli.js';
import { buildStore, datasets } from './filter-raw-events.js';

/**
 * `ctlake validate` on the sample tree and on real data, as they are. The expectations are
 * worked out here from the files: which are digests, which log files each digest lists and
 * whether their uncompressed SHA-256 matches; every other log file is "not covered".
 */

type Rec = Record<string, any>;

function expected(root: string): { digests: number; listed: Map<string, 'valid' | 'modified' | 'missing'>; uncovered: string[] } {
  const files = fg.sync('**/*.json.gz', { cwd: root, absolute: true }).sort();
  const digests = files.filter((f) => f.includes('/CloudTrail-Digest/'));
  const logs = files.filter((f) => !f.includes('/CloudTrail-Digest/'));
  const listed = new Map<string, 'valid' | 'modified' | 'missing'>();
  for (const d of digests) {
    const doc = JSON.parse(gunzipSync(readFileSync(d)).toString('utf8')) as Rec;
    for (const lf of (doc.logFiles ?? []) as Rec[]) {
      const local = logs.find((f) => f.endsWith(`/${String(lf.s3Object).slice(String(lf.s3Object).indexOf('AWSLogs/'))}`));
      if (!local) listed.set(`s3://${lf.s3Bucket}/${lf.s3Object}`, 'missing');
      else listed.set(local, createHash('sha256').update(gunzipSync(readFileSync(local))).digest('hex') === lf.hashValue ? 'valid' : 'modified');
    }
  }
  return { digests: digests.length, listed, uncovered: logs.filter((f) => !listed.has(f)) };
}

for (const ds of datasets()) {
  describe.skipIf(ds.skip)(`validate on ${ds.name}${ds.skip ? ` (${SKIP_SHARED_MSG})` : ''}`, () => {
    let want: ReturnType<typeof expected>;
    let out: Rec;
    let code: number;
    beforeAll(() => {
      want = expected(ds.root);
      const r = ctlake(['validate', ds.root, '--format', 'json']);
      code = r.code;
      out = JSON.parse(r.stdout) as Rec;
    });

    it('reports every log file: listed ones by hash, the rest as not covered by any digest', () => {
      const bad = [...want.listed.values()].some((s) => s !== 'valid');
      expect(code).toBe(bad ? 1 : 0);
      expect(out.summary.digests.total).toBe(want.digests);
      const got = new Map((out.logFiles as Rec[]).filter((l) => l.status !== 'uncovered').map((l) => [l.path ?? l.s3Uri, l.status]));
      expect(got).toEqual(want.listed);
      expect((out.logFiles as Rec[]).filter((l) => l.status === 'uncovered').map((l) => l.path).sort()).toEqual(want.uncovered);
    });

    it('text output: the AWS CLI summary lines', () => {
      const r = ctlake(['validate', ds.root]);
      expect(r.stdout).toContain('Results requested for all digest files given');
      if (!want.digests) expect(r.stdout).toContain('No digests found');
      if (want.uncovered.length) expect(r.stdout).toContain(`${want.uncovered.length} log file${want.uncovered.length === 1 ? '' : 's'} not covered by any digest`);
    });

    it('--strict fails when files are not covered', () => {
      expect(ctlake(['validate', ds.root, '--strict']).code).toBe(want.uncovered.length || want.digests ? 1 : 0);
    });

    describe('without PATH (the ledger)', () => {
      const t = tempDir();
      const db = join(t.dir, 'store.duckdb');
      beforeAll(async () => buildStore(ds.root, db));
      afterAll(() => t.cleanup());

      it('uses the digests ingest recorded, or says how to get some', () => {
        const r = ctlake(['--db', db, 'validate', '--format', 'json']);
        if (!want.digests) {
          expect(r.code).toBe(1);
          expect(r.stderr).toMatch(/no digest files recorded/);
        } else {
          expect(JSON.parse(r.stdout).summary.digests.total).toBe(want.digests);
        }
      });
    });
  });
}
