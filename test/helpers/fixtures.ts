import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeZip } from './zip-writer.js';

/** Small hand-made CloudTrail events and export trees, written to real files for tests. */

export function event(i: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::111122223333:user/user${i % 3}`, accountId: '111122223333', userName: `user${i % 3}` },
    eventTime: `2024-03-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
    eventSource: i % 2 ? 'iam.amazonaws.com' : 's3.amazonaws.com',
    eventName: i % 2 ? 'ListUsers' : 'GetObject',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: { bucketName: 'b', maxResults: i },
    responseElements: null,
    requestID: `req-${i}`,
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...over,
  };
}

export const doc = (records: unknown[]) => JSON.stringify({ Records: records });
export const gz = (text: string) => gzipSync(Buffer.from(text));

export const DAY_DIR = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01';
export const fileName = (tag: string) => `111122223333_CloudTrail_us-east-1_20240301T0000Z_${tag}.json.gz`;

export interface BadTree {
  root: string;
  /** Events that must be stored. */
  goodEvents: number;
  /** File (or entry) path fragments that must be reported as rejected, each with a reason fragment. */
  expectRejected: { file: string; reason: RegExp }[];
}

/** A day folder of good files and files each named after its defect. */
export function writeBadTree(root: string): BadTree {
  const day = join(root, DAY_DIR);
  mkdirSync(day, { recursive: true });
  const put = (name: string, data: Buffer | string) => writeFileSync(join(day, name), data);
  let n = 0;
  const events = (k: number) => Array.from({ length: k }, () => event(n++));

  put(fileName('good-1'), gz(doc(events(50))));
  put(fileName('good-2'), gz(JSON.stringify({ Records: events(30) }, null, 2)));
  put('plain-json-named-gz.json.gz', doc(events(5))); // not gzip at all: detected by magic bytes
  const truncated = gz(doc(events(40)));
  n -= 40; // those events never load
  put('truncated.json.gz', truncated.subarray(0, Math.floor(truncated.length / 2)));
  const corrupt = Buffer.from(gz(doc(Array.from({ length: 20 }, (_, i) => event(1000 + i)))));
  corrupt[Math.floor(corrupt.length / 2)]! ^= 0xff;
  put('corrupt.json.gz', corrupt);
  put('not-json.json.gz', gz('this is not JSON at all\n'));
  put('invalid-json.json.gz', gz('{"Records":[{"eventTime":"2024-03-01T00:00:00Z" "eventName":"x"}]}'));
  put('no-records.json.gz', gz('{"Events":[]}'));
  put('empty.json.gz', Buffer.alloc(0));
  // One good record, two bad ones: the file loads, the bad records are reported.
  put('bad-records.json.gz', gz(doc([event(n++), 'a string', { eventName: 'NoTime' }, event(n++)])));

  const zips = join(root, 'zips');
  mkdirSync(zips, { recursive: true });
  writeZip(join(zips, 'good.zip'), [{ name: `${DAY_DIR}/${fileName('zipped')}`, data: gz(doc(events(10))) }]);
  writeZip(join(zips, 'zip-bomb.zip'), [
    { name: `${DAY_DIR}/${fileName('bomb')}`, data: Buffer.alloc(1024, 0x20), deflate: true, declaredSize: 50 * 1024 ** 3 },
  ]);
  writeZip(join(zips, 'path-traversal.zip'), [{ name: `../../${fileName('escape')}`, data: gz(doc([event(5000)])) }]);

  return {
    root,
    goodEvents: n,
    expectRejected: [
      { file: 'truncated.json.gz', reason: /truncated|ends early/ },
      { file: 'corrupt.json.gz', reason: /corrupt gzip|invalid/ },
      { file: 'not-json.json.gz', reason: /invalid JSON|not a CloudTrail/ },
      { file: 'invalid-json.json.gz', reason: /invalid JSON: expected "," or "}" at byte 48/ },
      { file: 'no-records.json.gz', reason: /no "Records" array/ },
      { file: 'empty.json.gz', reason: /empty/ },
      { file: 'bad-records.json.gz', reason: /record 1 is not a JSON object; record 2 has no eventTime/ },
      { file: 'zip-bomb.zip!/', reason: /zip bomb/ },
      { file: 'path-traversal.zip!/', reason: /unsafe entry name/ },
    ],
  };
}
