import { CtlakeError } from '../errors.js';
import { parseAwsTimestamp } from './lookup-time.js';

/**
 * `lookup-events` arguments, validated the way the AWS CLI and the LookupEvents API validate
 * them, with their message texts: botocore's client-side messages verbatim ("Parameter validation
 * failed: ..."), service-side ones as "An error occurred (<Exception>) when calling the
 * LookupEvents operation: ..." plus what to do instead. All are usage errors (exit code 2).
 */

export const ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'] as const;
export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

/** Insights events can only be looked up by these (LookupEvents API reference). */
export const INSIGHT_KEYS: AttributeKey[] = ['EventId', 'EventName', 'EventSource'];

export interface LookupAttribute {
  key: AttributeKey;
  value: string;
}

export function usage(message: string): CtlakeError {
  return new CtlakeError('E_USAGE', message);
}

export function serviceError(exception: string, message: string): CtlakeError {
  return usage(`An error occurred (${exception}) when calling the LookupEvents operation: ${message}`);
}

/**
 * `--lookup-attributes` values: shorthand (`AttributeKey=EventName,AttributeValue=ConsoleLogin`,
 * one list element per argument) or JSON (`[{"AttributeKey": ..., "AttributeValue": ...}]`).
 * LookupEvents takes one attribute per call; more is the service's InvalidLookupAttributesException.
 */
export function parseLookupAttributes(args: string[]): LookupAttribute | undefined {
  const items: Record<string, unknown>[] = [];
  for (const arg of args) {
    const t = arg.trim();
    if (t.startsWith('[') || t.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(t);
      } catch (e) {
        throw usage(`Error parsing parameter '--lookup-attributes': Invalid JSON: ${(e as Error).message}\nJSON received: ${t}`);
      }
      for (const x of Array.isArray(parsed) ? parsed : [parsed]) items.push(x as Record<string, unknown>);
    } else {
      items.push(shorthand(t));
    }
  }
  items.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw usage(`Parameter validation failed:\nInvalid type for parameter LookupAttributes[${i}], value: ${JSON.stringify(item)}, type: <class '${pyType(item)}'>, valid types: <class 'dict'>`);
    }
    for (const k of Object.keys(item)) {
      if (k !== 'AttributeKey' && k !== 'AttributeValue') {
        throw usage(`Parameter validation failed:\nUnknown parameter in LookupAttributes[${i}]: "${k}", must be one of: AttributeKey, AttributeValue`);
      }
    }
    for (const k of ['AttributeKey', 'AttributeValue']) {
      if (!(k in item)) throw usage(`Parameter validation failed:\nMissing required parameter in LookupAttributes[${i}]: "${k}"`);
      if (typeof item[k] !== 'string') {
        throw usage(`Parameter validation failed:\nInvalid type for parameter LookupAttributes[${i}].${k}, value: ${JSON.stringify(item[k])}, type: <class '${pyType(item[k])}'>, valid types: <class 'str'>`);
      }
    }
  });
  if (items.length > 1) {
    throw serviceError(
      'InvalidLookupAttributesException',
      `You can specify only one lookup attribute per call (got ${items.length}); run one lookup per attribute, or use \`ctlake query\` to combine conditions`,
    );
  }
  const [item] = items;
  if (!item) return undefined;
  const key = item.AttributeKey as string;
  const value = item.AttributeValue as string;
  if (!(ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    const near = ATTRIBUTE_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    throw serviceError(
      'InvalidLookupAttributesException',
      `"${key}" is not a lookup attribute key${near ? ` (keys are case-sensitive: did you mean ${near}?)` : ''}; valid keys: ${ATTRIBUTE_KEYS.join(', ')}`,
    );
  }
  if (value.length < 1 || value.length > 2000) {
    throw usage(`Parameter validation failed:\nInvalid length for parameter LookupAttributes[0].AttributeValue, value: ${value.length}, valid min length: 1, valid max length: 2000`);
  }
  return { key: key as AttributeKey, value };
}

/** The AWS CLI shorthand for one structure: `K=V,K=V`, values optionally "quoted" or 'quoted'. */
function shorthand(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = 0;
  const fail = (expected: string) => {
    const got = i < text.length ? text[i] : 'EOF';
    return usage(`Error parsing parameter '--lookup-attributes': Expected: '${expected}', received: '${got}' for input:\n${text}\n${' '.repeat(i)}^`);
  };
  while (i < text.length) {
    const key = /^[^=,]*/.exec(text.slice(i))![0];
    i += key.length;
    if (text[i] !== '=') throw fail('=');
    i++;
    let value = '';
    const q = text[i];
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, i + 1);
      if (end < 0) {
        i = text.length;
        throw fail(q);
      }
      value = text.slice(i + 1, end);
      i = end + 1;
    } else {
      // A backslash escapes a comma inside a value, as in the AWS CLI shorthand.
      while (i < text.length && text[i] !== ',') {
        if (text[i] === '\\' && text[i + 1] === ',') i++;
        value += text[i++];
      }
    }
    out[key.trim()] = value;
    if (i < text.length) {
      if (text[i] !== ',') throw fail(',');
      i++;
    }
  }
  return out;
}

function pyType(v: unknown): string {
  if (v === null) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object') return 'dict';
  return 'str';
}

/** `--start-time` / `--end-time` → epoch microseconds, with botocore's message for bad input. */
export function parseTimeArg(value: string | undefined, param: 'StartTime' | 'EndTime'): number | undefined {
  if (value === undefined) return undefined;
  const t = parseAwsTimestamp(value);
  if (t === null) {
    throw usage(
      `Parameter validation failed:\nInvalid type for parameter ${param}, value: ${value}, type: <class 'str'>, valid types: <class 'datetime.datetime'>, timestamp-string\n` +
        '(accepted: Unix seconds, 2015-01-27, 01-27-2015, "01/27/2015, 13:16", "2015-01-27, 01:16 PM", ISO-8601 such as 2015-01-27T13:16:00Z)',
    );
  }
  return t;
}

export function checkTimeRange(start: number | undefined, end: number | undefined): void {
  if (start !== undefined && end !== undefined && start > end) {
    throw serviceError('InvalidTimeRangeException', 'The start time is after the end time; swap --start-time and --end-time');
  }
}

export function parseMaxItems(v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw usage(`argument --max-items: invalid int value: '${v}' (a whole number of at least 1)`);
  return Number(v);
}
