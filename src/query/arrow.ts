import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import * as A from 'apache-arrow';
import { CtlakeError } from '../errors.js';
import { uniqueNames } from './format.js';
import { toJsonValue, toText } from './values.js';

/**
 * DuckDB result chunks → Arrow record batches with real Arrow types, nested ones included:
 * STRUCT → Struct, LIST → List, MAP → Map<Utf8, …> (so userIdentity, resources and
 * requestParameters arrive in pandas / polars / pyarrow as structs, lists and maps).
 * TIMESTAMP → Timestamp(µs) (TIMESTAMPTZ with zone UTC); BIGINT and HUGEINT → Int64 (a HUGEINT
 * beyond int64 is refused rather than rounded); DECIMAL → Float64; types Arrow JS cannot
 * build (INTERVAL, TIME, UNION, BIT...) → Utf8 text, nested ones as JSON text.
 */

interface Conv {
  type: A.DataType;
  /** DuckDB JS value (from getRowsJS) → the value the Arrow builder takes. */
  value: (v: unknown) => unknown;
}

function conv(t: DuckDBType): Conv {
  const same = (type: A.DataType): Conv => ({ type, value: (v) => v });
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return same(new A.Bool());
    case DuckDBTypeId.TINYINT:
      return same(new A.Int8());
    case DuckDBTypeId.SMALLINT:
      return same(new A.Int16());
    case DuckDBTypeId.INTEGER:
      return same(new A.Int32());
    case DuckDBTypeId.UTINYINT:
      return same(new A.Uint8());
    case DuckDBTypeId.USMALLINT:
      return same(new A.Uint16());
    case DuckDBTypeId.UINTEGER:
      return same(new A.Uint32());
    case DuckDBTypeId.BIGINT:
      return same(new A.Int64());
    case DuckDBTypeId.UBIGINT:
      return same(new A.Uint64());
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      // SUM() of a BIGINT is a HUGEINT in DuckDB: keep it an integer column.
      return { type: new A.Int64(), value: (v) => fitInt64(v as bigint) };
    case DuckDBTypeId.FLOAT:
      return same(new A.Float32());
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return { type: new A.Float64(), value: (v) => Number(v) };
    case DuckDBTypeId.VARCHAR:
      return same(new A.Utf8());
    case DuckDBTypeId.BLOB:
      return same(new A.Binary());
    case DuckDBTypeId.DATE:
      return { type: new A.DateDay(), value: (v) => (v instanceof Date ? v : new Date(`${String(v)}T00:00:00Z`)) };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_S:
      return { type: new A.TimestampMicrosecond(), value: toDate };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { type: new A.TimestampMicrosecond('UTC'), value: toDate };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const c = conv(t.valueType);
      return { type: new A.List(new A.Field('item', c.type, true)), value: (v) => (v as unknown[]).map((x) => nullOr(x, c.value)) };
    }
    case DuckDBTypeId.STRUCT: {
      const names = uniqueNames(t.entryNames);
      const cs = t.entryTypes.map(conv);
      return {
        type: new A.Struct(names.map((n, i) => new A.Field(n, cs[i]!.type, true))),
        value: (v) => {
          const o = v as Record<string, unknown>;
          const out: Record<string, unknown> = {};
          t.entryNames.forEach((n, i) => (out[names[i]!] = nullOr(o[n], cs[i]!.value)));
          return out;
        },
      };
    }
    case DuckDBTypeId.MAP: {
      const k = conv(t.keyType);
      const val = conv(t.valueType);
      const entries = new A.Struct([new A.Field('key', k.type, false), new A.Field('value', val.type, true)]);
      return {
        type: new A.Map_(new A.Field('entries', entries, false)),
        value: (v) => new Map((v as { key: unknown; value: unknown }[]).map((e) => [k.value(e.key), nullOr(e.value, val.value)])),
      };
    }
    default:
      return { type: new A.Utf8(), value: (v) => toText(toJsonValue(v, t)) };
  }
}

const nullOr = (v: unknown, f: (v: unknown) => unknown) => (v === null || v === undefined ? null : f(v));

function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(String(v));
}

const I64_MAX = 2n ** 63n - 1n;

function fitInt64(v: bigint): bigint {
  if (v > I64_MAX || v < -I64_MAX - 1n) {
    throw new CtlakeError('E_ARROW_RANGE', `the value ${v} does not fit Arrow's int64: CAST that column to DOUBLE or VARCHAR in the query`);
  }
  return v;
}

/** Builds record batches for one result shape. */
export class ArrowBatches {
  readonly schema: A.Schema;
  private readonly convs: Conv[];

  constructor(names: string[], types: DuckDBType[]) {
    this.convs = types.map(conv);
    const unique = uniqueNames(names);
    this.schema = new A.Schema(unique.map((n, i) => new A.Field(n, this.convs[i]!.type, true)));
  }

  batch(rows: unknown[][]): A.RecordBatch {
    const children = this.convs.map((c, i) => {
      // One builder per column and batch: its flush is a single Data, which is what a batch needs.
      const b = A.makeBuilder({ type: c.type, nullValues: [null, undefined] });
      for (const r of rows) b.append(nullOr(r[i], c.value));
      return b.flush();
    });
    const data = A.makeData({ type: new A.Struct(this.schema.fields), length: rows.length, nullCount: 0, children });
    return new A.RecordBatch(this.schema, data);
  }
}
