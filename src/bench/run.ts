/**
 * `npm run bench`: one generated tree, three ways of getting it off disk, side by side.
 *   (a) decompression floor: gunzip every file to nothing (two parallel zcat; Node's gunzip too)
 *   (b) hand-written DuckDB: read_json auto-detect + unnest(Records) into a table
 *   (c) ctlake ingest into a fresh store
 * The machines are shared and noisy, so the figures that matter are the ratios measured in the
 * same run, plus peak memory and store size.
 *
 * Options: --events N (default 1,000,000), --single-file (the whole tree as one .json.gz),
 *          --dir DIR (where generated trees are cached; default .bench/),
 *          --runs N (default 2): (a), (b) and (c) are run N times, interleaved, and each one's best
 *          time is compared (the least disturbed run on a shared machine); peak RSS is the highest.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { generateTree } from '../gen/index.js';
import { writeSingleFile } from './single-file.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const events = Number(opt('--events', '1000000'));
const single = args.includes('--single-file');
const dir = resolve(opt('--dir', process.env.CTLAKE_BENCH_DIR ?? '.bench'));
const runs = Math.max(1, Number(opt('--runs', '2')) || 1);
const dist = fileURLToPath(new URL('..', import.meta.url));
const cli = join(dist, 'cli.js');

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function tree(): Promise<string> {
  const out = join(dir, `tree-${events}${single ? '-single' : ''}`);
  if (existsSync(join(out, '.complete'))) return out;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  log(`generating ${fmt(events)} events into ${out} (cached for later runs)...`);
  if (single) await writeSingleFile(out, events);
  else await generateTree({ out, events, seed: 1 });
  writeFileSync(join(out, '.complete'), '');
  return out;
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const t = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

/** Runs N child processes at once; resolves with the wall time. */
function parallel(cmds: [string, string[]][]): Promise<number> {
  const t = process.hrtime.bigint();
  return Promise.all(
    cmds.map(
      ([cmd, argv]) =>
        new Promise<void>((ok, fail) => {
          const c = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
          c.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} exited ${code}`))));
        }),
    ),
  ).then(() => Number(process.hrtime.bigint() - t) / 1e9);
}

async function main(): Promise<void> {
  const root = await tree();
  const files = fg.sync('**/*.json.gz', { cwd: root, absolute: true });
  const gzBytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const halves: string[][] = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)].filter((h) => h.length);
  log(`tree: ${files.length} files, ${mb(gzBytes)} gzipped, ${fmt(events)} events`);

  const haveZcat = spawnSync('sh', ['-c', 'command -v zcat'], { encoding: 'utf8' }).status === 0;
  const zcats: number[] = [];
  const nodeGunzips: number[] = [];
  const bs: Baseline[] = [];
  const cs: { seconds: number; summary: { eventsLoaded: number; duplicatesDropped: number; peakRssBytes: number } }[] = [];
  const cDb = join(dir, 'ctlake.duckdb');
  for (let run = 1; run <= runs; run++) {
    const of = runs > 1 ? ` (run ${run} of ${runs})` : '';
    log(`(a) decompression floor${of}...`);
    if (haveZcat) zcats.push(await parallel(halves.map((h) => ['sh', ['-c', 'zcat "$@" > /dev/null', 'zcat', ...h]] as [string, string[]])));
    nodeGunzips.push(await parallel(halves.map((h) => [process.execPath, [join(dist, 'bench/floor-child.js'), ...h]] as [string, string[]])));
    log(`(b) DuckDB read_json auto-detect + unnest(Records)${of}...`);
    bs.push(baseline(root));
    log(`(c) ctlake ingest${of}...`);
    rmSync(cDb, { force: true });
    const c = timed(() => JSON.parse(execFileSync(process.execPath, [cli, '--db', cDb, 'ingest', root, '--json', '--no-progress'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 })));
    cs.push({ seconds: c.seconds, summary: c.value });
  }
  const best = (xs: number[]) => (xs.length ? Math.min(...xs) : NaN);
  const zcat = best(zcats);
  const nodeGunzip = best(nodeGunzips);
  const floor = haveZcat ? zcat : nodeGunzip;
  const bOk = bs.filter((x) => !Number.isNaN(x.seconds));
  const b: Baseline = bOk.length
    ? { ...bOk.reduce((x, y) => (y.seconds < x.seconds ? y : x)), peakRssBytes: Math.max(...bOk.map((x) => x.peakRssBytes)) }
    : bs[0]!;
  const c = { seconds: best(cs.map((x) => x.seconds)), value: { ...cs[0]!.summary, peakRssBytes: Math.max(...cs.map((x) => x.summary.peakRssBytes)) } };
  const storeBytes = statSync(cDb).size + (existsSync(`${cDb}.wal`) ? statSync(`${cDb}.wal`).size : 0);
  const cEvents = c.value.eventsLoaded;

  const queries = seedQueries();
  const latencies = queries.map(([name, sql]) => {
    const r = timed(() => spawnSync(process.execPath, [cli, '--db', cDb, 'query', ...sql, '--format', 'csv', '--max-rows', '1000'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
    if (r.value.status !== 0) return { name, seconds: NaN, note: r.value.stderr.trim() };
    return { name, seconds: r.seconds, note: `${r.value.stdout.trim().split('\n').length - 1} rows` };
  });

  const rate = (n: number, s: number) => n / s;
  const rows: [string, string, string, string][] = [
    ['(a) two parallel zcat, to /dev/null', haveZcat ? `${zcat.toFixed(1)} s` : 'n/a', haveZcat ? fmt(rate(events, zcat)) : 'n/a', '—'],
    ['(a\') Node gunzipSync, two processes', `${nodeGunzip.toFixed(1)} s`, fmt(rate(events, nodeGunzip)), '—'],
    Number.isNaN(b.seconds)
      ? ['(b) DuckDB read_json auto + unnest', 'failed', '—', '—']
      : ['(b) DuckDB read_json auto + unnest', `${b.seconds.toFixed(1)} s`, fmt(rate(b.events, b.seconds)), mb(b.peakRssBytes)],
    ['(c) ctlake ingest', `${c.seconds.toFixed(1)} s`, fmt(rate(cEvents, c.seconds)), mb(c.value.peakRssBytes)],
  ];
  const out: string[] = [];
  out.push(`ctlake bench: ${fmt(events)} events${single ? ' in ONE file' : ''}, ${files.length} files, ${mb(gzBytes)} .json.gz`);
  out.push('');
  out.push(`${'measurement'.padEnd(40)} ${'time'.padStart(8)} ${'events/s'.padStart(11)} ${'peak RSS'.padStart(9)}`);
  for (const r of rows) out.push(`${r[0].padEnd(40)} ${r[1].padStart(8)} ${r[2].padStart(11)} ${r[3].padStart(9)}`);
  out.push(`(b) ran as: ${b.variant}`);
  out.push('(b) and (c) are timed alike: each a whole process, spawn to exit (start, imports, opening and closing the store)');
  if (runs > 1) {
    const list = (xs: number[]) => xs.map((x) => (Number.isNaN(x) ? 'failed' : `${x.toFixed(1)} s`)).join(', ');
    out.push(`${runs} interleaved runs, best time shown (peak RSS: the highest): (a) ${list(zcats)}; (b) ${list(bs.map((x) => x.seconds))}; (c) ${list(cs.map((x) => x.seconds))}`);
    // Each run's own (b) and (c) ran back to back, so their ratio shows the spread the best times hide.
    const pairs = cs.map((x, i) => rate(x.summary.eventsLoaded, x.seconds) / rate(bs[i]!.events, bs[i]!.seconds));
    out.push(`c/b of each run: ${pairs.map((r) => (Number.isNaN(r) ? 'n/a' : `${r.toFixed(2)}x`)).join(', ')}`);
  }
  out.push('');
  const cb = rate(cEvents, c.seconds) / rate(b.events, b.seconds);
  out.push(`c/b speed (events/s): ${Number.isNaN(cb) ? 'n/a (b failed)' : `${cb.toFixed(2)}x`}   (target >= 2.0x; floor >= 1.0x)`);
  out.push(`c time / a time:      ${(c.seconds / floor).toFixed(2)}x   (target <= 3.0x; a = ${haveZcat ? 'zcat' : 'Node gunzip'})`);
  out.push(`peak RSS of (c):      ${mb(c.value.peakRssBytes)}   (target < 1024 MB)`);
  out.push(`store:                ${mb(storeBytes)} = ${(storeBytes / cEvents).toFixed(0)} bytes/event = ${(storeBytes / gzBytes).toFixed(2)}x the .json.gz   (target <= 1.5x)`);
  out.push(`events loaded:        ${fmt(cEvents)} (duplicates dropped ${fmt(c.value.duplicatesDropped)})`);
  for (const l of latencies) out.push(`query "${l.name}": ${Number.isNaN(l.seconds) ? `FAILED ${l.note}` : `${l.seconds.toFixed(2)} s (${l.note}, CLI process start included)`}`);
  process.stdout.write(`${out.join('\n')}\n`);
  rmSync(cDb, { force: true });
}

interface Baseline {
  variant: string;
  seconds: number;
  events: number;
  peakRssBytes: number;
}

/**
 * (b) in a child process, timed from spawn to exit like (c): process start, imports, opening and
 * closing the database count for both. A failed first attempt (see baseline-child) is taken off.
 * It can fail outright (one file past DuckDB's maximum_object_size, say): that is a finding, not a crash.
 */
function baseline(root: string): Baseline {
  const bDb = join(dir, 'baseline.duckdb');
  rmSync(bDb, { force: true });
  const { value: bRun, seconds } = timed(() =>
    spawnSync(process.execPath, [join(dist, 'bench/baseline-child.js'), root, bDb], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  rmSync(bDb, { force: true });
  if (bRun.status !== 0) {
    const why = [...bRun.stderr.matchAll(/Error: (.*)/g)].pop()?.[1] ?? bRun.stderr.trim().split('\n').pop() ?? '';
    return { variant: `FAILED: ${why.slice(0, 200)}`, seconds: NaN, events: 0, peakRssBytes: NaN };
  }
  if (bRun.stderr) process.stderr.write(bRun.stderr);
  const r = JSON.parse(bRun.stdout) as Omit<Baseline, 'seconds'> & { failedAttemptSeconds: number };
  return { variant: r.variant, seconds: seconds - r.failedAttemptSeconds, events: r.events, peakRssBytes: r.peakRssBytes };
}

/** The two seed queries, as the sample library has them (CLI arguments). */
function seedQueries(): [string, string[]][] {
  return [
    ['Top APIs aggregated by source', ['--sample', 'top-apis-by-source']],
    ['Investigate manually created resources', ['--sample', 'manually-created-resources']],
  ];
}

await main();
