import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import StreamZip from 'node-stream-zip';
import { MAX_RECORD_BYTES } from './load-batch.js';
import { RecordScanner, ScanError, type ScannedRecord } from './record-scanner.js';
import type { DecodeLimits, DecodeResult, FileTask, RecordReject } from './types.js';

/**
 * Decode stage: one file's bytes → SHA-256, and then either
 *  - `direct`: a gzip file small enough for DuckDB's JSON reader, which the load stage hands to
 *    DuckDB as it is (nothing decompressed here but a peek at its start), or
 *  - `decoded`: validated records in a TSV hand-off file of `fileSeq \t event-json` lines that
 *    DuckDB reads in bulk (plain JSON, large files, and files DuckDB's reader refused).
 * Runs inside worker threads.
 */

export interface DecodeContext {
  tmpDir: string;
  limits: DecodeLimits;
  /** SHA-256 hex of files the store already has: such a file is reported `known`, not decoded. */
  knownShas: Set<string>;
}

const WHOLE_OUTPUT_MAX = 256 * 1024 * 1024;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const MAX_LISTED_REJECTS = 20;

class Reject extends Error {}

const zips = new Map<string, StreamZip.StreamZipAsync>();
function openZip(path: string): StreamZip.StreamZipAsync {
  let z = zips.get(path);
  if (!z) {
    z = new StreamZip.async({ file: path, storeEntries: true, skipEntryNameValidation: true }); // discover() vetted the names
    zips.set(path, z);
  }
  return z;
}

export async function closeZips(): Promise<void> {
  await Promise.all([...zips.values()].map((z) => z.close().catch(() => undefined)));
  zips.clear();
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export async function decodeFile(task: FileTask, ctx: DecodeContext): Promise<DecodeResult> {
  const { seq } = task;
  let sha: string | null = null;
  let bytesRead = 0;
  try {
    if (task.size <= ctx.limits.wholeFileBytes) {
      const buf = await readWhole(task);
      bytesRead = buf.length;
      sha = createHash('sha256').update(buf).digest('hex');
      if (ctx.knownShas.has(sha)) return { seq, status: 'known', sha256: sha, bytesRead };
      if (task.facts.kind === 'CloudTrail-Digest') return { seq, status: 'digest', sha256: sha, bytesRead };
      const jsonBytes = task.scan ? 0 : directSize(buf, ctx.limits);
      if (jsonBytes > 0) return { seq, status: 'direct', sha256: sha, bytesRead, gzPath: directPath(task, ctx, buf), jsonBytes, oneLine: oneLine(buf, jsonBytes) };
      let text: Buffer | null = buf;
      if (isGzip(buf)) text = gunzipBounded(buf, ctx.limits);
      if (text) return { ...(await scanToTsv(task, ctx, [text])), sha256: sha, bytesRead };
      // Too large to hold decompressed: fall through to streaming.
    }
    sha = await hashStream(task);
    bytesRead = task.size;
    if (ctx.knownShas.has(sha)) return { seq, status: 'known', sha256: sha, bytesRead };
    if (task.facts.kind === 'CloudTrail-Digest') return { seq, status: 'digest', sha256: sha, bytesRead };
    return { ...(await scanToTsv(task, ctx, await decodedStream(task, ctx.limits))), sha256: sha, bytesRead };
  } catch (e) {
    return { seq, status: 'rejected', sha256: sha, bytesRead, reason: describe(e) };
  }
}

function describe(e: unknown): string {
  if (e instanceof ScanError) return e.kind === 'syntax' ? `invalid JSON: ${e.message}` : `not a CloudTrail log file: ${e.message}`;
  if (e instanceof Reject) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message ?? '')) {
    return 'corrupt gzip: the compressed data ends early (truncated file?)';
  }
  if (err.code === 'Z_DATA_ERROR') return `corrupt gzip: ${err.message}`;
  if (err.code === 'ENOENT') return 'file not found (was it moved or deleted during the run?)';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied: cannot read the file';
  if (err.code === 'EISDIR') return 'is a directory, not a file';
  return `cannot read: ${err.message ?? String(e)}`;
}

