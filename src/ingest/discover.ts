import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import fg from 'fast-glob';
import StreamZip from 'node-stream-zip';
import { pathFacts } from './path-facts.js';
import type { DecodeLimits, DiscoveryReject, FileTask, PathFacts } from './types.js';

/**
 * Discover stage: PATHs (folders at any level of an export, .zip archives, single files) →
 * the ordered list of files to read. Path filters prune here, before any file is opened.
 */

export interface PathFilter {
  accounts?: string[];
  regions?: string[];
  /** YYYY-MM-DD, inclusive. */
  since?: string;
  until?: string;
}

export interface Discovery {
  tasks: FileTask[];
  rejected: DiscoveryReject[];
  /** Files looked at and passed over, with why (not a log file, nested archive...). */
  ignored: DiscoveryReject[];
  /** Files left out by --account/--region/--since/--until. */
  pruned: number;
}

/**
 * Inside a folder or archive: every .json.gz, and .json files that sit in the CloudTrail layout
 * (a stray metadata .json beside the export is not a log file).
 */
function isLogFile(path: string): boolean {
  if (/\.json\.gz$/i.test(path)) return true;
  return /\.json$/i.test(path) && pathFacts(path).kind !== 'unknown';
}

export async function discover(paths: string[], filter: PathFilter, limits: DecodeLimits): Promise<Discovery> {
  const found: Omit<FileTask, 'seq'>[] = [];
  const out: Discovery = { tasks: [], rejected: [], ignored: [], pruned: 0 };

  for (const input of paths) {
    const abs = resolve(input);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      out.rejected.push({ displayPath: input, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${(e as Error).message}` });
      continue;
    }
    if (st.isDirectory()) {
      const entries = await fg('**/*', { cwd: abs, onlyFiles: true, stats: true, dot: false, followSymbolicLinks: true, suppressErrors: true });
      for (const e of entries) {
        const path = `${abs}/${e.path}`;
        if (/\.zip$/i.test(e.path)) await discoverZip(path, limits, found, out);
        else if (isLogFile(e.path)) found.push(fsTask(path, e.stats?.size ?? 0));
        else out.ignored.push({ displayPath: path, reason: 'not a CloudTrail log file (.json.gz, or .json in the AWSLogs layout)' });
      }
    } else if (/\.zip$/i.test(abs)) {
      await discoverZip(abs, limits, found, out);
    } else {
      // A file named on the command line is read whatever its name: the content decides.
      found.push(fsTask(abs, st.size));
    }
  }

  // Load order: sorted by path, so that the same input always loads the same way (which copy of
  // a duplicated record is kept, which fileId a file gets) whatever the worker timing.
  found.sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  const seen = new Set<string>();
  for (const f of found) {
    if (seen.has(f.displayPath)) continue; // the same file reached through two PATHs
    seen.add(f.displayPath);
    if (!passes(f.facts, filter)) {
      out.pruned++;
      continue;
    }
    out.tasks.push({ ...f, seq: out.tasks.length + 1 });
  }
  return out;
}

function fsTask(path: string, size: number): Omit<FileTask, 'seq'> {
  return { source: { kind: 'fs', path }, displayPath: path, size, facts: pathFacts(path) };
}

async function discoverZip(zipPath: string, limits: DecodeLimits, found: Omit<FileTask, 'seq'>[], out: Discovery): Promise<void> {
  let zip: StreamZip.StreamZipAsync | undefined;
  try {
    // Names are checked per entry below, so one bad entry does not cost the archive's good ones.
    zip = new StreamZip.async({ file: zipPath, storeEntries: true, skipEntryNameValidation: true });
    const entries = Object.values(await zip.entries());
    for (const e of entries) {
      if (e.isDirectory) continue;
      const displayPath = `${zipPath}!/${e.name}`;
      const parts = e.name.split(/[\\/]/);
      if (parts.includes('..') || e.name.startsWith('/') || /^[A-Za-z]:/.test(e.name)) {
        out.rejected.push({ displayPath, reason: 'unsafe entry name (absolute or containing "..")' });
      } else if (/\.zip$/i.test(e.name)) {
        out.ignored.push({ displayPath, reason: 'a zip inside a zip is not read: extract the outer archive first' });
      } else if (!isLogFile(e.name)) {
        out.ignored.push({ displayPath, reason: 'not a CloudTrail log file (.json.gz, or .json in the AWSLogs layout)' });
      } else if (e.size > limits.maxFileBytes) {
        out.rejected.push({ displayPath, reason: `zip entry declares ${e.size} bytes, over the ${limits.maxFileBytes}-byte limit per file (zip bomb?)` });
      } else if (e.size > limits.ratioFloorBytes && e.size > Math.max(1, e.compressedSize) * limits.maxRatio) {
        const ratio = Math.round(e.size / Math.max(1, e.compressedSize));
        out.rejected.push({ displayPath, reason: `zip entry expands ${ratio}:1 (${e.compressedSize} → ${e.size} bytes), over the ${limits.maxRatio}:1 limit (zip bomb?)` });
      } else {
        found.push({ source: { kind: 'zip', zipPath, entry: e.name }, displayPath, size: e.size, facts: pathFacts(e.name) });
      }
    }
  } catch (e) {
    out.rejected.push({ displayPath: zipPath, reason: `cannot read the zip archive: ${(e as Error).message}` });
  } finally {
    await zip?.close().catch(() => undefined);
  }
}

function passes(f: PathFacts, filter: PathFilter): boolean {
  if (filter.accounts?.length && !(f.accountId && filter.accounts.includes(f.accountId))) return false;
  if (filter.regions?.length && !(f.region && filter.regions.includes(f.region))) return false;
  if (filter.since && !(f.date && f.date >= filter.since)) return false;
  if (filter.until && !(f.date && f.date <= filter.until)) return false;
  return true;
}
