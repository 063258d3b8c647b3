import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fg from 'fast-glob';
import { generateTree } from '../../src/gen/index.js';
import { ingest } from '../../src/ingest/ingest.js';
import { Db } from '../../src/store/duckdb.js';
import { publicKeysJson, writeDigest, type DigestLink } from '../../src/toolkit/digest-write.js';
import { ctlake, HAVE_SHARED, REALDATA, tempDir } from '../helpers/cli.js';
import { writeZip } from '../helpers/zip-writer.js';

/**
 * `ctlake validate` end to end: a small export of real log files (invictus, or generated ones
 * without ../shared) with three hourly digests signed by a key pair made here, then one defect
 * at a time: a changed byte, a deleted log file, a deleted or altered digest, a wrong key, a
 * forged signature, an added file. Every case goes through the real CLI.
 */

type Rec = Record<string, any>;

const INVICTUS = join(REALDATA, 'invictus-aws-dataset');
const t = tempDir('ctlake-validate-');
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pk = publicKeysJson(keys.publicKey, '2023-01-01T00:00:00Z', '2030-01-01T00:00:00Z');
const KEYS = join(t.dir, 'public-keys.json');
const OTHER_KEYS = join(t.dir, 'other-keys.json');
let source = '';
let logRels: string[] = [];

interface Tree {
  root: string;
  logs: string[];
  digests: (DigestLink & { path: string })[];
  newest: string;
}

/** Copies the nine log files and writes three chained digests (three log files each). */
function buildTree(name: string, privateKey: KeyObject = keys.privateKey): Tree {
  const root = join(t.dir, name);
  for (const rel of logRels) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    cpSync(join(source, rel), join(root, rel));
  }
  const account = /AWSLogs\/(\d{12})\//.exec(logRels[0]!)![1]!;
  const digests: (DigestLink & { path: string })[] = [];
  let previous: DigestLink | null = null;
  for (let i = 0; i < 3; i++) {
    const d = writeDigest({
      root,
      bucket: 'ct-export-bucket',
      account,
      region: 'us-east-1',
      trailName: 'org-trail',
      startTime: `2023-07-10T${11 + i}:00:31Z`,
      endTime: `2023-07-10T${12 + i}:00:31Z`,
      logFiles: logRels.slice(i * 3, i * 3 + 3),
      previous,
      privateKey,
      fingerprint: pk.fingerprint,
    });
    digests.push(d);
    previous = d;
  }
  return { root, logs: logRels.map((r) => join(root, r)), digests, newest: digests[2]!.signature };
}

function validate(args: string[], expectCode: number): { out: Rec; code: number } {
  const r = ctlake(['validate', ...args, '--format', 'json']);
  if (r.code !== expectCode) throw new Error(`validate ${args.join(' ')} exited ${r.code}, expected ${expectCode}:\n${r.stdout}\n${r.stderr}`);
  return { out: JSON.parse(r.stdout) as Rec, code: r.code };
}

const statuses = (list: Rec[]) => list.map((x) => x.status as string).sort();
const byPath = (out: Rec, p: string) => (out.logFiles as Rec[]).find((l) => l.path === p);

beforeAll(async () => {
  writeFileSync(KEYS, pk.doc);
  writeFileSync(OTHER_KEYS, publicKeysJson(otherKeys.publicKey, '2023-01-01T00:00:00Z', '2030-01-01T00:00:00Z').doc);
  if (HAVE_SHARED) {
    source = INVICTUS;
  } else {
    // No ../shared in a fresh clone: generated log files stand in for the real ones.
    source = join(t.dir, 'generated');
    await generateTree({ out: source, events: 900, eventsPerFile: 100, days: 1, seed: 7, accounts: ['218007301253'], regions: ['us-east-1'], workers: 0 });
  }
  logRels = fg.sync('AWSLogs/**/CloudTrail/**/*.json.gz', { cwd: source }).sort().slice(0, 9);
  expect(logRels).toHaveLength(9);
});
afterAll(() => t.cleanup());