async function readWhole(task: FileTask): Promise<Buffer> {
  if (task.source.kind === 'fs') return readFileSync(task.source.path);
  const data = await openZip(task.source.zipPath).entryData(task.source.entry);
  if (data.length !== task.size) throw new Reject(`zip entry expands to ${data.length} bytes, not the ${task.size} it declares`);
  return data;
}

async function rawStream(task: FileTask): Promise<Readable> {
  if (task.source.kind === 'fs') return createReadStream(task.source.path, { highWaterMark: 1024 * 1024 });
  return (await openZip(task.source.zipPath).stream(task.source.entry)) as Readable;
}

async function hashStream(task: FileTask): Promise<string> {
  const h = createHash('sha256');
  let n = 0;
  for await (const chunk of await rawStream(task)) {
    n += (chunk as Buffer).length;
    if (n > task.size) throw new Reject(`expands past the ${task.size} bytes it declares (zip bomb?)`);
    h.update(chunk as Buffer);
  }
  return h.digest('hex');
}

/**
 * Decompressed size of a gzip file DuckDB may read itself, from the trailer's ISIZE; 0 when it
 * must be decoded here. The trailer is a claim, not a fact (it is the size modulo 4 GiB, and a
 * crafted file can lie): DuckDB's reader is bounded by maximum_object_size anyway, and a file it
 * refuses comes back here to be decoded with every limit enforced.
 */
function directSize(buf: Buffer, limits: DecodeLimits): number {
  if (limits.directJsonBytes <= 0 || !isGzip(buf) || buf.length < 18) return 0;
  const isize = buf.readUInt32LE(buf.length - 4);
  if (isize === 0 || isize > limits.directJsonBytes || isize > outputCap(buf.length, limits)) return 0;
  return isize;
}

/** Compressed bytes the one-line check decompresses: about 25 KB of text. */
export const ONE_LINE_PEEK_BYTES = 4 * 1024;

/**
 * Whether the document looks like one line, judged from its start: the first
 * ONE_LINE_PEEK_BYTES of gzip decompressed without waiting for the rest. A pretty-printed file
 * breaks its first line within a few bytes; a newline further on is possible but rare, and
 * DuckDB then refuses the batch and the fallback sorts it out. (It runs for every file before the
 * first load starts: hashing and peeking a first batch of 1,342 files took 0.40 s with 16 KB, 0.27 s with 4 KB.)
 */
function oneLine(buf: Buffer, jsonBytes: number): boolean {
  let head: Buffer;
  try {
    head = gunzipSync(buf.subarray(0, ONE_LINE_PEEK_BYTES), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return false;
  }
  if (head[0] !== 0x7b) return false; // '{'
  const nl = head.indexOf(0x0a);
  return nl < 0 || (head.length === jsonBytes && nl >= head.length - 2);
}

/**
 * The gzip file DuckDB reads: the file itself, or a copy in the hand-off folder for a zip entry
 * (DuckDB reads files, not entries) and for a path DuckDB would take for a glob pattern.
 */
function directPath(task: FileTask, ctx: DecodeContext, buf: Buffer): string {
  if (task.source.kind === 'fs' && !/[*?[\]{}]/.test(task.source.path)) return task.source.path;
  const path = join(ctx.tmpDir, `${task.seq}.json.gz`);
  writeFileSync(path, buf);
  return path;
}

function gunzipBounded(buf: Buffer, limits: DecodeLimits): Buffer | null {
  const cap = Math.min(WHOLE_OUTPUT_MAX, outputCap(buf.length, limits));
  try {
    return gunzipSync(buf, { maxOutputLength: cap });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      if (cap < WHOLE_OUTPUT_MAX) throw bombError(buf.length, cap, limits);
      return null;
    }
    throw e;
  }
}

function outputCap(compressed: number, limits: DecodeLimits): number {
  return Math.min(limits.maxFileBytes, Math.max(limits.ratioFloorBytes, compressed * limits.maxRatio));
}

