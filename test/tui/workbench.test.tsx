import { describe, expect, test, vi } from 'vitest';
import { KEY, sampleWorkbench } from './workbench-helpers.js';

/**
 * The workbench rendered with ink-testing-library at 80×24 over a real store built from the
 * sample export: real ingest, real DuckDB, real query session — nothing mocked.
 */

const { fx, open } = sampleWorkbench('ctlake-tui-');
const fmt = (n: number) => n.toLocaleString('en-US');

/** Replaces the editor's text with `sql` (select all, then type it as a paste). */
async function setSql(w: ReturnType<typeof open>, sql: string) {
  await w.press(KEY.ctrlA, sql);
}

describe('workbench', () => {
  test('opens on the store: status bar, starter query, sidebar; fits 80×24 exactly', async () => {
    const w = open();
    await w.waitFor(`${fmt(fx.stats.events)} events`);
    const f = await w.waitFor(`FROM ${fx.stats.id}`);
    expect(f).toContain('Samples');
    expect(f).toMatch(/F5 run {2}F1 help {2}\^Q quit/);
    const lines = f.split('\n');
    expect(lines).toHaveLength(23); // the terminal's last row is left to Ink's cursor
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });

  test('runs a query with F5, Ctrl+R and Ctrl+E; says "N of >N" when the limit cuts it', async () => {
    const w = open({ maxRows: 5 });
    await w.waitFor('events');
    await w.press(KEY.ctrlT); // DuckDB dialect: the test does not depend on the Lake translator
    await setSql(w, 'SELECT eventName, eventSource FROM "default" ORDER BY eventTime, eventID');
    await w.press(KEY.f5);
    let f = await w.waitFor('5 of >5 rows');
    expect(f).toMatch(/eventName +eventSource/);
    await setSql(w, 'SELECT 42 AS answer');
    await w.press(KEY.ctrlR);
    f = await w.waitFor('1 row ·');
    expect(f).toMatch(/answer\s*\n.*42/);
    await setSql(w, "SELECT 'x' AS y");
    await w.press('\x05'); // Ctrl+E
    await w.waitFor(/y\s*\n.*x/);
  });

  test('moves through rows and columns, opens the row in the detail pane, copies a cell', async () => {
    const w = open();
    await w.waitFor('events');
    await w.press(KEY.ctrlT);
    await setSql(w, 'SELECT eventName, awsRegion, eventJson FROM "default" ORDER BY eventTime, eventID LIMIT 20');
    await w.press(KEY.f5);
    await w.waitFor('20 rows');
    await w.press(KEY.tab); // editor → results
    await w.waitFor('▶ Results');
    await w.press(KEY.down, KEY.down);
    const f = await w.waitFor('row 3 of 20 · eventJson');
    const [, selected, region] = /│›(\S+) +(\S+)/.exec(f)!; // the marked row's eventName and awsRegion
    await w.press(KEY.right, 'c');
    await vi.waitFor(() => expect(w.copied).toEqual([region]));
    // Moving on to eventJson scrolls the grid sideways: eventName leaves the view.
    await w.press(KEY.right);
    await w.waitFor(/│ awsRegion +eventJson/);
    await w.press(KEY.left, KEY.left);
    await w.waitFor(/│ eventName +awsRegion/);
    await w.press(KEY.enter);
    await w.waitFor(/▶ Detail[\s\S]*"eventVersion": "1\.\d+"/);
    // Fold everything to see the event's top-level keys, then walk down to eventName.
    await w.press('-', 'j', 'j', 'j', 'j', 'j', 'j');
    await w.waitFor(`"eventName": "${selected}"`);
  });

  test('a bracketed paste lands in the editor as text, line breaks included', async () => {
    const w = open();
    await w.waitFor(`FROM ${fx.stats.id}`);
    await w.press(KEY.ctrlA, '\x1b[200~SELECT 1 AS a,\r\t2 AS b\x1b[201~');
    const f = await w.waitFor('2   2 AS b');
    expect(f).toContain('1 SELECT 1 AS a,');
    await w.press(KEY.ctrlT, KEY.f5);
    await w.waitFor(/│ a +b\s*│?\n.*│›1 +2/);
  });

  test('filters the rows as you type; Esc restores the previous filter', async () => {
    const w = open();
    await w.waitFor('events');
    await w.press(KEY.ctrlT);
    await setSql(w, 'SELECT DISTINCT eventName FROM "default" ORDER BY 1');
    await w.press(KEY.f5);
    await w.waitFor(/\d+ rows ·/);
    await w.press(KEY.ctrlF);
    await w.waitFor('Filter the rows');
    await w.press('g', 'e', 't', 'c', 'a', 'l', 'l');
    const f = await w.waitFor('1 match "getcall"');
    expect(f).toContain('GetCallerIdentity');
    await w.press(KEY.esc);
    await w.waitFor((s) => !s.includes('match "getcall"'));
  });
});
