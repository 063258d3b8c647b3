import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import StreamZip from 'node-stream-zip';
import { CtlakeError } from '../errors.js';
import { discover } from '../ingest/discover.js';
import { DEFAULT_LIMITS, type FileSource } from '../ingest/types.js';
import { findStore, hasTable } from '../store/catalog.js';
import type { Db } from '../store/duckdb.js';

/**
 * What `ctlake validate` looks at: digest and log files found under PATHs (the same walk as
 * ingest: folders, zips, single files) or recorded in the store's ledger, and how their bytes
 * are read and hashed. Offline, digests name files by S3 key; `LocalIndex` maps keys to files.
 */

export interface LocalFile {
  displayPath: string;
  source: FileSource;
  kind: 'digest' | 'log';
}

export interface Inputs {
  files: LocalFile[];
  /** Files the walk could not take (unsafe zip entries, unreadable paths). */
  problems: { path: string; reason: string }[];
  /** What was validated, for the report's first line. */
  label: string;
}

export async function inputsFromPaths(paths: string[]): Promise<Inputs> {
  const found = await discover(paths, {}, DEFAULT_LIMITS);
  const files = found.tasks
    .filter((t) => t.facts.kind !== 'unknown' || /\.json\.gz$/i.test(t.displayPath))
    .map((t): LocalFile => ({ displayPath: t.displayPath, source: t.source, kind: t.facts.kind === 'CloudTrail-Digest' ? 'digest' : 'log' }));
  return { files, problems: found.rejected.map((r) => ({ path: r.displayPath, reason: r.reason })), label: paths.join(', ') };
}

/** The files ingest recorded in the ledger (digests with status 'digest'), read again from where they were. */
export async function inputsFromLedger(db: Db, storeName: string | undefined): Promise<Inputs> {
  if (!(await hasTable(db, 'ct_files'))) throw noDigests(db.path);
  let where = '';
  const params: string[] = [];
  if (storeName) {
    const s = await findStore(db, storeName);
    if (!s) throw new CtlakeError('E_NO_SUCH_STORE', `no store named "${storeName}": \`ctlake stores\` lists them`);
    where = 'AND storeId = ?';
    params.push(s.id);
  }
  const rows = await db.all<{ path: string; kind: string | null; status: string }>(
    `SELECT DISTINCT path, kind, status FROM ct_files WHERE (status = 'digest' OR kind IN ('CloudTrail', 'CloudTrail-Insight')) ${where} ORDER BY path`,
    params,
  );
  if (!rows.some((r) => r.status === 'digest')) throw noDigests(db.path);
  const files = rows.map((r): LocalFile => ({ displayPath: r.path, source: sourceOf(r.path), kind: r.status === 'digest' ? 'digest' : 'log' }));
  return { files, problems: [], label: `the digest files recorded in ${db.path}` };
}

function noDigests(path: string): CtlakeError {
  return new CtlakeError(
    'E_NO_DIGESTS',
    `${path} has no digest files recorded: ingest the export with its CloudTrail-Digest/ folders, or run \`ctlake validate PATH\` on the export itself`,
  );
}

/** Ledger paths are file paths, or `archive.zip!/entry` for zip entries. */
function sourceOf(displayPath: string): FileSource {
  const i = displayPath.search(/\.zip!\//i);
  if (i < 0) return { kind: 'fs', path: displayPath };
  return { kind: 'zip', zipPath: displayPath.slice(0, i + 4), entry: displayPath.slice(i + 6) };
}

/** Opens zips once per run; `close()` when done. */
export class FileReader {
  private zips = new Map<string, StreamZip.StreamZipAsync>();

  private zip(path: string): StreamZip.StreamZipAsync {
    let z = this.zips.get(path);
    if (!z) {
      z = new StreamZip.async({ file: path, storeEntries: true, skipEntryNameValidation: true });
      this.zips.set(path, z);
    }
    return z;
  }

  async bytes(s: FileSource): Promise<Buffer> {
    return s.kind === 'fs' ? readFileSync(s.path) : this.zip(s.zipPath).entryData(s.entry);
  }

  private async stream(s: FileSource): Promise<Readable> {
    return s.kind === 'fs' ? createReadStream(s.path, { highWaterMark: 1024 * 1024 }) : ((await this.zip(s.zipPath).stream(s.entry)) as Readable);
  }

  /** SHA-256 of the file's uncompressed content, streamed (log files can be large). */
  async inflatedSha256(s: FileSource): Promise<string> {
    const head = await this.head(s);
    const raw = await this.stream(s);
    const h = createHash('sha256');
    if (head[0] === 0x1f && head[1] === 0x8b) {
      const gunzip = createGunzip();
      raw.on('error', (e) => gunzip.destroy(e));
      raw.pipe(gunzip);
      for await (const chunk of gunzip) h.update(chunk as Buffer);
    } else {
      // Already uncompressed (someone gunzipped the export): the content is what was hashed.
      for await (const chunk of raw) h.update(chunk as Buffer);
    }
    return h.digest('hex');
  }

  async inflated(s: FileSource): Promise<Buffer> {
    const b = await this.bytes(s);
    // Digests list an hour of file names: a few hundred KB at most. The cap refuses a bomb.
    return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b, { maxOutputLength: 256 * 1024 ** 2 }) : b;
  }

  private async head(s: FileSource): Promise<Buffer> {
    const st = await this.stream(s);
    try {
      for await (const chunk of st) return (chunk as Buffer).subarray(0, 2);
    } finally {
      st.destroy();
    }
    return Buffer.alloc(0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.zips.values()].map((z) => z.close().catch(() => undefined)));
    this.zips.clear();
  }
}

/** `AWSLogs/...` part of a path or S3 key (the bucket prefix and local folders differ; this does not). */
export function awsLogsSuffix(p: string): string | null {
  const norm = p.replace(/\\/g, '/');
  const i = norm.lastIndexOf('AWSLogs/');
  return i >= 0 && (i === 0 || norm[i - 1] === '/' || norm[i - 1] === '!') ? norm.slice(i) : null;
}

export const baseName = (p: string) => p.replace(/\\/g, '/').split('/').pop() ?? p;

/**
 * Finds the local copy of an S3 object: by its AWSLogs/... key, else by file name (CloudTrail's
 * names carry account, region, time and a random id, so a lone match is the file).
 */
export class LocalIndex {
  private bySuffix = new Map<string, LocalFile>();
  private byName = new Map<string, LocalFile[]>();

  constructor(files: LocalFile[]) {
    for (const f of files) {
      const suffix = awsLogsSuffix(f.displayPath);
      if (suffix && !this.bySuffix.has(suffix)) this.bySuffix.set(suffix, f);
      const name = baseName(f.displayPath);
      this.byName.set(name, [...(this.byName.get(name) ?? []), f]);
    }
  }

  find(s3Object: string): LocalFile | undefined {
    const suffix = awsLogsSuffix(s3Object);
    const hit = suffix ? this.bySuffix.get(suffix) : undefined;
    if (hit) return hit;
    const named = this.byName.get(baseName(s3Object));
    return named?.length === 1 ? named[0] : undefined;
  }
}

/** Delivery time CloudTrail writes in log and digest file names (…_20240301T1205Z_… / …_20240301T120531Z.json.gz). */
export function nameStamp(p: string): string | null {
  const m = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z/.exec(baseName(p));
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z` : null;
}
