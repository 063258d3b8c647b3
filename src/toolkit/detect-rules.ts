import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CtlakeError } from '../errors.js';

/**
 * Detection rules: one `.sql` file each, a comment header then one SELECT of matching events.
 *
 *   -- id: ct-stop-logging
 *   -- title: CloudTrail logging stopped
 *   -- severity: high            (high | medium | low)
 *   -- mitre: T1562.008 Impair Defenses: Disable or Modify Cloud Logs
 *   -- description: ...          (a following "--   text" line continues a field)
 *   -- remediation: ...
 *   -- pattern: { ... }          (optional: the CloudWatch Logs filter pattern it equals)
 *   SELECT eventTime, eventID, eventName, <principal expr> AS principal, sourceIPAddress, ...
 *   FROM $EDS_ID WHERE ...
 *
 * The SQL is the subset CloudTrail Lake and DuckDB share, so a rule also runs as a Lake saved
 * query; `$EDS_ID` is replaced by the store. The columns eventTime, eventID, principal and
 * sourceIPAddress are required (the summary is built from them).
 */

export type Severity = 'high' | 'medium' | 'low';
export const SEVERITIES: Severity[] = ['high', 'medium', 'low'];
export const REQUIRED_COLUMNS = ['eventTime', 'eventID', 'principal', 'sourceIPAddress'];

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  mitre?: string;
  description?: string;
  remediation?: string;
  pattern?: string;
  /** The file's SQL, header included (comments are harmless), with any trailing ";" removed. */
  sql: string;
  file: string;
}

const FIELDS = ['id', 'title', 'severity', 'mitre', 'description', 'remediation', 'pattern'] as const;
type Field = (typeof FIELDS)[number];

/** The pack shipped with ctlake: samples/detections beside src/ and dist/. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../samples/detections/', import.meta.url));

export function parseRule(text: string, file: string): Rule {
  const head: Partial<Record<Field, string>> = {};
  let last: Field | undefined;
  // The header is the leading run of "-- key: value" lines and their "--   continuation" lines;
  // a blank line or any other line ends it, so later comments stay comments.
  for (const line of text.split(/\r?\n/)) {
    const kv = /^\s*--\s?([a-z]+):\s*(.*)$/.exec(line);
    const more = /^\s*--\s{2,}(\S.*)$/.exec(line);
    if (kv && (FIELDS as readonly string[]).includes(kv[1]!)) {
      last = kv[1] as Field;
      head[last] = kv[2]!.trim();
    } else if (more && last) {
      head[last] = `${head[last]} ${more[1]!.trim()}`.trim();
    } else {
      break;
    }
  }
  const bad = (what: string) => new CtlakeError('E_BAD_RULE', `${file}: ${what}; see samples/detections/*.sql for the header a rule needs`);
  if (!head.id || !/^[A-Za-z0-9][\w.-]*$/.test(head.id)) throw bad('missing or malformed "-- id:" (letters, digits, ".", "_", "-")');
  if (!head.title) throw bad('missing "-- title:"');
  const severity = head.severity?.toLowerCase();
  if (!SEVERITIES.includes(severity as Severity)) throw bad(`"-- severity:" must be high, medium or low, got "${head.severity ?? ''}"`);
  const sql = text.replace(/;\s*$/, '').trimEnd();
  if (!sql.includes('$EDS_ID')) throw bad('the SQL must read FROM $EDS_ID (replaced by the store)');
  return {
    id: head.id,
    title: head.title,
    severity: severity as Severity,
    mitre: head.mitre,
    description: head.description,
    remediation: head.remediation,
    pattern: head.pattern,
    sql,
    file,
  };
}

/** Rules from the built-in pack (unless left out) and each --rules folder; a later id replaces an earlier one. */
export function loadRules(dirs: string[], builtin = true): Rule[] {
  const byId = new Map<string, Rule>();
  const sources = [...(builtin ? [BUILTIN_RULES_DIR] : []), ...dirs.map((d) => resolve(d))];
  for (const dir of sources) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new CtlakeError('E_NO_RULES', `${dir} is not a folder: --rules takes a folder of .sql detection rules`);
    }
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
    const seen = new Map<string, string>();
    for (const f of files) {
      const path = join(dir, f);
      const rule = parseRule(readFileSync(path, 'utf8'), path);
      if (seen.has(rule.id)) throw new CtlakeError('E_BAD_RULE', `${path}: id "${rule.id}" is also used by ${seen.get(rule.id)}; give each rule its own id`);
      seen.set(rule.id, path);
      byId.set(rule.id, rule);
    }
  }
  if (!byId.size) throw new CtlakeError('E_NO_RULES', `no .sql rules found in ${sources.join(', ') || '(no folders)'}: add rule files or drop --no-builtin`);
  return [...byId.values()];
}

/** The rule's SQL for one store: `$EDS_ID` → the store's quoted view name. */
export function ruleSql(rule: Rule, view: string): string {
  return rule.sql.replace(/\$EDS_ID\b/g, view);
}
