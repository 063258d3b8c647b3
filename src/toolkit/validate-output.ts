import { isAbsolute, relative } from 'node:path';
import type { ValidateReport } from './validate-run.js';

/** `ctlake validate` output: the AWS CLI's validate-logs lines and summary, or a JSON report. */

export interface ValidateSummary {
  digests: { total: number; valid: number; invalid: number; missing: number; unverifiable: number };
  logFiles: { total: number; valid: number; modified: number; missing: number; unverifiable: number; uncovered: number };
  /** No invalid digest, no modified or missing log file. */
  ok: boolean;
  /** ok, and also nothing unverifiable or uncovered (`--strict`). */
  strictOk: boolean;
}

export function summarize(r: ValidateReport): ValidateSummary {
  const n = <T extends { status: string }>(list: T[], s: string) => list.filter((x) => x.status === s).length;
  const listed = r.logFiles.filter((x) => x.status !== 'uncovered');
  const digests = {
    total: r.digests.length,
    valid: n(r.digests, 'valid'),
    invalid: n(r.digests, 'invalid') + n(r.digests, 'missing'),
    missing: n(r.digests, 'missing'),
    unverifiable: n(r.digests, 'unverifiable'),
  };
  const logFiles = {
    total: listed.length,
    valid: n(listed, 'valid'),
    modified: n(listed, 'modified'),
    missing: n(listed, 'missing'),
    unverifiable: n(listed, 'unverifiable'),
    uncovered: n(r.logFiles, 'uncovered'),
  };
  const ok = digests.invalid === 0 && logFiles.modified === 0 && logFiles.missing === 0;
  return { digests, logFiles, ok, strictOk: ok && digests.unverifiable === 0 && logFiles.unverifiable === 0 && logFiles.uncovered === 0 };
}

const LOG_TEXT: Record<string, string> = {
  valid: 'valid',
  modified: 'INVALID',
  missing: 'INVALID',
  unverifiable: 'unverifiable',
  uncovered: 'not covered by any digest',
};

export function validateText(r: ValidateReport, verbose: boolean): string {
  const s = summarize(r);
  const out: string[] = [`Validating ${s.digests.total - s.digests.missing} digest files and the log files they list in ${r.input}`, ''];
  for (const p of r.problems) out.push(`Skipped\t${p.path}\t${p.reason}`);
  for (const d of r.digests) {
    // Without keys every digest is unverifiable for the same reason: the summary says it once.
    if ((d.status === 'valid' || (d.status === 'unverifiable' && !r.publicKeys)) && !verbose) continue;
    const where = d.path ? shown(d.path) : (d.s3Uri ?? '?');
    const state = d.status === 'valid' ? 'valid' : d.status === 'unverifiable' ? 'unverifiable' : 'INVALID';
    out.push(`Digest file\t${where}\t${state}${d.reason ? `: ${d.reason}` : ''}`);
  }
  for (const l of r.logFiles) {
    if (l.status === 'valid' && !verbose) continue;
    const where = l.path ? shown(l.path) : (l.s3Uri ?? '?');
    out.push(`Log file\t${where}\t${LOG_TEXT[l.status]}${l.reason && l.status !== 'uncovered' ? `: ${l.reason}` : ''}`);
  }
  for (const n of r.notes) out.push(`Note: ${n}`);
  if (out.length > 2) out.push('');
  const requested = r.requested.start || r.requested.end ? `${r.requested.start ?? 'the first digest'} to ${r.requested.end ?? 'the last digest'}` : 'all digest files given';
  out.push(`Results requested for ${requested}`);
  if (!s.digests.total) {
    out.push('No digests found');
  } else if (!r.found) {
    out.push('No valid digests found in range');
  } else {
    out.push(`Results found for ${r.found.start} to ${r.found.end}:`);
  }
  out.push('');
  if (s.digests.total) out.push(ratio(s.digests.valid, s.digests.total, 'digest', s.digests.invalid, [[s.digests.invalid - s.digests.missing, 'failed a check'], [s.digests.missing, 'not found']], s.digests.unverifiable));
  if (s.logFiles.total) {
    out.push(ratio(s.logFiles.valid, s.logFiles.total, 'log', s.logFiles.modified + s.logFiles.missing, [[s.logFiles.modified, 'modified'], [s.logFiles.missing, 'not found']], s.logFiles.unverifiable));
  }
  if (s.logFiles.uncovered) out.push(`${s.logFiles.uncovered} log file${s.logFiles.uncovered === 1 ? '' : 's'} not covered by any digest`);
  if (s.digests.unverifiable && !r.publicKeys) out.push('Digest signatures were not checked: pass --public-keys FILE (aws cloudtrail list-public-keys --output json)');
  return `${out.join('\n')}\n`;
}

/** Paths under the working folder print relative to it (the JSON report keeps them absolute). */
function shown(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}

function ratio(valid: number, total: number, what: string, invalid: number, kinds: [number, string][], unverifiable: number): string {
  let line = `${valid}/${total} ${what} files valid`;
  if (invalid) {
    const detail = kinds.filter(([n]) => n > 0).map(([n, k]) => `${n} ${k}`);
    line += `, ${invalid}/${total} ${what} files INVALID${detail.length ? ` (${detail.join(', ')})` : ''}`;
  }
  if (unverifiable) line += `, ${unverifiable}/${total} ${what} files unverifiable`;
  return line;
}

export function validateJson(r: ValidateReport): string {
  return `${JSON.stringify({ ...r, summary: summarize(r) }, null, 2)}\n`;
}
