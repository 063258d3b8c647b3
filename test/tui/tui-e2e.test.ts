import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLI, ctlake, ROOT, tempDir } from '../helpers/cli.js';
import { SAMPLE_LOGS } from './workbench-helpers.js';

/**
 * The real binary in a real pseudo-terminal: tmux runs `ctlake` (no arguments: the workbench) at
 * 100×30; the test types with send-keys and reads the screen with capture-pane, polling with a
 * timeout instead of sleeping.
 */

const HAVE_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SKIP_MSG = 'tmux is not installed (apt-get install -y tmux): skipping the workbench end-to-end test';
if (!HAVE_TMUX) console.warn(SKIP_MSG);

const SOCKET = `ctlake-e2e-${process.pid}`;
const SESSION = 'wb';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const keys = (...k: string[]) => tmux('send-keys', '-t', SESSION, ...k);
const text = (s: string) => tmux('send-keys', '-t', SESSION, '-l', s);
const alive = () => spawnSync('tmux', ['-L', SOCKET, 'has-session', '-t', SESSION]).status === 0;

async function waitFor(check: string | RegExp | ((s: string) => boolean), timeoutMs = 15_000): Promise<string> {
  const ok = typeof check === 'function' ? check : (s: string) => (typeof check === 'string' ? s.includes(check) : check.test(s));
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    // The session can end between has-session and capture-pane (right after C-q), so a failed
    // capture counts as "the screen did not change", not as an error.
    if (alive()) {
      try {
        last = screen();
      } catch {
        /* the server exited meanwhile */
      }
    }
    if (ok(last)) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${String(check)}; the screen was:\n${last}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tmp = tempDir('ctlake-tui-e2e-');
const db = join(tmp.dir, 'store.duckdb');

test('`ctlake tui` without a terminal says it needs one (exit 2)', () => {
  const r = ctlake(['--db', db, 'tui']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('the workbench needs a terminal');
});

describe.skipIf(!HAVE_TMUX)(HAVE_TMUX ? 'workbench end to end (tmux)' : SKIP_MSG, () => {
  beforeAll(() => {
    const r = ctlake(['--db', db, 'ingest', SAMPLE_LOGS, '--no-progress']);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    tmp.cleanup();
  });

  test('pick a sample, run it, open a row, save it under a new name, quit', async () => {
    // `ctlake` with no command on a terminal opens the workbench.
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', '-c', ROOT, `${process.execPath} ${CLI} --db ${db}`);
    await waitFor(/\d+ events/);

    // Sidebar (Tab from the editor: results, detail, sidebar), Samples tab, search by title.
    keys('Tab', 'Tab', 'Tab', '/');
    text('Top APIs');
    keys('Enter');
    await waitFor(/›Top APIs aggregated/); // the title wraps in the sidebar
    keys('Enter');
    const loaded = await waitFor(/▶ Editor[\s\S]*loaded "Top APIs aggregated by source"/);
    expect(loaded).toMatch(/1 \S/);

    keys('F5');
    const ran = await waitFor(/Results ─+ .*\d+ rows? · \d+ ms/);
    // The first row is what the CLI prints for the same SQL (read back from the saved file below).
    const firstRow = ran.split('\n').find((l) => l.includes('│›'))!;
    expect(firstRow).toBeTruthy();

    keys('Tab', 'Down', 'Enter');
    await waitFor(/▶ Detail ─+ row 2 of \d+/);

    keys('C-s');
    await waitFor('Save the query');
    text('my-top-apis');
    keys('Enter');
    await waitFor(/saved .*my-top-apis/);

    keys('C-q');
    await waitFor(() => !alive(), 10_000);

    const file = join(tmp.dir, 'queries', 'my-top-apis.sql');
    expect(existsSync(file)).toBe(true);
    const saved = readFileSync(file, 'utf8');
    const sql = saved.split('\n').filter((l) => !l.startsWith('-- ')).join('\n').trim();
    expect(sql).toMatch(/SELECT/i);

    // The grid's first row matches the CLI's answer to the saved SQL.
    const cli = ctlake(['--db', db, 'query', sql, '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const rows = JSON.parse(cli.stdout) as Record<string, unknown>[];
    for (const v of Object.values(rows[0]!).slice(0, 2)) expect(firstRow).toContain(String(v).slice(0, 20));
  });
});
