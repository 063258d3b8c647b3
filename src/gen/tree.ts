// generateTree: a large, deterministic CloudTrail S3 export for benchmarks.
//
// The run is planned up front (which account/region/5-minute window each file
// covers and how many events it holds), then files are generated one at a time
// from a per-file PRNG stream. Only a few files are ever in memory, so RSS is
// flat regardless of the event count, and per-file streams keep each file's
// bytes independent of how the work is scheduled.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DAY_MS, GzWriter, WINDOW_MS, parseDay } from './layout.js';
import { Rng, Weighted } from './prng.js';
import { FileBuilder, type PlannedFile } from './tree-file.js';
import type { WorkerInput, WorkerResult } from './tree-worker.js';
import { DEFAULT_ACCOUNTS, DEFAULT_REGIONS } from './world.js';

export interface TreeOptions {
  /** Output root; the tree is written under `<out>/AWSLogs/...`. */
  out: string;
  /** Total number of events. */
  events: number;
  seed?: number;
  accounts?: string[];
  regions?: string[];
  /** First day, `YYYY-MM-DD` (UTC). Default 2024-03-01. */
  startDate?: string;
  days?: number;
  /** Average events per file; actual sizes vary +-40% around it. Default 500. */
  eventsPerFile?: number;
  /**
   * Worker threads (default: min(2, CPUs)). Output is identical for any value;
   * 0 or 1 generates in-process.
   */
  workers?: number;
}

export interface TreeStats {
  files: number;
  events: number;
  /** Uncompressed JSON bytes. */
  bytesJson: number;
  /** Bytes written (gzip). */
  bytesGz: number;
}

/** Busier during (UTC) working hours, like real account activity. */
const HOUR_WEIGHTS: readonly number[] = [
  0.4, 0.35, 0.3, 0.3, 0.3, 0.35, 0.5, 0.8, 1.2, 1.5, 1.6, 1.6, 1.5, 1.6, 1.6, 1.5, 1.4, 1.2, 1.0, 0.8, 0.7, 0.6, 0.5, 0.45,
];

/** us-east-1 carries global services (IAM, sign-in) and most workloads. */
function regionWeight(region: string, i: number): number {
  if (region === 'us-east-1') return 3;
  return Math.max(0.4, 1.5 - i * 0.35);
}

function splitCounts(rng: Rng, total: number, perFile: number): number[] {
  const files = Math.max(1, Math.ceil(total / perFile));
  const base = Math.floor(total / files);
  const sizes = Array.from({ length: files }, (_, i) => base + (i < total - base * files ? 1 : 0));
  // Jitter pairwise so the total is preserved and no file goes empty.
  const spread = Math.floor(base * 0.4);
  for (let i = 0; i + 1 < files; i += 2) {
    const a = sizes[i] as number;
    const b = sizes[i + 1] as number;
    const d = Math.max(-(a - 1), Math.min(b - 1, rng.int(-spread, spread)));
    sizes[i] = a + d;
    sizes[i + 1] = b - d;
  }
  return sizes;
}

type Resolved = Required<Omit<TreeOptions, 'out' | 'workers'>>;

function planFiles(opts: Resolved): PlannedFile[] {
  const rng = new Rng(opts.seed ^ 0x7ee);
  const streams = new Weighted(
    opts.accounts.flatMap((account, ai) =>
      opts.regions.map((region, ri) => [{ account, region }, regionWeight(region, ri) / (1 + ai * 0.3)] as const),
    ),
  );
  const hours = new Weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as const));
  const start = parseDay(opts.startDate);
  const plan = splitCounts(rng, opts.events, opts.eventsPerFile).map((events) => {
    const { account, region } = streams.draw(rng);
    const day = rng.int(0, opts.days - 1);
    const slot = hours.draw(rng) * 12 + rng.int(0, 11);
    return { account, region, start: start + day * DAY_MS + slot * WINDOW_MS, events, id: rng.alnum(16), seed: rng.int(0, 0x7fffffff) };
  });
  // Chronological generation order; ties broken by stream, then id, for a total order.
  plan.sort((x, y) => x.start - y.start || x.account.localeCompare(y.account) || x.region.localeCompare(y.region) || x.id.localeCompare(y.id));
  return plan;
}

