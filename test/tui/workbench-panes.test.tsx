import { readFileSync } from 'node:fs';
import { cleanup } from 'ink-testing-library';
import { describe, expect, test, vi } from 'vitest';
import { KEY, sampleWorkbench } from './workbench-helpers.js';

/** Sidebar tabs (History, Schema), the editor's completion and undo, help, resize: over a real store. */

const { fx, open } = sampleWorkbench('ctlake-tui-panes-');

describe('workbench panes', () => {
  test('every run goes to History, kept across sessions; Enter loads it back', async () => {
    let w = open();
    await w.waitFor(`FROM ${fx.stats.id}`);
    await w.press(KEY.ctrlT, KEY.ctrlA, 'SELECT 7 AS seven', KEY.f5);
    await w.waitFor('1 row ·');
    const saved = readFileSync(fx.historyPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(saved.at(-1)).toMatchObject({ sql: 'SELECT 7 AS seven', rows: 1, truncated: false, dialect: 'duckdb' });
    cleanup();

    w = open();
    await w.waitFor(`FROM ${fx.stats.id}`);
    await w.press(KEY.tab, KEY.tab, KEY.tab); // editor → results → detail → sidebar
    await w.press(KEY.right, KEY.right); // Samples → Saved → History
    let f = await w.waitFor('SELECT 7 AS seven');
    expect(f).toMatch(/\d\d:\d\d:\d\d {2}1 row {2}\d/); // time, rows, elapsed
    await w.press(KEY.enter);
    f = await w.waitFor('▶ Editor');
    expect(f).toContain('1 SELECT 7 AS seven');
  });

  test('Schema: stores with ids and counts, columns with types, structs expand', async () => {
    const w = open({ size: { columns: 100, rows: 30 } });
    await w.waitFor(`FROM ${fx.stats.id}`);
    await w.press(KEY.tab, KEY.tab, KEY.tab, '[');
    let f = await w.waitFor('▣ default');
    expect(f).toContain(fx.stats.id.slice(0, 20));
    expect(f).toContain(`${fx.stats.events.toLocaleString('en-US')} events`);
    expect(f).toMatch(/▸ userIdentity +STRUCT/);
    expect(f).toMatch(/eventTime +TIMESTAMP/);
    // Enter on a struct expands it.
    await w.press(KEY.down, KEY.down, KEY.down, KEY.enter);
    f = await w.waitFor('▾ userIdentity');
    expect(f).toMatch(/▾ userIdentity +STRUCT│.*\n +type +VARCHAR/);
    // A search shows the matching nested fields with their parents opened; `i` inserts the path.
    await w.press('/', ...'sessioniss', KEY.enter);
    f = await w.waitFor('▾ sessionIssuer');
    expect(f).toMatch(/▾ userIdentity[\s\S]*▾ sessionContext[\s\S]*▾ sessionIssuer[\s\S]*userName/);
    await w.press(KEY.down, KEY.down, KEY.down, KEY.down, 'i');
    f = await w.waitFor('▶ Editor');
    expect(f).toContain('LIMIT 100userIdentity.sessionContext.sessionIssuer');
  });

  test('completion: nested fields after a dot, Enter inserts; Ctrl+Z undoes', async () => {
    const w = open();
    await w.waitFor(`FROM ${fx.stats.id}`);
    await w.press(KEY.ctrlA, 'SELECT userIdentity.sessionContext.', KEY.ctrlN);
    let f = await w.waitFor('sessionIssuer');
    expect(f).toMatch(/attributes +STRUCT/);
    await w.press('s', 'e', 's', 's');
    f = await w.waitFor((s) => !s.includes('attributes '));
    await w.press(KEY.enter);
    f = await w.waitFor('SELECT userIdentity.sessionContext.sessionIssuer');
    await w.press(KEY.ctrlZ);
    await w.waitFor((s) => s.includes('SELECT userIdentity.sessionContext.sess') && !s.includes('sessionIssuer'));
  });

  test('F1 shows the help generated from the key map; Esc closes it', async () => {
    const w = open();
    await w.waitFor(`FROM ${fx.stats.id}`);
    await w.press(KEY.f1);
    const f = await w.waitFor('ctlake workbench: keys');
    expect(f).toContain('Ctrl+Enter, F5, Ctrl+R, Ctrl+E');
    expect(f).toContain('Run the SQL in the editor');
    await w.press(KEY.esc);
    await w.waitFor('▶ Editor');
  });

  test('re-flows on resize: detail beside the results on a wide terminal', async () => {
    const w = open();
    await w.waitFor(`FROM ${fx.stats.id}`);
    w.rerender({ size: { columns: 160, rows: 40 } });
    const f = await w.waitFor((s) => s.split('\n').length === 39);
    expect(f).toMatch(/─ Results ─+.*─ Detail ─/);
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(160);
  });

  test('Ctrl+Q quits; Esc with nothing running does nothing', async () => {
    const w = open();
    await w.waitFor(`FROM ${fx.stats.id}`);
    await w.press(KEY.esc, KEY.ctrlQ);
    await vi.waitFor(() => expect(w.quits()).toBe(1));
  });
});
