import { CtlakeError } from '../errors.js';
import type { QueryResult } from '../query/run-query.js';
import type { QuerySession } from '../query/session.js';
import type { StoreInfo } from '../store/catalog.js';
import { REQUIRED_COLUMNS, ruleSql, SEVERITIES, type Rule } from './detect-rules.js';
import { storeView } from './lookup-store.js';

/** Runs detection rules over a store: a summary per rule, or one rule's matching events. */

export interface Top {
  value: string;
  count: number;
}

export interface RuleResult {
  rule: Rule;
  hits: number;
  firstSeen: string | null;
  lastSeen: string | null;
  topPrincipals: Top[];
  topSourceIPs: Top[];
  /** The rule could not run (bad SQL in a user's rule): reported, the others still run. */
  error?: CtlakeError;
}

const TOP = 3;

/** Checks the rule selects the columns the summary needs, with a message that says which are missing. */
async function checkColumns(session: QuerySession, rule: Rule, sql: string): Promise<CtlakeError | undefined> {
  const r = await session.run(`SELECT * FROM (\n${sql}\n) AS r LIMIT 0`, { dialect: 'duckdb' });
  if (r.error) return new CtlakeError('E_RULE_FAILED', `rule ${rule.id} (${rule.file}) does not run: ${r.error.message}`, r.error.detail);
  const have = new Set(r.columns.map((c) => c.name.toLowerCase()));
  const missing = REQUIRED_COLUMNS.filter((c) => !have.has(c.toLowerCase()));
  if (missing.length) {
    return new CtlakeError('E_RULE_FAILED', `rule ${rule.id} (${rule.file}) must select ${missing.join(', ')} (every rule selects ${REQUIRED_COLUMNS.join(', ')})`);
  }
  return undefined;
}

function topSql(column: string): string {
  return `(SELECT list({'value': v, 'count': n} ORDER BY n DESC, v) FROM (
      SELECT coalesce(CAST(${column} AS VARCHAR), '(none)') AS v, count(*) AS n FROM r GROUP BY 1 ORDER BY n DESC, v LIMIT ${TOP}))`;
}

export async function runRule(session: QuerySession, store: StoreInfo, rule: Rule): Promise<RuleResult> {
  const empty = { rule, hits: 0, firstSeen: null, lastSeen: null, topPrincipals: [], topSourceIPs: [] };
  const sql = ruleSql(rule, storeView(store));
  const bad = await checkColumns(session, rule, sql);
  if (bad) return { ...empty, error: bad };
  const r = await session.run(
    `WITH r AS (\n${sql}\n)
    SELECT (SELECT count(*) FROM r) AS hits, (SELECT min(eventTime) FROM r) AS firstSeen, (SELECT max(eventTime) FROM r) AS lastSeen,
      ${topSql('principal')} AS principals, ${topSql('sourceIPAddress')} AS ips`,
    { dialect: 'duckdb' },
  );
  if (r.error) return { ...empty, error: new CtlakeError('E_RULE_FAILED', `rule ${rule.id} (${rule.file}) failed: ${r.error.message}`, r.error.detail) };
  const [hits, firstSeen, lastSeen, principals, ips] = r.rows[0] as [number, string | null, string | null, Top[] | null, Top[] | null];
  return { rule, hits: Number(hits), firstSeen, lastSeen, topPrincipals: principals ?? [], topSourceIPs: ips ?? [] };
}

export async function runRules(session: QuerySession, store: StoreInfo, rules: Rule[]): Promise<RuleResult[]> {
  const out: RuleResult[] = [];
  for (const rule of rules) out.push(await runRule(session, store, rule));
  const rank = (s: string) => SEVERITIES.indexOf(s as never);
  return out.sort((a, b) => rank(a.rule.severity) - rank(b.rule.severity) || b.hits - a.hits || (a.rule.id < b.rule.id ? -1 : 1));
}

/** One rule's matching events, oldest first. */
export async function ruleEvents(session: QuerySession, store: StoreInfo, rule: Rule, maxRows?: number): Promise<QueryResult> {
  const sql = ruleSql(rule, storeView(store));
  const bad = await checkColumns(session, rule, sql);
  if (bad) throw bad;
  const r = await session.run(`SELECT * FROM (\n${sql}\n) AS r ORDER BY eventTime, eventID`, { dialect: 'duckdb', maxRows });
  if (r.error) throw new CtlakeError('E_RULE_FAILED', `rule ${rule.id} (${rule.file}) failed: ${r.error.message}`, r.error.detail);
  return r;
}

export function formatTop(top: Top[]): string {
  return top.map((t) => `${t.value} (${t.count})`).join(', ');
}