function resolve(opts: TreeOptions): Resolved {
  const r = {
    events: opts.events,
    seed: opts.seed ?? 1,
    accounts: opts.accounts ?? [...DEFAULT_ACCOUNTS],
    regions: opts.regions ?? [...DEFAULT_REGIONS],
    startDate: opts.startDate ?? '2024-03-01',
    days: opts.days ?? 7,
    eventsPerFile: opts.eventsPerFile ?? 500,
  };
  if (!Number.isInteger(r.events) || r.events < 1) throw new Error(`events must be a positive integer, got ${opts.events}`);
  if (!Number.isInteger(r.days) || r.days < 1) throw new Error(`days must be a positive integer, got ${opts.days}`);
  if (!Number.isInteger(r.eventsPerFile) || r.eventsPerFile < 1) throw new Error(`eventsPerFile must be a positive integer`);
  if (!Number.isInteger(r.seed)) throw new Error(`seed must be an integer`);
  if (r.accounts.length === 0 || r.accounts.some((a) => !/^\d{12}$/.test(a))) throw new Error('accounts must be 12-digit ids');
  if (r.regions.length === 0 || r.regions.some((x) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(x))) throw new Error('regions must look like us-east-1');
  parseDay(r.startDate);
  return r;
}

/** Run in this thread, overlapping JSON building with async gzip on the libuv pool. */
async function runInProcess(o: Resolved, out: string, plan: PlannedFile[]): Promise<TreeStats> {
  const builder = new FileBuilder(o.seed, o.accounts, o.regions);
  const writer = new GzWriter(out);
  let events = 0;
  for (const f of plan) {
    const { dir, name, json } = builder.build(f);
    await writer.write(dir, name, json);
    events += f.events;
  }
  await writer.flush();
  return { files: writer.files, events, bytesJson: writer.bytesJson, bytesGz: writer.bytesGz };
}

/** Split the plan round-robin over worker threads; each builds, gzips and writes its files. */
async function runWorkers(o: Resolved, out: string, plan: PlannedFile[], n: number, script: URL): Promise<TreeStats> {
  const results = await Promise.all(
    Array.from({ length: n }, (_, w) => {
      const input: WorkerInput = { out, seed: o.seed, accounts: o.accounts, regions: o.regions, files: plan.filter((_, i) => i % n === w) };
      return new Promise<WorkerResult>((resolvePromise, reject) => {
        const worker = new Worker(script, { workerData: input });
        let result: WorkerResult | undefined;
        worker.once('message', (m: WorkerResult) => (result = m));
        worker.once('error', reject);
        worker.once('exit', (code) => (result && code === 0 ? resolvePromise(result) : reject(new Error(`tree worker ${w} exited with code ${code}`))));
      });
    }),
  );
  return results.reduce((a, r) => ({ files: a.files + r.files, events: a.events + r.events, bytesJson: a.bytesJson + r.bytesJson, bytesGz: a.bytesGz + r.bytesGz }));
}

export async function generateTree(opts: TreeOptions): Promise<TreeStats> {
  const o = resolve(opts);
  const plan = planFiles(o);
  // Workers need the compiled worker script next to this module; when running
  // from TypeScript sources (tests) it is absent and we stay in-process.
  const script = new URL('./tree-worker.js', import.meta.url);
  const n = Math.min(opts.workers ?? Math.min(2, availableParallelism()), plan.length);
  if (n > 1 && script.protocol === 'file:' && existsSync(fileURLToPath(script))) return runWorkers(o, opts.out, plan, n, script);
  return runInProcess(o, opts.out, plan);
}
