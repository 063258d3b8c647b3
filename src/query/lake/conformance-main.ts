import { join } from 'node:path';
import { realStoreRunner } from '../conformance-store.js';
import { findConformanceRoot, formatReport, runConformance } from './conformance.js';

/**
 * `npm run conformance`: runs the shared corpus of published Lake queries and prints
 * `N passed, M failed` plus a line per failure. Exit code 1 when anything failed.
 */
async function main(): Promise<void> {
  const root = process.argv[2] ?? findConformanceRoot();
  if (!root) {
    console.error('no conformance corpus: expected ../shared/conformance (with lake-queries/ and realdata/), or pass its path');
    process.exitCode = 2;
    return;
  }
  // The store is built by the real ingest pipeline and queried through a real query session.
  const runner = await realStoreRunner(join(root, 'realdata'));
  const report = await runConformance(root, runner).finally(() => runner.close());
  console.log(formatReport(report));
  if (report.failed > 0) process.exitCode = 1;
}

await main();
