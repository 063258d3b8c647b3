import { CtlakeError } from '../errors.js';
import { dataToSign, parseDigest, sha256Hex, verifyDigestSignature, type Digest, type PublicKey } from './digest-format.js';
import { awsLogsSuffix, baseName, FileReader, LocalIndex, nameStamp, type Inputs, type LocalFile } from './validate-inputs.js';

/**
 * `ctlake validate`: `aws cloudtrail validate-logs`, offline. Each digest is checked against the
 * next one in its chain (previousDigestHashValue, previousDigestSignature) and, given public keys,
 * by its RSA signature; each log file it lists is hashed (uncompressed) and compared. Log files
 * no digest lists are reported too: in an export, an added file is as telling as a changed one.
 */

export type DigestStatus = 'valid' | 'invalid' | 'missing' | 'unverifiable';
export type LogStatus = 'valid' | 'modified' | 'missing' | 'unverifiable' | 'uncovered';

export interface DigestResult {
  path: string | null;
  s3Uri: string | null;
  status: DigestStatus;
  reason: string | null;
  digestStartTime: string | null;
  digestEndTime: string | null;
  logFiles: number;
  signature: 'verified' | 'failed' | 'not checked';
}

export interface LogResult {
  path: string | null;
  s3Uri: string | null;
  status: LogStatus;
  reason: string | null;
  /** The digest that lists it. */
  digest: string | null;
}

export interface ValidateOptions {
  publicKeys?: Map<string, PublicKey>;
  /** x-amz-meta-signature of the newest digest. */
  signature?: string;
  signatures?: Map<string, string>;
  /** Epoch microseconds. */
  start?: number;
  end?: number;
}

export interface ValidateReport {
  input: string;
  requested: { start: string | null; end: string | null };
  found: { start: string; end: string } | null;
  publicKeys: boolean;
  digests: DigestResult[];
  logFiles: LogResult[];
  notes: string[];
  problems: { path: string; reason: string }[];
}

interface Loaded {
  file: LocalFile;
  digest?: Digest;
  hash?: string;
  error?: string;
}

const s3Uri = (bucket: string | null | undefined, key: string) => `s3://${bucket ?? '?'}/${key}`;
const iso = (us: number | undefined) => (us === undefined ? null : new Date(us / 1000).toISOString().replace('.000Z', 'Z'));

