import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist/cli.js');
export const SHARED = join(ROOT, '../shared');
export const REALDATA = join(SHARED, 'conformance/realdata');
export const HAVE_SHARED = existsSync(REALDATA);
export const SKIP_SHARED_MSG = '../shared/conformance is not here (a fresh clone has no ../shared): skipping real-data tests';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real, compiled CLI in a child process. */
export function ctlake(args: string[], opts: { env?: Record<string, string>; cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    input: opts.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI without waiting (for kill tests). */
export function ctlakeAsync(args: string[], opts: { env?: Record<string, string> } = {}) {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(prefix = 'ctlake-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
