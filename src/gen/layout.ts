// S3 export layout and time formatting shared by the tree and the samples.
//
// CloudTrail writes
//   AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
//     <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 alnum>.json.gz
// where the stamp is the delivery time of the file. We model delivery as the
// end of the 5-minute window the file's events fall into, so (like the real
// service) a file holding 23:55-23:59 events lands in the next day's folder.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzip, gzipSync, constants } from 'node:zlib';
import { promisify } from 'node:util';

export const WINDOW_MS = 5 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Fixed compression settings: zlib output is byte-identical for identical
 * input and options. A 1 MiB output chunk (default 16 KiB) does not change the
 * bytes but cuts the per-chunk callbacks async gzip makes on the main thread.
 */
export const GZIP_OPTIONS = { level: 6, memLevel: 8, strategy: constants.Z_DEFAULT_STRATEGY, chunkSize: 1 << 20 } as const;

const gzipAsync = promisify(gzip);

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** `2024-03-01T12:34:56Z` - CloudTrail's eventTime format (second precision, no millis). */
let lastIsoMs = NaN;
let lastIso = '';
export function isoSeconds(ms: number): string {
  // Events within a file are sorted and share seconds, so a one-entry cache hits often.
  if (ms !== lastIsoMs) {
    lastIsoMs = ms;
    lastIso = new Date(ms).toISOString().slice(0, 19) + 'Z';
  }
  return lastIso;
}

/** `20240301T1235Z` - the delivery stamp in log file names. */
export function fileStamp(ms: number): string {
  const d = new Date(ms);
  return (
    d.getUTCFullYear() +
    pad2(d.getUTCMonth() + 1) +
    pad2(d.getUTCDate()) +
    'T' +
    pad2(d.getUTCHours()) +
    pad2(d.getUTCMinutes()) +
    'Z'
  );
}

/** Parse `YYYY-MM-DD` as UTC midnight; throws on anything else so typos fail loudly. */
export function parseDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`bad date ${day}, expected YYYY-MM-DD`);
  const ms = Date.parse(day + 'T00:00:00Z');
  if (Number.isNaN(ms)) throw new Error(`bad date ${day}`);
  return ms;
}

export type LogKind = 'CloudTrail' | 'CloudTrail-Insight';

/** Relative directory and file name for one delivered log file. */
export function logFilePath(account: string, region: string, stampMs: number, id: string, kind: LogKind = 'CloudTrail'): { dir: string; name: string } {
  const d = new Date(stampMs);
  const dir = join(
    'AWSLogs',
    account,
    kind,
    region,
    String(d.getUTCFullYear()),
    pad2(d.getUTCMonth() + 1),
    pad2(d.getUTCDate()),
  );
  return { dir, name: `${account}_${kind}_${region}_${fileStamp(stampMs)}_${id}.json.gz` };
}

/** Regex every generated log file name must match (used by tests and readers). */
export const LOG_FILE_RE =
  /^AWSLogs\/(\d{12})\/(CloudTrail|CloudTrail-Insight)\/([a-z]{2}(?:-[a-z]+)+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_\2_\3_(\d{8}T\d{4}Z)_[A-Za-z0-9]{16}\.json\.gz$/;

/** Wrap already-serialized records the way CloudTrail does: compact, no whitespace. */
export function wrapRecords(serialized: readonly string[]): string {
  return '{"Records":[' + serialized.join(',') + ']}';
}

/**
 * Writes gzip files, creating directories once each. Compression runs on the
 * libuv thread pool (async zlib), so the main thread can build the next file's
 * JSON meanwhile; `maxInFlight` bounds memory (each pending file holds its
 * JSON string, roughly 1 MB at default sizes).
 */
export class GzWriter {
  private readonly madeDirs = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private error: unknown;
  files = 0;
  bytesJson = 0;
  bytesGz = 0;

  constructor(
    private readonly root: string,
    private readonly maxInFlight = 3,
  ) {}

  async write(relDir: string, name: string, json: string): Promise<void> {
    const dir = join(this.root, relDir);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const buf = Buffer.from(json, 'utf8');
    this.bytesJson += buf.length;
    this.files++;
    const job = (async () => {
      const gz = await gzipAsync(buf, GZIP_OPTIONS);
      this.bytesGz += gz.length;
      await writeFile(join(dir, name), gz);
    })();
    // Never let a rejection float unobserved (Node would abort the process);
    // remember it and surface it on the next write()/flush().
    const tracked: Promise<void> = job
      .catch((err: unknown) => {
        this.error ??= err;
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    while (this.pending.size >= this.maxInFlight) await Promise.race(this.pending);
    if (this.error) throw this.error;
  }

  async flush(): Promise<void> {
    await Promise.all(this.pending);
    if (this.error) throw this.error;
  }
}

/** Synchronous variant for tiny trees (samples) where overlap buys nothing. */
export function gzipBytes(json: string): Buffer {
  return gzipSync(Buffer.from(json, 'utf8'), GZIP_OPTIONS);
}
