import { createHash, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dataToSign, sha256Hex, type Digest } from './digest-format.js';

/**
 * Writes CloudTrail digest files the way CloudTrail does (see digest-format.ts for the sources),
 * signed with a key you hold. For tests of `ctlake validate` and for sample trees: the files are
 * byte-for-byte what the validator expects from AWS, only the key pair differs.
 */

export interface DigestLink {
  s3Object: string;
  /** SHA-256 of the inflated digest. */
  hash: string;
  signature: string;
}

export interface WriteDigestOptions {
  /** Export root: the folder that holds AWSLogs/. */
  root: string;
  bucket: string;
  account: string;
  region: string;
  trailName: string;
  homeRegion?: string;
  /** ISO-8601 UTC, whole seconds. */
  startTime: string;
  endTime: string;
  /** Log files, as paths relative to root (AWSLogs/...). */
  logFiles: string[];
  previous: DigestLink | null;
  privateKey: KeyObject;
  fingerprint: string;
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

export function digestKey(account: string, region: string, trailName: string, homeRegion: string, endTime: string): string {
  const [y, m, d] = endTime.slice(0, 10).split('-');
  return `AWSLogs/${account}/CloudTrail-Digest/${region}/${y}/${m}/${d}/${account}_CloudTrail-Digest_${region}_${trailName}_${homeRegion}_${stamp(endTime)}.json.gz`;
}

/** Hashes the log files (inflated), writes the gzipped digest, and returns the link for the next one. */
export function writeDigest(o: WriteDigestOptions): DigestLink & { path: string } {
  const s3Object = digestKey(o.account, o.region, o.trailName, o.homeRegion ?? o.region, o.endTime);
  const times: string[] = [];
  const logFiles = o.logFiles.map((rel) => {
    const raw = readFileSync(join(o.root, rel));
    const inflated = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    const records = (JSON.parse(inflated.toString('utf8')) as { Records?: { eventTime?: string }[] }).Records ?? [];
    const t = records.map((r) => String(r.eventTime)).sort();
    times.push(...t);
    return {
      s3Bucket: o.bucket,
      s3Object: rel,
      hashValue: sha256Hex(inflated),
      hashAlgorithm: 'SHA-256',
      newestEventTime: t[t.length - 1] ?? null,
      oldestEventTime: t[0] ?? null,
    };
  });
  times.sort();
  const digest: Digest & { newestEventTime: string | null; oldestEventTime: string | null } = {
    awsAccountId: o.account,
    digestStartTime: o.startTime,
    digestEndTime: o.endTime,
    digestS3Bucket: o.bucket,
    digestS3Object: s3Object,
    digestPublicKeyFingerprint: o.fingerprint,
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: times[times.length - 1] ?? null,
    oldestEventTime: times[0] ?? null,
    previousDigestS3Bucket: o.previous ? o.bucket : null,
    previousDigestS3Object: o.previous?.s3Object ?? null,
    previousDigestHashValue: o.previous?.hash ?? null,
    previousDigestHashAlgorithm: o.previous ? 'SHA-256' : null,
    previousDigestSignature: o.previous?.signature ?? null,
    logFiles,
  };
  const inflated = Buffer.from(JSON.stringify(digest));
  const hash = sha256Hex(inflated);
  const signature = sign('sha256', Buffer.from(dataToSign(digest, hash), 'utf8'), o.privateKey).toString('hex');
  const path = join(o.root, s3Object);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipSync(inflated));
  return { path, s3Object, hash, signature };
}

/** A list-public-keys style document for one key (fingerprint: MD5 of the PKCS#1 DER, as CloudTrail's look). */
export function publicKeysJson(publicKey: KeyObject, validFrom: string, validTo: string): { doc: string; fingerprint: string } {
  const der = publicKey.export({ format: 'der', type: 'pkcs1' });
  const fingerprint = createHash('md5').update(der).digest('hex');
  const doc = {
    PublicKeyList: [
      { Value: der.toString('base64'), ValidityStartTime: validFrom, ValidityEndTime: validTo, Fingerprint: fingerprint },
    ],
  };
  return { doc: JSON.stringify(doc, null, 2), fingerprint };
}
