import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, expect, test } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { KEY, openWorkbench, SAMPLE_LOGS } from './workbench-helpers.js';

/** No store yet: the workbench says so, offers to ingest, shows progress, then queries the result. */

const tmp = tempDir('ctlake-tui-ingest-');
afterEach(() => cleanup());
afterAll(() => tmp.cleanup());

test('with no store it offers to ingest a path, runs it with progress, then opens the new store', async () => {
  const dbPath = join(tmp.dir, 'new.duckdb');
  const w = openWorkbench({ dbPath, queriesDir: join(tmp.dir, 'q'), historyPath: `${dbPath}.history.jsonl` });
  let f = await w.waitFor('No store at');
  expect(f).toContain('Ingest from:');
  expect(existsSync(dbPath)).toBe(false); // opening the workbench never creates a store by itself

  await w.press(KEY.enter);
  await w.waitFor('type a path');
  await w.press(SAMPLE_LOGS, KEY.enter);
  f = await w.waitFor(/loaded [\d,]+ events from \d+ files/, 60_000);
  expect(f).toMatch(/█+ 100%/);
  const events = /loaded ([\d,]+) events/.exec(f)![1]!;
  await w.press(KEY.enter);
  f = await w.waitFor(`${events} events`);
  expect(f).not.toContain('Ingest from');
  // The store is open read-only again and answers queries.
  await w.press(KEY.ctrlT, KEY.ctrlA, 'SELECT count(*) AS n FROM "default"', KEY.f5);
  f = await w.waitFor('1 row ·');
  expect(f).toContain(events.replace(/,/g, ''));
});

test('an empty path or a path with no logs is reported in the dialog', async () => {
  const dbPath = join(tmp.dir, 'other.duckdb');
  const w = openWorkbench({ dbPath, queriesDir: join(tmp.dir, 'q'), historyPath: `${dbPath}.history.jsonl`, ingestPath: tmp.dir });
  await w.waitFor(`Ingest from: ${tmp.dir.slice(0, 20)}`);
  await w.press(KEY.enter);
  await w.waitFor('no CloudTrail log files');
  await w.press(KEY.esc);
  const f = await w.waitFor((s) => !s.includes('Ingest from'));
  expect(f).toContain('0 events: Ctrl+G ingests');
});
