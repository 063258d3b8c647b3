import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadSample } from '../../src/query/library.js';
import type { StoreStats } from '../../src/store/catalog.js';
import { tempDir } from '../helpers/cli.js';
import { buildStore, KEY, openWorkbench } from './workbench-helpers.js';

/** Samples and saved queries: search, load into the editor, save (and overwrite) from the editor. */

const tmp = tempDir('ctlake-tui-lib-');
const dbPath = join(tmp.dir, 'store.duckdb');
const queriesDir = join(tmp.dir, 'queries');
let stats: StoreStats;

beforeAll(async () => {
  stats = await buildStore(dbPath);
});
afterEach(() => cleanup());
afterAll(() => tmp.cleanup());

const open = () => openWorkbench({ dbPath, queriesDir, historyPath: `${dbPath}.history.jsonl` });

describe('query library in the workbench', () => {
  test('search the samples by title or tag, load one, save it under a new name, overwrite on confirm', async () => {
    const w = open();
    await w.waitFor(`FROM ${stats.id}`);
    await w.press(KEY.tab, KEY.tab, KEY.tab, '/', 'top apis', KEY.enter);
    let f = await w.waitFor(/›Top APIs aggregated +│.*\n +by source/); // long titles wrap
    await w.press(KEY.enter);
    f = await w.waitFor('loaded "Top APIs aggregated by source"');
    expect(f).toContain('▶ Editor');
    expect(f).toContain('ORDER BY apiCount DESC');

    await w.press(KEY.ctrlS);
    await w.waitFor('Save the query');
    await w.press(KEY.enter);
    await w.waitFor('type a name');
    await w.press('bad name', KEY.enter);
    await w.waitFor('is not a valid query name');
    await w.press('\x15', 'my-top-apis', KEY.enter); // Ctrl+U clears the field
    f = await w.waitFor('saved ');
    const file = join(queriesDir, 'my-top-apis.sql');
    expect(readFileSync(file, 'utf8')).toContain(loadSample('top-apis-by-source').body);

    // The Saved tab lists it; saving again under that name asks before overwriting.
    await w.press(KEY.ctrlS, 'my-top-apis', KEY.enter);
    await w.waitFor('exists already: Enter overwrites it');
    await w.press(KEY.enter);
    await w.waitFor('saved ');
    await w.press(KEY.tab, KEY.tab, KEY.tab, KEY.right);
    f = await w.waitFor('›Top APIs aggregated');
    expect(f).toContain('Saved');
    expect(existsSync(file)).toBe(true);
  });

  test('tag search: every word must match a title or a tag', async () => {
    const w = open();
    await w.waitFor(`FROM ${stats.id}`);
    await w.press(KEY.tab, KEY.tab, KEY.tab, '/', '#identity mfa', KEY.enter);
    const f = await w.waitFor('›Console logins');
    expect(f).toContain('MFA device changes');
    expect(f).not.toContain('Top APIs');
  });
});
