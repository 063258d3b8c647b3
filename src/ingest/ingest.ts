import { mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { CtlakeError } from '../errors.js';
import { ensureSchema, ensureStore, knownFiles, rejectedFiles, type StoreInfo } from '../store/catalog.js';
import type { Db } from '../store/duckdb.js';
import { DecodePool } from './decode-pool.js';
import { discover, type PathFilter } from './discover.js';
import { loadBatch, type Decoded, type LedgerRow, type Loadable } from './load-batch.js';
import { newProgress, type IngestProgress } from './progress.js';
import { DEFAULT_LIMITS, type DecodeLimits, type DecodeResult, type FileTask } from './types.js';

/** The ingest pipeline: discover → decode (worker threads) → load (DuckDB, one transaction per batch). */

export interface IngestOptions extends PathFilter {
  paths: string[];
  store?: string;
  /** Decode workers; 0 decodes in-process. Default: number of cores. */
  jobs?: number;
  limits?: Partial<DecodeLimits>;
  /**
   * A batch closes once it holds this many events, this many bytes of event text, or
   * batchFiles files. DuckDB keeps an uncommitted batch in memory, so bytes bound memory.
   */
  batchEvents?: number;
  batchBytes?: number;
  batchFiles?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Folder for the decode hand-off files (default: beside the store). */
  tmpDir?: string;
}

export interface Rejection {
  path: string;
  reason: string;
}

export interface IngestSummary {
  store: string;
  storeId: string;
  filesSeen: number;
  filesLoaded: number;
  filesSkipped: number;
  filesRejected: number;
  filesPruned: number;
  eventsLoaded: number;
  duplicatesDropped: number;
  recordsRejected: number;
  digestFiles: number;
  insightEvents: number;
  rejected: Rejection[];
  skipped: Rejection[];
  seconds: number;
}

export async function ingest(db: Db, opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  // Discover first: a PATH with nothing to load must not leave a new, empty store behind.
  const found = await discover(opts.paths, opts, limits);
  if (!found.tasks.length && !found.rejected.length) {
    throw new CtlakeError(
      'E_NOTHING_FOUND',
      `no CloudTrail log files under ${opts.paths.join(', ')}${found.pruned ? ` (${found.pruned} left out by --account/--region/--since/--until)` : ''}: point at an AWSLogs folder, a .zip of one, or .json.gz files`,
    );
  }
  await ensureSchema(db);
  const store: StoreInfo = await ensureStore(db, opts.store ?? 'default');
  const known = await knownFiles(db, store.id);
  const priorRejects = await rejectedFiles(db, store.id);

  const summary: IngestSummary = {
    store: store.name,
    storeId: store.id,
    filesSeen: found.tasks.length + found.rejected.length + found.ignored.length,
    filesLoaded: 0,
    filesSkipped: found.ignored.length,
    filesRejected: found.rejected.length,
    filesPruned: found.pruned,
    eventsLoaded: 0,
    duplicatesDropped: 0,
    recordsRejected: 0,
    digestFiles: 0,
    insightEvents: 0,
    rejected: found.rejected.map((r) => ({ path: r.displayPath, reason: r.reason })),
    skipped: found.ignored.map((r) => ({ path: r.displayPath, reason: r.reason })),
    seconds: 0,
  };
  const progress = newProgress(found.tasks.length, found.tasks.reduce((a, t) => a + t.size, 0));
  const report = () => opts.onProgress?.({ ...progress, elapsedMs: Date.now() - started });
  report();

  const [base] = await db.all<{ m: number | null }>(`SELECT max(fileId) AS m FROM ct_files`);
  const fileIdBase = Number(base?.m ?? 0);
  const tmpDir = opts.tmpDir ?? `${db.path}.ctlake-tmp`;
  rmSync(tmpDir, { recursive: true, force: true }); // leftovers of a killed run are never reused
  mkdirSync(tmpDir, { recursive: true });

  // Automatic checkpoints every 16 MB of WAL would recompress the table again and again.
  await db.run(`SET checkpoint_threshold = '1GB'`);
  // Each batch ends in a partly filled row group per DuckDB thread. A checkpoint's vacuum merges
  // such runs with the full row groups around them, i.e. rewrites nearly the whole table: measured
  // 11-19 s of 44 s on 1M events, and a store twice its size (the old blocks stay in the file).
  // Row groups thinned by duplicate removal are rare; keeping them is the cheaper trade.
  await db.run('SET max_vacuum_tasks = 0');
  const pool = new DecodePool(opts.jobs ?? Math.max(1, cpus().length), { tmpDir, limits, knownShas: new Set(known.keys()) });
  // A batch is one transaction. DuckDB writes a thread's rows compressed straight to the file only
  // once they fill whole row groups (122,880 rows); smaller remainders go through the WAL and are
  // compressed again at the checkpoint. So batches are large: 256 MB batches (160k events) took
  // 23 s for 1M events, 1 GB batches 14 s. A killed run redoes at most one batch.
  const batchEvents = opts.batchEvents ?? (Number(process.env.CTLAKE_BATCH_EVENTS) || 1_000_000);
  const batchBytes = opts.batchBytes ?? (Number(process.env.CTLAKE_BATCH_BYTES) || 1024 ** 3);
  const batchFiles = opts.batchFiles ?? 5_000;
  // sha256 → path for everything taken in by this store, including this run's earlier files.
  const taken = new Map(known);

  try {
    const results = new Map<number, DecodeResult>();
    let waiting: (() => void) | null = null;
    let next = 0; // next task to dispatch
    let inFlight = 0;
    // Decoding runs ahead of loading (a whole batch ahead, so the next statement can start as soon
    // as one commits), but only so far: decoded hand-off files take disk space. A direct file needs
    // none (a zip entry's copy at most, still compressed).
    let aheadBytes = 0; // hand-off bytes of results not yet taken
    const handOffBytes = (r: DecodeResult) => (r.status === 'decoded' ? r.textBytes : 0);
    const lookahead = Math.max(batchFiles, 64);
    const pump = () => {
      while (next < found.tasks.length && inFlight < pool.capacity && results.size + inFlight < lookahead && aheadBytes < batchBytes) {
        const task = found.tasks[next++]!;
        inFlight++;
        void pool.decode(task).then((r) => {
          inFlight--;
          aheadBytes += handOffBytes(r);
          results.set(r.seq, r);
          waiting?.();
          pump();
        });
      }
    };
    const take = async (task: FileTask): Promise<DecodeResult> => {
      pump();
      while (!results.has(task.seq)) await new Promise<void>((r) => (waiting = r));
      const r = results.get(task.seq)!;
      results.delete(task.seq);
      aheadBytes -= handOffBytes(r);
      pump();
      return r;
    };

    let batch: { task: FileTask; decoded: Loadable }[] = [];
    let ledger: LedgerRow[] = [];
    let batchEventCount = 0;
    let batchByteCount = 0;
    const flush = async () => {
      if (!ledger.length) return;
      const suspects = await loadWithFallback(db, store.id, fileIdBase, batch, ledger);
      // Hand-off files are done with once their batch is committed (a long run must not keep them all).
      for (const { task, decoded } of batch) {
        if (decoded.status === 'decoded') rmSync(decoded.tsvPath, { force: true });
        else if (decoded.gzPath.startsWith(tmpDir)) rmSync(decoded.gzPath, { force: true }); // a copy, never the input
      }
      const out = new Set(suspects.map((t) => t.seq));
      for (const row of ledger) if (!out.has(row.task.seq)) account(summary, row);
      progress.eventsLoaded = summary.eventsLoaded;
      batch = [];
      ledger = [];
      batchEventCount = 0;
      batchByteCount = 0;
      report();
      // Files DuckDB's reader could not fully place: decoded again by the scanner, which loads
      // their good records and names the bad ones (rare, so one at a time is fine).
      for (const task of suspects) {
        const r = await pool.decode({ ...task, scan: true });
        if (r.sha256) taken.delete(r.sha256); // it was taken as this very file; accept() decides anew
        accept(task, r);
      }
      if (suspects.length) await flush();
    };

    const accept = (task: FileTask, r: DecodeResult) => {
      if (r.status === 'decoded' || r.status === 'direct') {
        const dupOf = taken.get(r.sha256);
        if (dupOf !== undefined) {
          ledger.push({ task, status: 'skipped', sha256: r.sha256, reason: `same content as ${dupOf}` });
        } else if (r.status === 'direct') {
          taken.set(r.sha256, task.displayPath);
          batch.push({ task, decoded: r });
          batchByteCount += r.jsonBytes;
          ledger.push({ task, status: 'loaded', sha256: r.sha256 });
        } else {
          taken.set(r.sha256, task.displayPath);
          batch.push({ task, decoded: r });
          batchEventCount += r.events;
          batchByteCount += r.textBytes;
          const reason = r.rejectedRecordCount ? recordRejectReason(r) : undefined;
          ledger.push({ task, status: 'loaded', sha256: r.sha256, events: r.events, recordsRejected: r.rejectedRecordCount, reason });
        }
      } else if (r.status === 'known') {
        const prior = taken.get(r.sha256);
        // Same path and bytes as before: nothing to record. Same bytes elsewhere: note the copy once.
        if (prior !== task.displayPath) ledger.push({ task, status: 'skipped', sha256: r.sha256, reason: `same content as ${prior}` });
        else summary.filesSkipped++;
      } else if (r.status === 'digest') {
        taken.set(r.sha256, task.displayPath);
        ledger.push({ task, status: 'digest', sha256: r.sha256, reason: 'digest file: recorded for validation, not loaded as events' });
      } else if (!priorRejects.has(`${task.displayPath}\n${r.sha256}`)) {
        ledger.push({ task, status: 'rejected', sha256: r.sha256, reason: r.reason });
      } else {
        // Rejected before with these very bytes: report it again, but the ledger already has it.
        summary.filesRejected++;
        summary.rejected.push({ path: task.displayPath, reason: r.reason });
      }
    };

    for (const task of found.tasks) {
      const r = await take(task);
      progress.filesDone++;
      progress.bytesRead += task.size;
      progress.currentFile = task.displayPath;
      accept(task, r);
      if (batchEventCount >= batchEvents || batchByteCount >= batchBytes || ledger.length >= batchFiles) await flush();
      else report();
    }
    await flush();
    // One checkpoint at the end instead of one every few batches (see the threshold below).
    await db.run('CHECKPOINT');
  } finally {
    await pool.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/**
 * Loads a batch; if DuckDB refuses it as a whole (a file its reader cannot parse, a record the
 * decoder let through but DuckDB cannot read), splits it in halves until the culprits stand
 * alone: a few extra statements instead of one per file. A culprit DuckDB read directly goes
 * back to the scanner (returned with the suspects); one decoded here is rejected.
 */
async function loadWithFallback(db: Db, storeId: string, base: number, batch: { task: FileTask; decoded: Loadable }[], ledger: LedgerRow[]): Promise<FileTask[]> {
  let failure: unknown;
  try {
    return await loadBatch(db, storeId, base, batch, ledger);
  } catch (e) {
    if (!batch.length) throw e;
    failure = e;
  }
  const bySeq = new Map(batch.map((b) => [b.task.seq, b]));
  const others = ledger.filter((row) => !bySeq.has(row.task.seq) || row.status !== 'loaded');
  if (others.length) await loadBatch(db, storeId, base, [], others);
  const rowOf = new Map(ledger.filter((row) => bySeq.has(row.task.seq) && row.status === 'loaded').map((row) => [row.task.seq, row]));
  return splitAndLoad(db, storeId, base, batch, rowOf, failure);
}

/** Files whose load together failed: one alone is the culprit; more are loaded in halves. */
async function splitAndLoad(db: Db, storeId: string, base: number, files: { task: FileTask; decoded: Loadable }[], rowOf: Map<number, LedgerRow>, e?: unknown): Promise<FileTask[]> {
  if (files.length === 1) {
    const [file] = files as [{ task: FileTask; decoded: Loadable }];
    if (file.decoded.status === 'direct') return [file.task];
    const row = rowOf.get(file.task.seq)!;
    Object.assign(row, { status: 'rejected', events: undefined, recordsRejected: undefined, reason: `DuckDB could not load it: ${(e as Error).message}` });
    await loadBatch(db, storeId, base, [], [row]);
    return [];
  }
  const mid = files.length >> 1;
  const suspects: FileTask[] = [];
  for (const half of [files.slice(0, mid), files.slice(mid)]) {
    try {
      suspects.push(...(await loadBatch(db, storeId, base, half, half.map((f) => rowOf.get(f.task.seq)!))));
    } catch (err) {
      suspects.push(...(await splitAndLoad(db, storeId, base, half, rowOf, err)));
    }
  }
  return suspects;
}

function recordRejectReason(r: Decoded): string {
  const listed = r.rejectedRecords.map((x) => x.reason).join('; ');
  const more = r.rejectedRecordCount - r.rejectedRecords.length;
  return `${r.rejectedRecordCount} record(s) rejected: ${listed}${more > 0 ? `; and ${more} more` : ''}`;
}

function account(s: IngestSummary, row: LedgerRow): void {
  switch (row.status) {
    case 'loaded':
      s.filesLoaded++;
      s.eventsLoaded += row.events ?? 0;
      s.duplicatesDropped += row.duplicates ?? 0;
      if (row.task.facts.kind === 'CloudTrail-Insight') s.insightEvents += row.events ?? 0;
      if (row.recordsRejected) {
        s.recordsRejected += row.recordsRejected;
        s.rejected.push({ path: row.task.displayPath, reason: row.reason ?? 'records rejected' });
      }
      break;
    case 'skipped':
      s.filesSkipped++;
      s.skipped.push({ path: row.task.displayPath, reason: row.reason ?? 'skipped' });
      break;
    case 'digest':
      s.digestFiles++;
      break;
    case 'rejected':
      s.filesRejected++;
      s.rejected.push({ path: row.task.displayPath, reason: row.reason ?? 'rejected' });
      break;
  }
}
