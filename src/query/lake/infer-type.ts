import { EVENT_FIELDS, type FieldType } from '../../store/schema.js';
import { isGroup, isOp, isTok, isWord, splitAt, type Group, type Node } from './tree.js';

/**
 * Just enough type knowledge to pick between DuckDB functions where Trino has one name for
 * several types (cardinality of an array or a map, CAST of JSON to varchar, UNNEST of an array
 * of rows). Types come from the events schema, lambda parameters and UNNEST aliases; anything
 * else is `undefined` and the rewriter falls back to a type-generic form.
 */
export type LakeType = FieldType | { kind: 'json' };

/** Names in scope: lambda parameters and UNNEST aliases (lower case). */
export type Scope = Map<string, LakeType>;

const VIEW_EXTRA: Record<string, LakeType> = {
  eventjson: { kind: 'scalar', duck: 'VARCHAR' },
  eventjsonchecksum: { kind: 'scalar', duck: 'VARCHAR' },
};

function columnType(name: string): LakeType | undefined {
  const lower = name.toLowerCase();
  const f = EVENT_FIELDS.find((x) => x.name.toLowerCase() === lower);
  return f ? f.type : VIEW_EXTRA[lower];
}

export function fieldOf(t: LakeType | undefined, name: string): LakeType | undefined {
  if (!t || t.kind !== 'struct') return undefined;
  const lower = name.toLowerCase();
  return t.fields.find((f) => f.name.toLowerCase() === lower)?.type;
}

export function elementOf(t: LakeType | undefined): LakeType | undefined {
  if (!t) return undefined;
  if (t.kind === 'list') return t.of;
  if (t.kind === 'map') return { kind: 'scalar', duck: 'VARCHAR' };
  return undefined;
}

function identName(n: Node | undefined): string | undefined {
  if (!isTok(n)) return undefined;
  if (n.kind === 'word') return n.text;
  if (n.kind === 'qident') return n.text.slice(1, -1).replace(/""/g, '"');
  return undefined;
}

/** Type of a dotted path such as `eventContext.tagContext.resourceTags` or `e.resources`. */
export function pathType(segments: string[], scope: Scope): LakeType | undefined {
  if (segments.length === 0) return undefined;
  const head = segments[0]!.toLowerCase();
  let t: LakeType | undefined;
  let rest: string[];
  if (scope.has(head)) {
    t = scope.get(head);
    rest = segments.slice(1);
  } else if (columnType(segments[0]!)) {
    t = columnType(segments[0]!);
    rest = segments.slice(1);
  } else if (segments.length > 1 && columnType(segments[1]!)) {
    // A table alias in front: `e.resources`.
    t = columnType(segments[1]!);
    rest = segments.slice(2);
  } else return undefined;
  for (const s of rest) t = fieldOf(t, s);
  return t;
}

const LIST_RESULT = new Set([
  'transform', 'split', 'map_keys', 'regexp_extract_all', 'sequence', 'array_agg', 'flatten', 'zip', 'regexp_split',
  'array_union', 'array_intersect', 'array_except', 'repeat', 'ngrams', 'split_to_multimap',
]);
const SAME_AS_FIRST_ARG = new Set(['filter', 'slice', 'array_distinct', 'array_sort', 'array_remove', 'reverse', 'shuffle', 'trim_array']);
const MAP_RESULT = new Set(['map', 'map_from_entries', 'map_agg', 'histogram', 'map_concat', 'map_filter', 'multimap_agg', 'transform_values', 'transform_keys']);
const JSON_RESULT = new Set(['json_extract', 'json_parse', 'json_array_get', 'json_query']);
const STRING_RESULT = new Set([
  'json_extract_scalar', 'json_format', 'lower', 'upper', 'concat', 'replace', 'regexp_replace', 'substr', 'substring', 'trim',
  'element_at_varchar', 'format', 'to_iso8601', 'date_format', 'url_extract_host', 'array_join',
]);