describe('validate: an intact export', () => {
  let tree: Tree;
  beforeAll(() => (tree = buildTree('clean')));

  it('with public keys and the newest signature: every digest and log file valid, exit 0', () => {
    const { out } = validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest], 0);
    expect(statuses(out.digests)).toEqual(['valid', 'valid', 'valid']);
    expect((out.digests as Rec[]).every((d) => d.signature === 'verified')).toBe(true);
    expect(statuses(out.logFiles)).toEqual(Array(9).fill('valid'));
    expect(out.summary).toMatchObject({ ok: true, strictOk: true, digests: { total: 3, valid: 3 }, logFiles: { total: 9, valid: 9, uncovered: 0 } });
    expect(out.found).toEqual({ start: '2023-07-10T11:00:31Z', end: '2023-07-10T14:00:31Z' });
  });

  it('prints the AWS CLI style summary', () => {
    const r = ctlake(['validate', tree.root, '--public-keys', KEYS, '--signature', tree.newest]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Results requested for all digest files given');
    expect(r.stdout).toContain('Results found for 2023-07-10T11:00:31Z to 2023-07-10T14:00:31Z:');
    expect(r.stdout).toContain('3/3 digest files valid');
    expect(r.stdout).toContain('9/9 log files valid');
    expect(r.stdout).not.toContain('INVALID');
  });

  it('without the newest signature: the newest digest is unverifiable, older ones are proven by the chain', () => {
    const { out } = validate([tree.root, '--public-keys', KEYS], 0);
    const [d1, d2, d3] = out.digests as Rec[];
    expect([d1!.status, d2!.status, d3!.status]).toEqual(['valid', 'valid', 'unverifiable']);
    expect(d3!.reason).toMatch(/x-amz-meta-signature/);
    expect(validate([tree.root, '--public-keys', KEYS, '--strict'], 1).out.summary.strictOk).toBe(false);
  });

  it('--signatures FILE maps a digest to its signature', () => {
    const map = join(t.dir, 'signatures.json');
    writeFileSync(map, JSON.stringify({ [tree.digests[2]!.s3Object]: tree.newest }));
    expect(statuses(validate([tree.root, '--public-keys', KEYS, '--signatures', map], 0).out.digests)).toEqual(['valid', 'valid', 'valid']);
  });

  it('without public keys: hashes and chain checked, signatures reported unverifiable', () => {
    const { out } = validate([tree.root], 0);
    expect(statuses(out.digests)).toEqual(['unverifiable', 'unverifiable', 'unverifiable']);
    expect(statuses(out.logFiles)).toEqual(Array(9).fill('valid'));
    expect(ctlake(['validate', tree.root]).stdout).toContain('Digest signatures were not checked: pass --public-keys FILE');
  });

  it('a zip of the export validates the same way', () => {
    const zip = join(t.dir, 'export.zip');
    const files = fg.sync('AWSLogs/**/*.json.gz', { cwd: tree.root }).sort();
    writeZip(zip, files.map((f) => ({ name: f, data: readFileSync(join(tree.root, f)) })));
    const { out } = validate([zip, '--public-keys', KEYS, '--signature', tree.newest], 0);
    expect(statuses(out.digests)).toEqual(['valid', 'valid', 'valid']);
    expect(statuses(out.logFiles)).toEqual(Array(9).fill('valid'));
    expect((out.logFiles as Rec[])[0]!.path).toContain('export.zip!/AWSLogs/');
  });

  it('without PATH: validates the digest files the store recorded at ingest', async () => {
    const dbFile = join(t.dir, 'ledger.duckdb');
    const db = await Db.open(dbFile, { threads: 2 });
    try {
      const s = await ingest(db, { paths: [tree.root], jobs: 0 });
      expect(s.digestFiles).toBe(3);
    } finally {
      db.close();
    }
    const { out } = validate(['--db', dbFile, '--public-keys', KEYS, '--signature', tree.newest], 0);
    expect(statuses(out.digests)).toEqual(['valid', 'valid', 'valid']);
    expect(statuses(out.logFiles)).toEqual(Array(9).fill('valid'));
  });
});

