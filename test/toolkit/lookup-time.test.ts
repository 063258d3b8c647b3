import { describe, expect, it } from 'vitest';
import { awsCliTime, parseAwsTimestamp } from '../../src/toolkit/lookup-time.js';
import { parseLookupAttributes } from '../../src/toolkit/lookup-args.js';

/** The timestamp forms the AWS CLI (botocore + dateutil) accepts, and the ones it refuses. */

const us = (iso: string) => Date.parse(iso) * 1000;

describe('parseAwsTimestamp', () => {
  const cases: [string, string][] = [
    ['1422364560', '2015-01-27T13:16:00Z'],
    ['2015-01-27', '2015-01-27T00:00:00Z'],
    ['2015/01/27', '2015-01-27T00:00:00Z'],
    ['01-27-2015', '2015-01-27T00:00:00Z'],
    ['01/27/2015', '2015-01-27T00:00:00Z'],
    ['27-01-2015', '2015-01-27T00:00:00Z'], // first number cannot be a month: dateutil swaps
    ['01-02-2015', '2015-01-02T00:00:00Z'], // month first
    ['01-27-2015, 01:16PM', '2015-01-27T13:16:00Z'],
    ['01-27-2015, 12:16AM', '2015-01-27T00:16:00Z'],
    ['01/27/2015, 13:16', '2015-01-27T13:16:00Z'],
    ['2015-01-27, 01:16 PM', '2015-01-27T13:16:00Z'],
    ['2015-01-27 13:16:00', '2015-01-27T13:16:00Z'],
    ['2015-01-27T13:16', '2015-01-27T13:16:00Z'],
    ['2015-01-27T13:16:00Z', '2015-01-27T13:16:00Z'],
    ['2015-01-27T13:16:00.250Z', '2015-01-27T13:16:00.250Z'],
    ['2015-01-27T13:16:00+01:00', '2015-01-27T12:16:00Z'],
    ['2015-01-27T13:16:00-0500', '2015-01-27T18:16:00Z'],
    ['2015-01-27T13:16:00 UTC', '2015-01-27T13:16:00Z'],
    ['20150127T131600Z', '2015-01-27T13:16:00Z'],
  ];
  for (const [text, iso] of cases) it(`reads "${text}"`, () => expect(parseAwsTimestamp(text)).toBe(us(iso)));

  it('keeps fractions of Unix seconds', () => expect(parseAwsTimestamp('1422364560.5')).toBe(1422364560_500_000));

  for (const bad of ['', 'yesterday', '2015-13-01', '2015-02-30', '2015-01-27T25:00', '01-27-2015, 13:16PM', '2015-01-27 garbage']) {
    it(`refuses "${bad}"`, () => expect(parseAwsTimestamp(bad)).toBeNull());
  }

  it('prints EventTime as the AWS CLI v2 does (UTC)', () => {
    expect(awsCliTime(us('2024-03-01T12:00:00Z'))).toBe('2024-03-01T12:00:00+00:00');
    expect(awsCliTime(us('2024-03-01T12:00:00.250Z'))).toBe('2024-03-01T12:00:00.250000+00:00');
  });
});

describe('parseLookupAttributes', () => {
  it('reads the shorthand, quoted values and escaped commas', () => {
    expect(parseLookupAttributes(['AttributeKey=EventName,AttributeValue=ConsoleLogin'])).toEqual({ key: 'EventName', value: 'ConsoleLogin' });
    expect(parseLookupAttributes(['AttributeKey=ResourceName,AttributeValue="a,b"'])).toEqual({ key: 'ResourceName', value: 'a,b' });
    expect(parseLookupAttributes(['AttributeKey=ResourceName,AttributeValue=a\\,b'])).toEqual({ key: 'ResourceName', value: 'a,b' });
  });

  it('points at a malformed shorthand', () => {
    expect(() => parseLookupAttributes(['AttributeKey'])).toThrow(/Expected: '=', received: 'EOF'/);
  });
});
