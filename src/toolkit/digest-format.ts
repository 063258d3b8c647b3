import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CtlakeError } from '../errors.js';

/**
 * CloudTrail digest files: their fields, the string CloudTrail signs, and public keys.
 *
 * Sources, CloudTrail User Guide:
 *  - "CloudTrail digest file structure": `logFiles[].hashValue` is "the hexadecimal encoded hash
 *    value of the uncompressed log file content"; `previousDigestHashValue` is "the hexadecimal
 *    encoded hash value of the uncompressed contents of the previous digest file"; a starting
 *    digest has every previousDigest* field null; the current digest's own signature is the S3
 *    object metadata `x-amz-meta-signature` (hex), algorithm in `x-amz-meta-signature-algorithm`.
 *  - "Custom implementations of CloudTrail log file integrity validation": the data signing string
 *      digestEndTime + '\n' + digestS3Bucket + '/' + digestS3Object + '\n' +
 *      hex(SHA-256(current digest file content)) + '\n' + previousDigestSignature
 *    verified as SHA256withRSA (RSA PKCS#1 v1.5 over SHA-256 of the string); the public key from
 *    `list-public-keys` is "DER encoded ... in PKCS #1 format", chosen by `digestPublicKeyFingerprint`.
 * The AWS CLI's validate-logs (awscli/customizations/cloudtrail/validation.py) settles the two
 * points the prose leaves open: the digest hash in the signing string is of the gunzipped
 * ("inflated") digest, and a null previousDigestSignature is written as the text 'null'.
 */

export interface DigestLogFile {
  s3Bucket: string;
  s3Object: string;
  hashValue: string;
  hashAlgorithm: string;
  newestEventTime?: string | null;
  oldestEventTime?: string | null;
}

export interface Digest {
  awsAccountId: string;
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm: string;
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestHashAlgorithm: string | null;
  previousDigestSignature: string | null;
  logFiles: DigestLogFile[];
}

/** The fields the AWS CLI requires before it validates a digest. */
const REQUIRED = ['digestPublicKeyFingerprint', 'digestS3Bucket', 'digestS3Object', 'previousDigestSignature', 'digestEndTime', 'digestStartTime'] as const;

/** Parses an inflated digest; a string describing the defect when it is not a digest file. */
export function parseDigest(inflated: Buffer): Digest | string {
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(inflated.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'invalid format: not JSON';
  }
  if (!d || typeof d !== 'object' || Array.isArray(d)) return 'invalid format: not a JSON object';
  const missing = REQUIRED.filter((k) => !(k in d));
  if (missing.length) return `invalid format: no ${missing.join(', ')}`;
  if (!Array.isArray(d.logFiles ?? [])) return 'invalid format: logFiles is not a list';
  const logFiles = ((d.logFiles as unknown[]) ?? []).filter(
    (l): l is DigestLogFile => !!l && typeof l === 'object' && typeof (l as DigestLogFile).s3Object === 'string' && typeof (l as DigestLogFile).hashValue === 'string',
  );
  return { ...(d as unknown as Digest), logFiles };
}

export function sha256Hex(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

export function dataToSign(d: Digest, inflatedSha256: string): string {
  return `${d.digestEndTime}\n${d.digestS3Bucket}/${d.digestS3Object}\n${inflatedSha256}\n${d.previousDigestSignature ?? 'null'}`;
}

export function verifyDigestSignature(key: KeyObject, signing: string, signatureHex: string): boolean {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(signatureHex.trim())) return false;
  try {
    return verify('sha256', Buffer.from(signing, 'utf8'), key, Buffer.from(signatureHex.trim(), 'hex'));
  } catch {
    return false;
  }
}

export interface PublicKey {
  fingerprint: string;
  key: KeyObject;
  validityStart: string | null;
  validityEnd: string | null;
}

/**
 * `aws cloudtrail list-public-keys` output: {"PublicKeyList": [{"Value": base64 DER, "Fingerprint",
 * "ValidityStartTime", "ValidityEndTime"}]} (the guide's sample spells it publicKeyList; both read).
 * Value is PKCS#1 RSAPublicKey DER per the API reference, though keys in SubjectPublicKeyInfo
 * form (and PEM text) are accepted too, since the guide's own sample includes one.
 */
export function loadPublicKeys(path: string): Map<string, PublicKey> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new CtlakeError('E_PUBLIC_KEYS', `cannot read --public-keys ${path}: ${(e as Error).message}; save the output of \`aws cloudtrail list-public-keys --start-time ... --output json\``);
  }
  const list = (doc.PublicKeyList ?? doc.publicKeyList) as Record<string, unknown>[] | undefined;
  if (!Array.isArray(list)) {
    throw new CtlakeError('E_PUBLIC_KEYS', `${path} has no PublicKeyList: expected the JSON output of \`aws cloudtrail list-public-keys\``);
  }
  const out = new Map<string, PublicKey>();
  for (const [i, k] of list.entries()) {
    const fingerprint = String(k.Fingerprint ?? '').toLowerCase();
    if (!fingerprint || typeof k.Value !== 'string') {
      throw new CtlakeError('E_PUBLIC_KEYS', `${path}: PublicKeyList[${i}] needs a Fingerprint and a base64 Value`);
    }
    const key = toKey(k.Value);
    if (!key) throw new CtlakeError('E_PUBLIC_KEYS', `${path}: PublicKeyList[${i}] (fingerprint ${fingerprint}) is not an RSA public key (PKCS#1 or SPKI DER, base64)`);
    out.set(fingerprint, { fingerprint, key, validityStart: timeText(k.ValidityStartTime), validityEnd: timeText(k.ValidityEndTime) });
  }
  return out;
}

function toKey(value: string): KeyObject | null {
  if (value.includes('-----BEGIN')) {
    try {
      return createPublicKey(value);
    } catch {
      return null;
    }
  }
  const der = Buffer.from(value, 'base64');
  for (const type of ['pkcs1', 'spki'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      if (key.asymmetricKeyType === 'rsa') return key;
    } catch {
      // try the next encoding
    }
  }
  return null;
}

function timeText(v: unknown): string | null {
  if (v == null) return null;
  // The CLI prints epoch seconds ("1436317441.0") or ISO text depending on its cli_timestamp_format.
  const n = Number(v);
  return Number.isFinite(n) ? new Date(n * 1000).toISOString() : String(v);
}

/**
 * `--signatures FILE`: {"<digest S3 key, s3:// URI, AWSLogs/... path or file name>": "<hex>"}, the
 * values of each digest object's x-amz-meta-signature.
 */
export function loadSignatures(path: string): Map<string, string> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CtlakeError('E_SIGNATURES', `cannot read --signatures ${path}: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new CtlakeError('E_SIGNATURES', `${path} must be a JSON object mapping digest keys (or file names) to x-amz-meta-signature hex values`);
  }
  return new Map(Object.entries(doc as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}
