import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { storeStats, type StoreStats } from '../../src/store/catalog.js';
import { Db } from '../../src/store/duckdb.js';
import { Workbench } from '../../src/tui/components/workbench.js';
import type { WorkbenchOptions } from '../../src/tui/hooks/use-workbench.js';
import { REALDATA, ROOT, tempDir } from '../helpers/cli.js';

/** The small store the workbench tests query: the repo's sample export, else the shared real data. */
export const SAMPLE_LOGS = existsSync(join(ROOT, 'samples/AWSLogs')) ? join(ROOT, 'samples/AWSLogs') : REALDATA;

export async function buildStore(path: string): Promise<StoreStats> {
  const db = await Db.open(path);
  try {
    await ingest(db, { paths: [SAMPLE_LOGS], jobs: 0 });
    return (await storeStats(db))[0]!;
  } finally {
    db.close();
  }
}

export const KEY = {
  f1: '\x1bOP',
  f5: '\x1b[15~',
  ctrlR: '\x12',
  ctrlS: '\x13',
  ctrlF: '\x06',
  ctrlN: '\x0e',
  ctrlT: '\x14',
  ctrlA: '\x01',
  ctrlZ: '\x1a',
  ctrlQ: '\x11',
  ctrlG: '\x07',
  ctrlO: '\x0f',
  tab: '\t',
  enter: '\r',
  esc: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
};

export type App = ReturnType<typeof openWorkbench>;

/** Renders the workbench at a fixed size, with helpers to type and to wait for what it shows. */
export function openWorkbench(o: Partial<WorkbenchOptions> & Pick<WorkbenchOptions, 'dbPath' | 'queriesDir' | 'historyPath'>) {
  const copied: string[] = [];
  let quit = 0;
  const props: WorkbenchOptions = { size: { columns: 80, rows: 24 }, copy: (t) => copied.push(t), quit: () => quit++, jobs: 0, ...o };
  const app = render(<Workbench {...props} />);
  const frame = () => app.lastFrame() ?? '';
  return {
    app,
    frame,
    copied,
    quits: () => quit,
    rerender: (p: Partial<WorkbenchOptions>) => app.rerender(<Workbench {...props} {...p} />),
    /** Sends keys one read at a time, as a person types them, letting the UI settle between. */
    async press(...keys: string[]) {
      for (const k of keys) {
        app.stdin.write(k);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    /** Waits until the frame satisfies the check (a string it contains, or a predicate). */
    async waitFor(check: string | RegExp | ((f: string) => boolean), timeoutMs = 8000): Promise<string> {
      const ok = typeof check === 'function' ? check : (f: string) => (typeof check === 'string' ? f.includes(check) : check.test(f));
      const end = Date.now() + timeoutMs;
      for (;;) {
        const f = frame();
        if (ok(f)) return f;
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(check)}; the screen was:\n${f}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/**
 * A workbench test file's fixture: a temp store built from the sample export once, the queries
 * folder and history file beside it, cleaned up after the file; `open()` renders over it.
 */
export function sampleWorkbench(prefix: string) {
  const tmp = tempDir(prefix);
  const dbPath = join(tmp.dir, 'store.duckdb');
  const fx = { dbPath, queriesDir: join(tmp.dir, 'queries'), historyPath: `${dbPath}.history.jsonl`, stats: undefined as unknown as StoreStats };
  beforeAll(async () => {
    fx.stats = await buildStore(dbPath);
  });
  afterEach(() => cleanup());
  afterAll(() => tmp.cleanup());
  const open = (o: Partial<WorkbenchOptions> = {}) => openWorkbench({ dbPath: fx.dbPath, queriesDir: fx.queriesDir, historyPath: fx.historyPath, ...o });
  return { fx, open };
}