/** One chain of digests: account, Region, trail and home Region (the key minus its date and time). */
function streamOf(key: string): string {
  return (awsLogsSuffix(key) ?? baseName(key)).replace(/\/\d{4}\/\d{2}\/\d{2}\//, '/').replace(/_\d{8}T\d{6}Z(?:_backfill)?\.json\.gz$/i, '');
}

export async function validate(inputs: Inputs, o: ValidateOptions): Promise<ValidateReport> {
  const reader = new FileReader();
  try {
    return await run(inputs, o, reader);
  } finally {
    await reader.close();
  }
}

async function run(inputs: Inputs, o: ValidateOptions, reader: FileReader): Promise<ValidateReport> {
  const index = new LocalIndex(inputs.files);
  const loaded: Loaded[] = [];
  for (const file of inputs.files.filter((f) => f.kind === 'digest')) {
    try {
      const inflated = await reader.inflated(file.source);
      const d = parseDigest(inflated);
      loaded.push(typeof d === 'string' ? { file, error: d } : { file, digest: d, hash: sha256Hex(inflated) });
    } catch (e) {
      loaded.push({ file, error: `invalid format: cannot read or decompress (${(e as Error).message})` });
    }
  }
  const lo = iso(o.start);
  const hi = iso(o.end);
  const inRange = (l: Loaded) => {
    const s = l.digest?.digestStartTime ?? nameStamp(l.file.displayPath);
    const e = l.digest?.digestEndTime ?? s;
    return (!lo || !e || e >= lo) && (!hi || !s || s <= hi);
  };

  // Chain links: which digest names each local digest as its previous one.
  const nextOf = new Map<LocalFile, Loaded>();
  for (const l of loaded) {
    const prev = l.digest?.previousDigestS3Object;
    const f = prev ? index.find(prev) : undefined;
    if (f && f.kind === 'digest' && f !== l.file) nextOf.set(f, l);
  }
  const streams = new Map<string, Loaded[]>();
  for (const l of loaded.filter((x) => x.digest)) {
    const k = streamOf(l.digest!.digestS3Object);
    streams.set(k, [...(streams.get(k) ?? []), l]);
  }
  const newest = newestDigest(streams, o);

  const notes: string[] = [];
  const digests: DigestResult[] = [];
  for (const l of loaded.filter(inRange)) {
    const d = l.digest;
    const base = { path: l.file.displayPath, digestStartTime: d?.digestStartTime ?? null, digestEndTime: d?.digestEndTime ?? null, logFiles: d?.logFiles.length ?? 0 };
    if (!d) {
      digests.push({ ...base, s3Uri: null, status: 'invalid', reason: l.error ?? 'invalid format', signature: 'not checked' });
      continue;
    }
    const r = checkDigest(l, nextOf.get(l.file), l === newest ? o.signature : undefined, o);
    digests.push({ ...base, s3Uri: s3Uri(d.digestS3Bucket, d.digestS3Object), ...r });
    chainNotes(l, streams.get(streamOf(d.digestS3Object))!, index, digests, notes);
  }

  const logFiles = await checkLogs(digests, loaded, index, reader);
  const listed = new Set(logFiles.map((x) => x.path).filter((p): p is string => !!p));
  for (const f of inputs.files) {
    if (f.kind !== 'log' || listed.has(f.displayPath)) continue;
    const t = nameStamp(f.displayPath);
    if (t && ((lo && t < lo) || (hi && t > hi))) continue;
    // Whether CloudTrail lists Insights files in digests is not documented: say which kind it is.
    const reason = /[\\/]CloudTrail-Insight[\\/]/.test(f.displayPath) ? 'Insights log file not listed in any digest file' : 'not listed in any digest file';
    logFiles.push({ path: f.displayPath, s3Uri: null, status: 'uncovered', reason, digest: null });
  }

  digests.sort((a, b) => cmp(a.digestEndTime ?? '', b.digestEndTime ?? '') || cmp(a.path ?? a.s3Uri ?? '', b.path ?? b.s3Uri ?? ''));
  logFiles.sort((a, b) => cmp(a.path ?? a.s3Uri ?? '', b.path ?? b.s3Uri ?? ''));
  const good = digests.filter((x) => x.status === 'valid' || x.status === 'unverifiable');
  const starts = good.map((x) => x.digestStartTime!).sort();
  const ends = good.map((x) => x.digestEndTime!).sort();
  const found = good.length
    ? { start: lo && starts[0]! < lo ? lo : starts[0]!, end: hi && ends[ends.length - 1]! > hi ? hi : ends[ends.length - 1]! }
    : null;
  return { input: inputs.label, requested: { start: lo, end: hi }, found, publicKeys: !!o.publicKeys, digests, logFiles, notes, problems: inputs.problems };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The digest `--signature` belongs to: the newest one, when there is a single chain. */
function newestDigest(streams: Map<string, Loaded[]>, o: ValidateOptions): Loaded | undefined {
  if (!o.signature) return undefined;
  if (streams.size > 1) {
    throw new CtlakeError(
      'E_USAGE',
      `--signature is for the newest digest of one chain, and these digests form ${streams.size} (${[...streams.keys()].join(', ')}): use --signatures FILE mapping each newest digest's key to its signature`,
    );
  }
  const [list] = [...streams.values()];
  return list?.reduce((a, b) => (b.digest!.digestEndTime > a.digest!.digestEndTime ? b : a));
}

function signatureFromOptions(l: Loaded, o: ValidateOptions): string | undefined {
  if (!o.signatures) return undefined;
  const d = l.digest!;
  const keys = [d.digestS3Object, s3Uri(d.digestS3Bucket, d.digestS3Object), l.file.displayPath, awsLogsSuffix(l.file.displayPath), baseName(l.file.displayPath)];
  for (const k of keys) if (k && o.signatures.has(k)) return o.signatures.get(k);
  return undefined;
}

function checkDigest(l: Loaded, next: Loaded | undefined, newestSig: string | undefined, o: ValidateOptions): Pick<DigestResult, 'status' | 'reason' | 'signature'> {
  const d = l.digest!;
  const fail: string[] = [];
  const local = awsLogsSuffix(l.file.displayPath);
  const claimed = awsLogsSuffix(d.digestS3Object);
  if (local && claimed ? local !== claimed : baseName(l.file.displayPath) !== baseName(d.digestS3Object)) {
    fail.push(`has been moved from its original location (its content says ${s3Uri(d.digestS3Bucket, d.digestS3Object)})`);
  }
  const recorded = next?.digest?.previousDigestHashValue;
  if (recorded && recorded.toLowerCase() !== l.hash) {
    fail.push(`hash value doesn't match the previousDigestHashValue recorded in the next digest (${next.file.displayPath})`);
  }
  const sig = next?.digest ? next.digest.previousDigestSignature ?? undefined : (signatureFromOptions(l, o) ?? newestSig);
  let signature: DigestResult['signature'] = 'not checked';
  let unverifiable: string | null = null;
  if (!o.publicKeys) {
    unverifiable = 'signature not checked: pass --public-keys FILE (the output of `aws cloudtrail list-public-keys`)';
  } else {
    const key = o.publicKeys.get(String(d.digestPublicKeyFingerprint).toLowerCase());
    if (!key) fail.push(`public key not found for fingerprint ${d.digestPublicKeyFingerprint} (list-public-keys for the digest's Region and time)`);
    else if (d.digestSignatureAlgorithm && d.digestSignatureAlgorithm !== 'SHA256withRSA') fail.push(`unsupported signature algorithm ${d.digestSignatureAlgorithm}`);
    else if (!sig) {
      unverifiable = next
        ? 'the next digest records no previousDigestSignature'
        : 'no signature: the newest digest\'s signature is S3 object metadata (x-amz-meta-signature), not in the export; pass --signature HEX or --signatures FILE';
    } else if (verifyDigestSignature(key.key, dataToSign(d, l.hash!), sig)) signature = 'verified';
    else {
      signature = 'failed';
      fail.push(next ? `signature verification failed (signature from the next digest, ${next.file.displayPath})` : 'signature verification failed');
    }
  }
  if (fail.length) return { status: 'invalid', reason: fail.join('; '), signature };
  if (signature === 'verified') return { status: 'valid', reason: null, signature };
  return { status: 'unverifiable', reason: unverifiable, signature };
}

/** A previous digest that should be here and is not, or a chain that starts or restarts. */
function chainNotes(l: Loaded, stream: Loaded[], index: LocalIndex, digests: DigestResult[], notes: string[]): void {
  const d = l.digest!;
  const older = stream.filter((x) => x !== l && x.digest!.digestEndTime <= d.digestStartTime);
  const prev = d.previousDigestS3Object;
  if (!prev) {
    if (older.length) {
      const last = older.map((x) => x.digest!.digestEndTime).sort().pop();
      notes.push(`${l.file.displayPath} starts a new chain: no digests (log file validation or logging off?) between ${last} and ${d.digestStartTime}`);
    }
    return;
  }
  if (index.find(prev)) return;
  const prevTime = nameStamp(prev);
  if (older.some((x) => !prevTime || x.digest!.digestEndTime <= prevTime)) {
    digests.push({
      path: null,
      s3Uri: s3Uri(d.previousDigestS3Bucket, prev),
      status: 'missing',
      reason: `not found: ${l.file.displayPath} names it as its previous digest, and older digests of the chain are here`,
      digestStartTime: null,
      digestEndTime: prevTime,
      logFiles: 0,
      signature: 'not checked',
    });
  } else {
    notes.push(`the chain continues before ${l.file.displayPath}: its previous digest ${prev} is not among the files given`);
  }
}

async function checkLogs(digests: DigestResult[], loaded: Loaded[], index: LocalIndex, reader: FileReader): Promise<LogResult[]> {
  const byPath = new Map(loaded.map((l) => [l.file.displayPath, l]));
  const out = new Map<string, LogResult>();
  // Logs of trustworthy digests first; a log listed only by an invalid digest is not vouched for.
  const ordered = [...digests.filter((x) => x.status !== 'invalid'), ...digests.filter((x) => x.status === 'invalid')];
  for (const r of ordered) {
    const d = r.path ? byPath.get(r.path)?.digest : undefined;
    if (!d) continue;
    for (const lf of d.logFiles) {
      const local = index.find(lf.s3Object);
      const key = local?.displayPath ?? `s3:${lf.s3Object}`;
      if (out.has(key)) continue;
      const entry: LogResult = { path: local?.displayPath ?? null, s3Uri: s3Uri(lf.s3Bucket, lf.s3Object), status: 'valid', reason: null, digest: r.path };
      if (r.status === 'invalid') Object.assign(entry, { status: 'unverifiable', reason: `listed only in an invalid digest (${r.path})` });
      else if (!local) Object.assign(entry, { status: 'missing', reason: 'not found' });
      else if (lf.hashAlgorithm && lf.hashAlgorithm !== 'SHA-256') Object.assign(entry, { status: 'unverifiable', reason: `unsupported hash algorithm ${lf.hashAlgorithm}` });
      else {
        try {
          const h = await reader.inflatedSha256(local.source);
          if (h !== lf.hashValue.toLowerCase()) Object.assign(entry, { status: 'modified', reason: "hash value doesn't match" });
        } catch (e) {
          Object.assign(entry, { status: 'modified', reason: `invalid format: cannot read or decompress (${(e as Error).message})` });
        }
      }
      out.set(key, entry);
    }
  }
  return [...out.values()];
}
