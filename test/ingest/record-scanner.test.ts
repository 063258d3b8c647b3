import { describe, it, expect } from 'vitest';
import { RecordScanner, ScanError, type ScannedRecord } from '../../src/ingest/record-scanner.js';

function scan(doc: string | Buffer, chunk = 0): { records: { text: string; index: number; isObject: boolean; eventTime?: string }[] } {
  const records: { text: string; index: number; isObject: boolean; eventTime?: string }[] = [];
  const s = new RecordScanner((r: ScannedRecord) =>
    records.push({ text: r.text.toString('utf8'), index: r.index, isObject: r.isObject, eventTime: r.eventTime }),
  );
  const buf = Buffer.isBuffer(doc) ? doc : Buffer.from(doc);
  if (!chunk) s.push(buf);
  else for (let i = 0; i < buf.length; i += chunk) s.push(buf.subarray(i, i + chunk));
  s.end();
  return { records };
}

function scanError(doc: string, chunk = 0): ScanError {
  try {
    scan(doc, chunk);
  } catch (e) {
    if (e instanceof ScanError) return e;
    throw e;
  }
  throw new Error('expected a ScanError');
}

const ev = (i: number, extra = '') =>
  `{"eventVersion":"1.08","eventTime":"2024-03-01T00:00:0${i}Z","eventID":"e${i}","requestParameters":{"a":[1,2.5e3,-0.1],"b":{"c":null,"d":true,"e":false}},"s":"q\\"uo\\u003cte\\\\"${extra}}`;

describe('RecordScanner', () => {
  it('splits compact documents into records, byte-for-byte', () => {
    const recs = [ev(1), ev(2), ev(3)];
    const { records } = scan(`{"Records":[${recs.join(',')}]}`);
    expect(records.map((r) => r.text)).toEqual(recs);
    expect(records.map((r) => r.eventTime)).toEqual(['2024-03-01T00:00:01Z', '2024-03-01T00:00:02Z', '2024-03-01T00:00:03Z']);
    expect(records.every((r) => r.isObject)).toBe(true);
  });

  it('compacts pretty-printed documents but keeps string contents intact', () => {
    const obj = { Records: [{ eventTime: '2024-01-01T00:00:00Z', msg: 'two  spaces\tand\nnewline', n: [1, { x: ' y ' }] }] };
    const { records } = scan(JSON.stringify(obj, null, 4));
    expect(records[0]!.text).toBe(JSON.stringify(obj.Records[0]));
  });

  it('gives the same result for every chunk size', () => {
    const doc = JSON.stringify({ Records: [JSON.parse(ev(1)), JSON.parse(ev(2)), 'x', 5, null, [], {}] }, null, 2);
    const whole = scan(doc).records;
    for (const size of [1, 2, 3, 7, 13, 64]) expect(scan(doc, size).records).toEqual(whole);
    expect(whole.map((r) => r.isObject)).toEqual([true, true, false, false, false, false, true]);
    expect(whole.map((r) => JSON.parse(r.text))).toEqual(JSON.parse(doc).Records);
  });

  it('accepts other top-level keys and an empty Records array', () => {
    expect(scan('{"x":[{"eventTime":"no"}],"Records":[],"y":{"z":[1]}}').records).toEqual([]);
    expect(scan(' {"Records":[ {"eventTime" : "t"} ] } \n').records[0]!.eventTime).toBe('t');
  });

  it('does not take a nested eventTime for the record\'s own', () => {
    const { records } = scan('{"Records":[{"a":{"eventTime":"inner"}},{"eventTime":5}]}');
    expect(records.map((r) => r.eventTime)).toEqual([undefined, undefined]);
  });

  it('matches JSON.parse on random valid documents split at random points', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const value = (d: number): unknown => {
      const k = Math.floor(rnd() * (d > 3 ? 4 : 7));
      if (k === 0) return Math.floor(rnd() * 1e6) * (rnd() < 0.5 ? -1 : 1) / (rnd() < 0.5 ? 1 : 1000);
      if (k === 1) return 'str\u00e9\u20ac"\\/\b\n' + rnd();
      if (k === 2) return rnd() < 0.5;
      if (k === 3) return null;
      if (k === 4 || k === 5) return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => [`k${i}`, value(d + 1)]));
      return Array.from({ length: Math.floor(rnd() * 4) }, () => value(d + 1));
    };
    for (let t = 0; t < 200; t++) {
      const records = Array.from({ length: Math.floor(rnd() * 5) }, () => ({ eventTime: 'x', v: value(0) }));
      const doc = JSON.stringify({ Records: records }, null, rnd() < 0.5 ? 0 : 2);
      const got = scan(doc, 1 + Math.floor(rnd() * 40)).records;
      expect(got.map((r) => JSON.parse(r.text))).toEqual(records);
    }
  });

  it('handles multi-byte UTF-8 split across chunks', () => {
    const doc = JSON.stringify({ Records: [{ eventTime: 'é€😀', k: '日本語' }] });
    for (let size = 1; size < 6; size++) expect(JSON.parse(scan(doc, size).records[0]!.text).k).toBe('日本語');
    expect(scan(doc, 1).records[0]!.eventTime).toBe('é€😀');
  });

  it.each([
    ['', 'the file is empty'],
    ['{"Records":[{"a":1}', 'unexpected end of data'],
    ['{"Records":[{"a":1},,]}', 'expected a value'],
    ['{"Records":[{"a":1,,}]}', 'expected a key'],
    ['{"Records":[{"a":Nan}]}', 'invalid literal'],
    ['{"Records":[{"a":tru}]}', 'invalid literal'],
    ['{"Records":[{"a":01}]}', 'invalid number'],
    ['{"Records":[{"a":"x\\q"}]}', 'invalid escape'],
    ['{"Records":[{"a":"x\ny"}]}', 'control character'],
    ['{"Records":[{a:1}]}', 'expected a key'],
    ['{"Records":{}}', '"Records" is not an array'],
    ['{"records":[]}', 'no "Records" array'],
    ['[{"eventTime":"x"}]', 'not a JSON object'],
    ['{"Records":[]} {}', 'unexpected data after the document'],
    ['{"Records":[{"a" 1}]}', 'expected ":"'],
    ['{"Records":[{"a":1} {"b":2}]}', 'expected "," or "]"'],
  ])('rejects %j with "%s" and a byte offset', (doc, msg) => {
    for (const chunk of [0, 1, 5]) {
      const e = scanError(doc, chunk);
      expect(e.message).toContain(msg);
      expect(e.message).toMatch(/at byte \d+$/);
    }
  });

  it('accepts what DuckDB\'s JSON reader accepts: trailing commas, NaN and Infinity', () => {
    // Most files are read by DuckDB itself; a file must not pass or fail depending on the reader.
    const doc = '{"Records":[{"eventTime":"t","a":[1,2,],"b":NaN,"c":-Infinity,"d":Infinity,},],}';
    for (const chunk of [0, 1, 5]) {
      const r = scan(doc, chunk);
      expect(r.records).toHaveLength(1);
      expect(r.records[0]!.text.toString()).toBe('{"eventTime":"t","a":[1,2,],"b":NaN,"c":-Infinity,"d":Infinity,}');
    }
  });

  it('reports the offset of the defect', () => {
    expect(scanError('{"Records":[{"a":tru}]}').offset).toBe(20);
  });
});