function bombError(compressed: number, cap: number, limits: DecodeLimits): Reject {
  return new Reject(
    `decompresses to more than ${cap} bytes from ${compressed} (limit: ${limits.maxRatio}:1 past ${limits.ratioFloorBytes} bytes, ` +
      `${limits.maxFileBytes} bytes per file): refused as a possible decompression bomb; raise --max-file-size if the file is genuine`,
  );
}

/** The file's decompressed bytes as a stream of chunks, with the bomb limits enforced. */
async function decodedStream(task: FileTask, limits: DecodeLimits): Promise<AsyncIterable<Buffer>> {
  const head = await firstBytes(task);
  const raw = await rawStream(task);
  if (!isGzip(head)) return raw as AsyncIterable<Buffer>;
  const cap = outputCap(task.size, limits);
  const gunzip = createGunzip({ chunkSize: 1024 * 1024 });
  raw.on('error', (e) => gunzip.destroy(e));
  raw.pipe(gunzip);
  return (async function* () {
    let n = 0;
    for await (const chunk of gunzip) {
      n += (chunk as Buffer).length;
      if (n > cap) {
        gunzip.destroy();
        raw.destroy();
        throw bombError(task.size, cap, limits);
      }
      yield chunk as Buffer;
    }
  })();
}

async function firstBytes(task: FileTask): Promise<Buffer> {
  for await (const chunk of await rawStream(task)) return (chunk as Buffer).subarray(0, 2);
  return Buffer.alloc(0);
}

/** Scans the document and writes accepted records to `<tmpDir>/<seq>.tsv`. */
async function scanToTsv(
  task: FileTask,
  ctx: DecodeContext,
  chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
): Promise<Extract<DecodeResult, { status: 'decoded' }>> {
  const tsvPath = join(ctx.tmpDir, `${task.seq}.tsv`);
  const out = new TsvWriter(tsvPath, `${task.seq}\t`);
  const rejected: RecordReject[] = [];
  let rejectedCount = 0;
  let events = 0;
  let textBytes = 0;
  const reject = (index: number, reason: string) => {
    rejectedCount++;
    if (rejected.length < MAX_LISTED_REJECTS) rejected.push({ index, reason });
  };
  const scanner = new RecordScanner((r: ScannedRecord) => {
    if (!r.isObject) return reject(r.index, `record ${r.index} is not a JSON object`);
    if (r.eventTime === undefined) return reject(r.index, `record ${r.index} has no eventTime string`);
    const t = ISO_UTC.test(r.eventTime) ? Date.parse(r.eventTime) : NaN;
    if (Number.isNaN(t)) return reject(r.index, `record ${r.index} has an eventTime that is not an ISO-8601 UTC time: "${r.eventTime.slice(0, 40)}"`);
    // DuckDB rejects invalid UTF-8 in VARCHAR; catch it here so the file, not the batch, fails.
    if (!isUtf8(r.text)) throw new Reject(`invalid UTF-8 in record ${r.index}`);
    events++;
    textBytes += r.text.length;
    out.line(r.text);
  }, { maxRecordBytes: MAX_RECORD_BYTES });
  try {
    for await (const chunk of chunks) scanner.push(chunk);
    scanner.end();
  } finally {
    out.close();
  }
  return {
    seq: task.seq,
    status: 'decoded',
    sha256: '',
    bytesRead: 0,
    events,
    textBytes,
    rejectedRecords: rejected,
    rejectedRecordCount: rejectedCount,
    tsvPath,
  };
}

/** Buffered line writer: one prefix + record + newline per event, written in 4 MB blocks. */
class TsvWriter {
  private fd: number;
  private buf = Buffer.allocUnsafe(4 * 1024 * 1024);
  private pos = 0;
  private prefix: Buffer;

  constructor(path: string, prefix: string) {
    this.fd = openSync(path, 'w');
    this.prefix = Buffer.from(prefix);
  }

  line(text: Buffer): void {
    const need = this.prefix.length + text.length + 1;
    if (this.pos + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need * 2);
    }
    this.pos += this.prefix.copy(this.buf, this.pos);
    this.pos += text.copy(this.buf, this.pos);
    this.buf[this.pos++] = 0x0a;
  }

  private flush(): void {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.pos = 0;
  }

  close(): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }
}
