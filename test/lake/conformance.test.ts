import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  findConformanceRoot,
  formatReport,
  readExpectations,
  runConformance,
  type ConformanceReport,
} from '../../src/query/lake/conformance.js';
import { realStoreRunner } from '../../src/query/conformance-store.js';

const root = findConformanceRoot();

describe.skipIf(!root)('conformance: published CloudTrail Lake queries on real CloudTrail data', () => {
  let runner: Awaited<ReturnType<typeof realStoreRunner>>;
  let report: ConformanceReport;

  beforeAll(async () => {
    // The real path: realdata through the ingest pipeline, queries through a read-only query session.
    runner = await realStoreRunner(join(root!, 'realdata'));
    report = await runConformance(root!, runner);
  }, 120_000);
  afterAll(() => runner?.close());

  it('classifies the corpus as the README does: 98 valid, 12 defects, 13 for other store kinds', () => {
    const e = [...readExpectations(join(root!, 'lake-queries')).values()];
    expect(e.filter((x) => x === 'valid')).toHaveLength(98);
    expect(e.filter((x) => x === 'defect')).toHaveLength(12);
    expect(e.filter((x) => x === 'foreign')).toHaveLength(13);
    expect(report.results).toHaveLength(123);
  });

  it('runs every valid CloudTrail-schema query without error', () => {
    const bad = report.results.filter((r) => r.expect === 'valid' && !r.ok);
    expect(bad.map((r) => `${r.file}: ${r.detail}`)).toEqual([]);
  });

  it('rejects each as-published defect with a positioned LakeSqlError, never a crash', () => {
    const bad = report.results.filter((r) => r.expect === 'defect' && !r.ok);
    expect(bad.map((r) => `${r.file}: ${r.detail}`)).toEqual([]);
  });

  it('says which column a Config / integration query needs and that this store holds CloudTrail events', () => {
    const bad = report.results.filter((r) => r.expect === 'foreign' && !r.ok);
    expect(bad.map((r) => `${r.file}: ${r.detail}`)).toEqual([]);
    const r091 = report.results.find((r) => r.file.startsWith('091-'))!;
    expect(r091.detail).toContain('column "eventData" does not exist: this store holds CloudTrail events; eventData belongs to AWS Config / integration event data stores');
  });

  it('prints N passed, M failed', () => {
    expect(formatReport(report).split('\n')[0]).toMatch(/^123 passed, 0 failed/);
  });
});

// Reported as skipped on purpose when ../shared is absent (a user's fresh clone), so the gap is visible;
// with ../shared present (CI) the suite above runs and this placeholder is not registered at all.
if (!root) describe('conformance (skipped)', () => {
  it.skip('needs ../shared/conformance (lake-queries/ and realdata/) next to the project', () => {});
});
