import type { LookupEvent } from './lookup-events.js';

/**
 * The AWS CLI's renderings of a lookup-events response, so scripts written against
 * `aws cloudtrail lookup-events` read ctlake's output unchanged:
 * - json: Python's json.dump(indent=4) with ensure_ascii, i.e. JSON.stringify(…, 4) plus \uXXXX
 *   escapes for everything outside printable ASCII;
 * - text: a port of awscli/text.py, one API page (50 events) at a time like the CLI's paginator;
 * - fields: the `jq -r '"\(.a) -- \(.b)"'` one-liner over CloudTrailEvent, without jq.
 * Each writer is fed page by page so a whole-store lookup never sits in memory at once.
 */

export type Write = (s: string) => void;

/** Python's json ensure_ascii: escape every code unit outside ' '..'~' that JSON.stringify left raw. */
export function pyJson(value: unknown, indent = 4): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export class JsonWriter {
  private count = 0;
  constructor(private readonly write: Write) {}

  page(events: LookupEvent[]): void {
    for (const ev of events) {
      const body = pyJson(ev).replace(/\n/g, '\n        ');
      this.write(`${this.count++ ? ',\n' : '{\n    "Events": [\n'}        ${body}`);
    }
  }

  end(nextToken: string | undefined): void {
    const events = this.count ? '\n    ]' : '{\n    "Events": []';
    this.write(`${events}${nextToken ? `,\n    "NextToken": ${pyJson(nextToken)}` : ''}\n}\n`);
  }
}

/** awscli/text.py, specialised to {"Events": [...]} pages and the trailing NextToken. */
export class TextWriter {
  constructor(private readonly write: Write) {}

  page(events: LookupEvent[]): void {
    for (let i = 0; i < events.length; i += 50) formatList(events.slice(i, i + 50) as unknown as Obj[], 'Events', this.write);
  }

  end(nextToken: string | undefined): void {
    if (nextToken) this.write(`NEXTTOKEN\t${nextToken}\n`);
  }
}

type Obj = Record<string, unknown>;
const isNested = (v: unknown) => typeof v === 'object' && v !== null;

function formatList(items: unknown[], identifier: string, write: Write): void {
  if (!items.length) return;
  if (items.some((x) => isNested(x) && !Array.isArray(x))) {
    const keys = [...new Set(items.flatMap((x) => Object.entries(x as Obj).filter(([, v]) => !isNested(v)).map(([k]) => k)))].sort();
    for (const x of items) formatDict(x as Obj, identifier, keys, write);
  } else {
    for (const x of items) write(`${identifier.toUpperCase()}\t${String(x)}\n`);
  }
}

function formatDict(item: Obj, identifier: string, scalarKeys: string[], write: Write): void {
  const scalars = scalarKeys.map((k) => (item[k] === undefined ? '' : String(item[k])));
  if (scalars.length) write(`${[identifier.toUpperCase(), ...scalars].join('\t')}\n`);
  for (const k of Object.keys(item).filter((k) => !scalarKeys.includes(k)).sort()) {
    const v = item[k];
    if (Array.isArray(v)) formatList(v, k, write);
    else if (isNested(v)) formatDict(v as Obj, k, Object.keys(v as Obj).filter((x) => !isNested((v as Obj)[x])).sort(), write);
    else write(`${String(v)}\n`);
  }
}

/**
 * `--fields a,b.c,d[0].e`: values from each event's JSON, joined with " -- ", as jq's string
 * interpolation prints them (strings raw, absent or null as "null", objects as compact JSON).
 */
export class FieldsWriter {
  private readonly paths: (string | number)[][];
  constructor(
    private readonly write: Write,
    fields: string,
  ) {
    this.paths = fields.split(',').map((f) => parseFieldPath(f.trim()));
  }

  page(events: LookupEvent[]): void {
    for (const ev of events) {
      const doc = JSON.parse(ev.CloudTrailEvent) as unknown;
      this.write(`${this.paths.map((p) => jqText(dig(doc, p))).join(' -- ')}\n`);
    }
  }
}

export function parseFieldPath(f: string): (string | number)[] {
  const src = f.replace(/^\$?\.?/, '');
  if (!src) throw Object.assign(new Error(`--fields: empty field name in "${f}"; give names like eventTime,userIdentity.arn`), { code: 'E_USAGE' });
  const out: (string | number)[] = [];
  for (const part of src.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || (!m[1] && !m[2])) throw Object.assign(new Error(`--fields: cannot read "${f}"; use dotted names with optional [n] indexes, e.g. resources[0].ARN`), { code: 'E_USAGE' });
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function dig(v: unknown, path: (string | number)[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur === undefined ? null : cur;
}

function jqText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
