import { quoteIdent } from '../../store/schema.js';
import type { Token } from './tokenizer.js';
import type { Node } from './tree.js';

/**
 * Trino type names (as written in CAST / TRY_CAST) to DuckDB's. Handles parameterised and
 * nested types (`array(varchar)`, `map(varchar, json)`, `row(a bigint, b varchar)`, and the
 * Hive-style `array<varchar>` that Lake's schema page uses). Returns undefined for anything it
 * does not recognise, and the caller then copies the text unchanged.
 */

const SIMPLE: Record<string, string> = {
  VARCHAR: 'VARCHAR',
  CHAR: 'VARCHAR',
  STRING: 'VARCHAR',
  BIGINT: 'BIGINT',
  INTEGER: 'INTEGER',
  INT: 'INTEGER',
  SMALLINT: 'SMALLINT',
  TINYINT: 'TINYINT',
  DOUBLE: 'DOUBLE',
  REAL: 'REAL',
  FLOAT: 'REAL',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  JSON: 'JSON',
  VARBINARY: 'BLOB',
  UUID: 'UUID',
  IPADDRESS: 'VARCHAR',
  INTERVAL: 'INTERVAL',
};

function flatten(nodes: Node[]): Token[] {
  const out: Token[] = [];
  for (const n of nodes) {
    if (n.kind === 'group') {
      out.push(n.open, ...flatten(n.items), n.close);
    } else out.push(n);
  }
  return out;
}

export function translateType(nodes: Node[]): string | undefined {
  const toks = flatten(nodes);
  let i = 0;
  const peek = (): Token | undefined => toks[i];
  const isW = (t: Token | undefined, w: string): boolean => !!t && t.kind === 'word' && t.upper === w;
  const isO = (t: Token | undefined, o: string): boolean => !!t && t.kind === 'op' && t.text === o;

  function type(): string | undefined {
    const t = peek();
    if (!t || t.kind !== 'word') return undefined;
    i++;
    const u = t.upper;
    if (u === 'ARRAY') {
      const close = isO(peek(), '(') ? ')' : isO(peek(), '<') ? '>' : undefined;
      if (!close) return undefined;
      i++;
      const el = type();
      if (!el || !isO(peek(), close)) return undefined;
      i++;
      return `${el}[]`;
    }
    if (u === 'MAP') {
      const close = isO(peek(), '(') ? ')' : isO(peek(), '<') ? '>' : undefined;
      if (!close) return undefined;
      i++;
      const k = type();
      if (!k || !isO(peek(), ',')) return undefined;
      i++;
      const v = type();
      if (!v || !isO(peek(), close)) return undefined;
      i++;
      return `MAP(${k}, ${v})`;
    }
    if (u === 'ROW' || u === 'STRUCT') {
      const close = isO(peek(), '(') ? ')' : isO(peek(), '<') ? '>' : undefined;
      if (!close) return undefined;
      i++;
      const fields: string[] = [];
      for (let k = 0; ; k++) {
        // `name type` or (Hive) `name:type`, or an anonymous `type`.
        let name = `field${k}`;
        const a = peek();
        const b = toks[i + 1];
        if (a && (a.kind === 'word' || a.kind === 'qident') && b && (b.kind === 'word' || isO(b, ':'))) {
          name = a.kind === 'qident' ? a.text.slice(1, -1) : a.text;
          i += isO(b, ':') ? 2 : 1;
        }
        const ft = type();
        if (!ft) return undefined;
        fields.push(`${quoteIdent(name)} ${ft}`);
        if (isO(peek(), ',')) i++;
        else break;
      }
      if (!isO(peek(), close)) return undefined;
      i++;
      return `STRUCT(${fields.join(', ')})`;
    }
    if (u === 'DECIMAL' || u === 'NUMERIC') {
      if (!isO(peek(), '(')) return 'DECIMAL(38, 0)';
      const start = i;
      while (i < toks.length && !isO(peek(), ')')) i++;
      const inner = toks.slice(start + 1, i).map((x) => x.text).join('');
      i++;
      return `DECIMAL(${inner.replace(/,/g, ', ')})`;
    }
    if (u === 'DOUBLE' && isW(peek(), 'PRECISION')) {
      i++;
      return 'DOUBLE';
    }
    if (u === 'TIMESTAMP' || u === 'TIME') {
      skipParams();
      if ((isW(peek(), 'WITH') || isW(peek(), 'WITHOUT')) && isW(toks[i + 1], 'TIME') && isW(toks[i + 2], 'ZONE')) {
        const withZone = isW(peek(), 'WITH');
        i += 3;
        return u === 'TIMESTAMP' ? (withZone ? 'TIMESTAMPTZ' : 'TIMESTAMP') : withZone ? 'TIMETZ' : 'TIME';
      }
      return u;
    }
    if (u === 'INTERVAL') {
      // INTERVAL DAY TO SECOND / YEAR TO MONTH: one DuckDB type.
      while (peek() && peek()!.kind === 'word' && ['DAY', 'TO', 'SECOND', 'YEAR', 'MONTH'].includes(peek()!.upper)) i++;
      return 'INTERVAL';
    }
    const simple = SIMPLE[u];
    if (!simple) return undefined;
    skipParams(); // varchar(10), char(3): DuckDB's VARCHAR has no length
    return simple;
  }

  function skipParams(): void {
    if (!isO(peek(), '(')) return;
    let depth = 0;
    do {
      if (isO(peek(), '(')) depth++;
      else if (isO(peek(), ')')) depth--;
      i++;
    } while (i < toks.length && depth > 0);
  }

  const result = type();
  return result !== undefined && i === toks.length ? result : undefined;
}
