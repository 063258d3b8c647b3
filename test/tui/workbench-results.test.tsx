import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { StoreStats } from '../../src/store/catalog.js';
import { tempDir } from '../helpers/cli.js';
import { buildStore, KEY, openWorkbench } from './workbench-helpers.js';

/** Lake SQL errors with their position, cancelling a long query, exporting the whole result. */

const tmp = tempDir('ctlake-tui-results-');
const dbPath = join(tmp.dir, 'store.duckdb');
let stats: StoreStats;

beforeAll(async () => {
  stats = await buildStore(dbPath);
});
afterEach(() => cleanup());
afterAll(() => tmp.cleanup());

const open = (o: Partial<Parameters<typeof openWorkbench>[0]> = {}) =>
  openWorkbench({ dbPath, queriesDir: join(tmp.dir, 'queries'), historyPath: `${dbPath}.history.jsonl`, ...o });

describe('results', () => {
  test('a Lake SQL error shows its line and column under the SQL line, with a caret', async () => {
    const w = open();
    await w.waitFor(`FROM ${stats.id}`);
    await w.press(KEY.ctrlA, `SELECT eventName\nFROM ${stats.id}\nWHERE eventName = = 'x'`, KEY.f5);
    const f = await w.waitFor('at line 3, column');
    const col = Number(/at line 3, column (\d+)/.exec(f)![1]);
    const lines = f.split('\n');
    const at = lines.findIndex((l) => l.includes('at line 3'));
    expect(lines[at + 1]).toContain("WHERE eventName = = 'x'");
    // The caret sits under the reported column (the grid starts after the sidebar and its border).
    const start = lines[at + 1]!.indexOf('WHERE');
    expect(lines[at + 2]!.indexOf('^') - start).toBe(col - 1);
    expect(f).toMatch(/error · \d+ ms/);
  });

  test('Esc cancels a running query; the spinner and clock show meanwhile', async () => {
    const w = open();
    await w.waitFor(`FROM ${stats.id}`);
    await w.press(KEY.ctrlA, `SELECT count(*) FROM ${stats.id} a, ${stats.id} b, ${stats.id} c, ${stats.id} d, ${stats.id} e`, KEY.f5);
    await w.waitFor(/running \d+\.\d s · Esc cancels/);
    await w.press(KEY.esc);
    const f = await w.waitFor(/E_CANCELLED|cancelled/i, 15_000);
    expect(f).toMatch(/error · \d+ ms/);
  });

  test('exports the whole result (not just the rows on screen) as csv, json and parquet', async () => {
    const w = open({ maxRows: 10 });
    await w.waitFor(`FROM ${stats.id}`);
    await w.press(KEY.ctrlA, `SELECT eventID, eventName FROM ${stats.id} ORDER BY eventID`, KEY.f5);
    await w.waitFor('10 of >10 rows');
    for (const ext of ['csv', 'json', 'parquet']) {
      const path = join(tmp.dir, `out.${ext}`);
      await w.press(KEY.ctrlO);
      await w.waitFor('Export the results');
      await w.press('\x15', path, KEY.enter);
      await w.waitFor(`exported ${stats.events} rows`);
      expect(statSync(path).size).toBeGreaterThan(0);
    }
    expect(readFileSync(join(tmp.dir, 'out.csv'), 'utf8').trim().split('\n')).toHaveLength(stats.events + 1);
    expect(JSON.parse(readFileSync(join(tmp.dir, 'out.json'), 'utf8'))).toHaveLength(stats.events);
    expect(readFileSync(join(tmp.dir, 'out.parquet')).subarray(0, 4).toString()).toBe('PAR1');
  });
});
