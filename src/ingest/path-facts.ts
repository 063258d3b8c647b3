import type { FileKind, PathFacts } from './types.js';

const KINDS: FileKind[] = ['CloudTrail', 'CloudTrail-Insight', 'CloudTrail-Digest'];

/**
 * Reads the facts CloudTrail encodes in an S3 key:
 * `AWSLogs/[o-org/]<account>/<CloudTrail|CloudTrail-Insight|CloudTrail-Digest>/<region>/YYYY/MM/DD/<file>`.
 * Works on any suffix of that layout too (a day folder handed over alone still has a file name
 * that repeats account and region: `<account>_CloudTrail_<region>_<stamp>_<id>.json.gz`).
 */
export function pathFacts(path: string): PathFacts {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  const fileName = parts[parts.length - 1] ?? path;
  const facts: PathFacts = { orgId: null, accountId: null, region: null, date: null, fileName, kind: 'unknown' };

  const k = findLast(parts, (p) => (KINDS as string[]).includes(p));
  if (k >= 0) {
    facts.kind = parts[k] as FileKind;
    const acct = parts[k - 1];
    if (acct && /^\d{12}$/.test(acct)) facts.accountId = acct;
    const org = parts[k - 2];
    if (org && /^o-[a-z0-9]{4,32}$/.test(org)) facts.orgId = org;
    const [region, y, m, d] = parts.slice(k + 1, k + 5);
    if (region && parts.length - 1 > k + 1) facts.region = region;
    if (y && m && d && /^\d{4}$/.test(y) && /^\d{2}$/.test(m) && /^\d{2}$/.test(d)) facts.date = `${y}-${m}-${d}`;
  }
  // The file name repeats account, kind and region; it is the only source when given a bare file.
  const m = /^(\d{12})_(CloudTrail(?:-Insight|-Digest)?)_([a-z0-9-]+)_(\d{8})T\d{4}Z/.exec(fileName);
  if (m) {
    facts.accountId ??= m[1]!;
    if (facts.kind === 'unknown') facts.kind = m[2] as FileKind;
    facts.region ??= m[3]!;
    facts.date ??= `${m[4]!.slice(0, 4)}-${m[4]!.slice(4, 6)}-${m[4]!.slice(6, 8)}`;
  }
  return facts;
}

function findLast<T>(a: T[], pred: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (pred(a[i]!)) return i;
  return -1;
}