describe('validate: defects', () => {
  it('one byte changed inside a log file: modified, exit 1', () => {
    const tree = buildTree('one-byte');
    const victim = tree.logs[4]!;
    const text = gunzipSync(readFileSync(victim));
    const i = text.indexOf('"eventName":"') + 13;
    text[i] = text[i] === 0x41 ? 0x42 : 0x41; // one character of an eventName
    writeFileSync(victim, gzipSync(text));
    const { out } = validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest], 1);
    expect(byPath(out, victim)).toMatchObject({ status: 'modified', reason: "hash value doesn't match" });
    expect(out.summary.logFiles).toMatchObject({ total: 9, valid: 8, modified: 1 });
    expect(statuses(out.digests)).toEqual(['valid', 'valid', 'valid']);
    const text2 = ctlake(['validate', tree.root, '--public-keys', KEYS, '--signature', tree.newest]).stdout;
    expect(text2).toContain(`Log file\t${victim}\tINVALID: hash value doesn't match`);
    expect(text2).toContain('8/9 log files valid, 1/9 log files INVALID (1 modified)');
  });

  it('one byte flipped in the gzip stream: modified (cannot decompress)', () => {
    const tree = buildTree('gzip-flip');
    const victim = tree.logs[0]!;
    const b = readFileSync(victim);
    b[Math.floor(b.length / 2)]! ^= 0x01;
    writeFileSync(victim, b);
    const { out } = validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest], 1);
    expect(byPath(out, victim)!.status).toBe('modified');
  });

  it('a deleted log file: missing, exit 1', () => {
    const tree = buildTree('deleted-log');
    unlinkSync(tree.logs[7]!);
    const { out } = validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest], 1);
    const missing = (out.logFiles as Rec[]).filter((l) => l.status === 'missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.s3Uri).toBe(`s3://ct-export-bucket/${logRels[7]}`);
    expect(out.summary.logFiles).toMatchObject({ total: 9, valid: 8, missing: 1 });
    expect(ctlake(['validate', tree.root]).stdout).toContain(`Log file\ts3://ct-export-bucket/${logRels[7]}\tINVALID: not found`);
  });

  it('a deleted digest in the middle of the chain: digest missing, its log files no longer covered, exit 1', () => {
    const tree = buildTree('deleted-digest');
    unlinkSync(tree.digests[1]!.path);
    const { out } = validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest], 1);
    const missing = (out.digests as Rec[]).find((d) => d.status === 'missing')!;
    expect(missing.s3Uri).toBe(`s3://ct-export-bucket/${tree.digests[1]!.s3Object}`);
    expect(statuses(out.logFiles)).toEqual([...Array(3).fill('uncovered'), ...Array(6).fill('valid')].sort());
    // The oldest digest's signature was in the deleted one: it can no longer be proven.
    expect((out.digests as Rec[]).find((d) => d.path === tree.digests[0]!.path)!.status).toBe('unverifiable');
  });

  it('an altered digest (a hash rewritten to match a forged log): invalid by chain and signature, its logs unvouched', () => {
    const tree = buildTree('altered-digest');
    const victim = tree.logs[1]!;
    const forged = gunzipSync(readFileSync(victim)).toString('utf8').replace(/"eventName":"([^"]+)"/, '"eventName":"Forged$1"');
    writeFileSync(victim, gzipSync(forged));
    const d = JSON.parse(gunzipSync(readFileSync(tree.digests[0]!.path)).toString('utf8')) as Rec;
    d.logFiles[1].hashValue = createHash('sha256').update(forged).digest('hex');
    writeFileSync(tree.digests[0]!.path, gzipSync(JSON.stringify(d)));

    const noKeys = validate([tree.root], 1).out;
    const first = (noKeys.digests as Rec[]).find((x) => x.path === tree.digests[0]!.path)!;
    expect(first.status).toBe('invalid');
    expect(first.reason).toMatch(/previousDigestHashValue/);
    expect(byPath(noKeys, victim)).toMatchObject({ status: 'unverifiable' });

    const withKeys = validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest], 1).out;
    const first2 = (withKeys.digests as Rec[]).find((x) => x.path === tree.digests[0]!.path)!;
    expect(first2).toMatchObject({ status: 'invalid', signature: 'failed' });
  });

  it('digests signed by another key, or a forged newest signature: invalid', () => {
    const tree = buildTree('other-key', otherKeys.privateKey);
    const r = validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest], 1).out;
    expect(statuses(r.digests)).toEqual(['invalid', 'invalid', 'invalid']);
    expect((r.digests as Rec[])[0]!.reason).toMatch(/signature verification failed/);

    const clean = buildTree('forged-signature');
    const forged = clean.newest.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const f = validate([clean.root, '--public-keys', KEYS, '--signature', forged], 1).out;
    expect(statuses(f.digests)).toEqual(['invalid', 'valid', 'valid']);

    const wrongKeys = validate([clean.root, '--public-keys', OTHER_KEYS, '--signature', clean.newest], 1).out;
    expect((wrongKeys.digests as Rec[])[0]!.reason).toMatch(/public key not found for fingerprint/);
  });

  it('a log file added after the fact: not covered by any digest (exit 0, or 1 with --strict)', () => {
    const tree = buildTree('added-log');
    const extra = join(dirname(tree.logs[0]!), '218007301253_CloudTrail_us-east-1_20230710T1300Z_AddedAfterwards1.json.gz');
    writeFileSync(extra, readFileSync(tree.logs[0]!));
    const { out } = validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest], 0);
    expect(byPath(out, extra)).toMatchObject({ status: 'uncovered' });
    expect(out.summary.logFiles).toMatchObject({ total: 9, valid: 9, uncovered: 1 });
    validate([tree.root, '--public-keys', KEYS, '--signature', tree.newest, '--strict'], 1);
    expect(ctlake(['validate', tree.root]).stdout).toContain('1 log file not covered by any digest');
  });

  it('--start-time / --end-time keep the digests that cover the period', () => {
    const tree = buildTree('time-range');
    const { out } = validate([tree.root, '--public-keys', KEYS, '--start-time', '2023-07-10T12:30:00Z', '--end-time', '2023-07-10T13:30:00Z'], 0);
    expect((out.digests as Rec[]).map((d) => d.digestEndTime)).toEqual(['2023-07-10T13:00:31Z', '2023-07-10T14:00:31Z']);
    expect(out.requested).toEqual({ start: '2023-07-10T12:30:00Z', end: '2023-07-10T13:30:00Z' });
    expect(out.summary.logFiles.total).toBe(6);
  });
});

describe('validate: usage errors', () => {
  it('ledger mode on a store without digests says what to do', async () => {
    const dbFile = join(t.dir, 'nodigest.duckdb');
    const db = await Db.open(dbFile, { threads: 2 });
    try {
      const root = join(t.dir, 'logs-only');
      for (const rel of logRels.slice(0, 2)) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        cpSync(join(source, rel), join(root, rel));
      }
      await ingest(db, { paths: [root], jobs: 0 });
    } finally {
      db.close();
    }
    const r = ctlake(['--db', dbFile, 'validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no digest files recorded: ingest the export with its CloudTrail-Digest\/ folders/);
  });

  it('a bad --public-keys file and a bad --signature are refused', () => {
    const bad = join(t.dir, 'bad-keys.json');
    writeFileSync(bad, '{"Keys": []}');
    expect(ctlake(['validate', t.dir, '--public-keys', bad]).stderr).toMatch(/no PublicKeyList/);
    expect(ctlake(['validate', t.dir, '--signature', 'xyz']).code).toBe(2);
  });
});