/** Type of an expression (a node list), when it can be known without DuckDB. */
export function inferType(nodes: Node[], scope: Scope): LakeType | undefined {
  if (nodes.length === 0) return undefined;
  let i = 0;
  let t: LakeType | undefined;
  const first = nodes[0];
  if (isWord(first, 'TIMESTAMP') && isTok(nodes[1]) && nodes[1].kind === 'string' && nodes.length === 2) {
    // A zone in the literal makes it a timestamp with time zone.
    return /\d\s*([A-Za-z]|[+-]\d)/.test(nodes[1].text.slice(11)) ? undefined : { kind: 'scalar', duck: 'TIMESTAMP' };
  }
  if (isWord(first, 'ARRAY') && isGroup(nodes[1], '[')) {
    t = { kind: 'list', of: { kind: 'scalar', duck: 'VARCHAR' } };
    i = 2;
  } else if (isTok(first) && (first.kind === 'word' || first.kind === 'qident') && isGroup(nodes[1], '(')) {
    t = callType(first.text.toLowerCase(), nodes[1], scope);
    i = 2;
  } else if (identName(first) !== undefined) {
    const segs = [identName(first)!];
    i = 1;
    while (isOp(nodes[i], '.') && identName(nodes[i + 1]) !== undefined) {
      segs.push(identName(nodes[i + 1])!);
      i += 2;
    }
    t = pathType(segs, scope);
  } else if (isGroup(first, '(')) {
    const parts = splitAt(first.items, ',').parts;
    t = parts.length === 1 ? inferType(parts[0]!, scope) : undefined;
    i = 1;
  } else return undefined;
  // Postfix: `.field` and `[index]`.
  while (i < nodes.length) {
    const n = nodes[i];
    if (isOp(n, '.') && identName(nodes[i + 1]) !== undefined) {
      t = fieldOf(t, identName(nodes[i + 1])!);
      i += 2;
    } else if (isGroup(n, '[')) {
      t = elementOf(t);
      i += 1;
    } else return undefined; // an operator follows: not a single operand
  }
  return t;
}

function callType(name: string, g: Group, scope: Scope): LakeType | undefined {
  const args = splitAt(g.items, ',').parts;
  const arg0 = args[0] ? inferType(args[0], scope) : undefined;
  if (name === 'element_at') return elementOf(arg0);
  if (SAME_AS_FIRST_ARG.has(name)) return arg0;
  if (name === 'map_values') {
    const el = elementOf(arg0);
    return { kind: 'list', of: el && el.kind !== 'json' ? el : { kind: 'scalar', duck: 'VARCHAR' } };
  }
  if (LIST_RESULT.has(name)) return { kind: 'list', of: { kind: 'scalar', duck: 'VARCHAR' } };
  if (MAP_RESULT.has(name)) return { kind: 'map' };
  if (JSON_RESULT.has(name)) return { kind: 'json' };
  if (STRING_RESULT.has(name)) return { kind: 'scalar', duck: 'VARCHAR' };
  if (name === 'cast' || name === 'try_cast') return castType(g);
  if (name === 'date_trunc' || name === 'date_add') {
    const last = args[args.length - 1];
    return last ? inferType(last, scope) : undefined;
  }
  if (name === 'date_parse') return { kind: 'scalar', duck: 'TIMESTAMP' };
  return undefined;
}

/** The target type of `CAST(x AS type)`, coarsely. */
function castType(g: Group): LakeType | undefined {
  const asAt = lastTopLevelAs(g.items);
  const typeNode = asAt >= 0 ? g.items[asAt + 1] : undefined;
  if (!isWord(typeNode)) return undefined;
  switch (typeNode.upper) {
    case 'ARRAY':
      return { kind: 'list', of: { kind: 'scalar', duck: 'VARCHAR' } };
    case 'MAP':
      return { kind: 'map' };
    case 'JSON':
      return { kind: 'json' };
    case 'VARCHAR':
    case 'CHAR':
      return { kind: 'scalar', duck: 'VARCHAR' };
    case 'TIMESTAMP':
      return { kind: 'scalar', duck: 'TIMESTAMP' };
    default:
      return undefined;
  }
}

/** Index of the AS that separates `expr AS type` inside CAST's parentheses. */
export function lastTopLevelAs(items: Node[]): number {
  for (let k = items.length - 1; k >= 0; k--) if (isWord(items[k], 'AS')) return k;
  return -1;
}
