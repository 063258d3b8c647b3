import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';

/**
 * DuckDB values (as @duckdb/node-api's getRowsJS gives them) → plain JSON values that keep their
 * types: numbers stay numbers (BIGINTs beyond 2^53 become strings rather than lose digits), maps
 * become objects, timestamps become ISO-8601 UTC strings.
 */
export function toJsonValue(v: unknown, type: DuckDBType): unknown {
  if (v === null || v === undefined) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT: {
      const n = v as bigint;
      return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(n) : n.toString();
    }
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return v instanceof Date ? v.toISOString() : String(v);
    case DuckDBTypeId.DATE:
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    case DuckDBTypeId.MAP: {
      const out: Record<string, unknown> = {};
      for (const e of v as { key: unknown; value: unknown }[]) out[String(e.key)] = toJsonValue(e.value, type.valueType);
      return out;
    }
    case DuckDBTypeId.STRUCT: {
      const out: Record<string, unknown> = {};
      const o = v as Record<string, unknown>;
      type.entryNames.forEach((name, i) => (out[name] = toJsonValue(o[name], type.entryTypes[i]!)));
      return out;
    }
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return (v as unknown[]).map((x) => toJsonValue(x, type.valueType));
    case DuckDBTypeId.BLOB:
      return Buffer.from(v as Uint8Array).toString('base64');
    default:
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Date) return v.toISOString();
      if (typeof v === 'object') return String(v);
      return v;
  }
}

/** A value as one line of text for tables and CSV: scalars as text, nested values as compact JSON. */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
