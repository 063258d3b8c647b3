import type { Command } from 'commander';
import { CtlakeError, EXIT } from '../errors.js';
import { formatResult, type TextFormat } from '../query/format.js';
import type { QueryResult } from '../query/run-query.js';
import { openQuerySession } from '../query/session.js';
import { loadRules, type Rule } from '../toolkit/detect-rules.js';
import { formatTop, ruleEvents, runRules, type RuleResult } from '../toolkit/detect-run.js';
import { resolveStore } from '../toolkit/lookup-store.js';
import { collect, dbPath, type Io } from './shared.js';
import { openExisting } from './stores-command.js';

interface DetectOpts {
  rules: string[];
  builtin: boolean;
  rule?: string;
  format: string;
  all?: boolean;
  list?: boolean;
  maxRows?: number;
  store?: string;
}

const usage = (m: string) => new CtlakeError('E_USAGE', m);

export function registerDetect(program: Command, io: Io): void {
  program
    .command('detect')
    .description('Run the detection pack (CloudTrail tampering, CIS AWS Foundations 4.1-4.15 and more) over the store; exit code 4 when a high-severity rule matches')
    .option('--rules <dir>', 'also run the .sql rules in this folder (repeatable; an id already in the pack replaces it)', collect, [])
    .option('--no-builtin', 'only the rules from --rules, not the built-in pack')
    .option('--rule <id>', 'list the events one rule matches instead of the summary')
    .option('--format <format>', 'table | json (and csv | ndjson with --rule)', 'table')
    .option('--all', 'table: also show rules without hits')
    .option('--list', 'list the rules (id, severity, title, MITRE ATT&CK) without running them')
    .option('--max-rows <n>', 'with --rule: at most this many events (table default 500)', (v) => Number(v))
    .option('--store <name>', 'event data store (default: the only one)')
    .action(async (o: DetectOpts) => {
      const formats = o.rule ? ['table', 'json', 'csv', 'ndjson'] : ['table', 'json'];
      if (!formats.includes(o.format)) throw usage(`--format must be one of ${formats.join(', ')}`);
      const rules = loadRules(o.rules, o.builtin);
      const width = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : Infinity;
      if (o.list) {
        listRules(io, rules, o.format, width);
        return;
      }
      const db = await openExisting(dbPath(program));
      try {
        const session = await openQuerySession(db, { store: o.store });
        const store = resolveStore(session, o.store);
        if (o.rule) {
          const rule = rules.find((r) => r.id === o.rule);
          if (!rule) throw usage(`no rule with id "${o.rule}"; \`ctlake detect --list\` shows them`);
          const maxRows = o.maxRows ?? (o.format === 'table' ? 500 : undefined);
          const r = await ruleEvents(session, store, rule, maxRows);
          printRuleEvents(io, rule, r, o.format, width);
          if (rule.severity === 'high' && r.rows.length) io.exitCode = EXIT.HIGH_SEVERITY_HITS;
          return;
        }
        const results = await runRules(session, store, rules);
        if (o.format === 'json') io.stdout.write(`${JSON.stringify(summaryJson(store.name, results), null, 2)}\n`);
        else io.stdout.write(summaryTable(results, !!o.all, width));
        for (const r of results) if (r.error) io.stderr.write(`error: ${r.error.message}\n`);
        if (results.some((r) => r.rule.severity === 'high' && r.hits > 0)) io.exitCode = EXIT.HIGH_SEVERITY_HITS;
        else if (results.some((r) => r.error)) io.exitCode = EXIT.FAILED;
      } finally {
        db.close();
      }
    });
}

function table(columns: string[], rows: unknown[][]): QueryResult {
  return { columns: columns.map((name) => ({ name, type: '' })), rows, truncated: false, elapsedMs: 0 };
}

/** Table cells stay narrow so the rule id (what --rule takes) survives a terminal-width table. */
const shortTime = (t: string | null) => (t ? t.slice(0, 19).replace('T', ' ') : '');
const shortArn = (s: string) => s.replace(/^arn:aws[\w-]*:(iam|sts)::/, '');

function summaryTable(results: RuleResult[], all: boolean, width: number): string {
  const shown = results.filter((r) => all || r.hits > 0 || r.error);
  const rows = shown.map((r) => [
    r.rule.severity.toUpperCase(),
    r.rule.id,
    r.error ? 'error' : r.hits,
    shortTime(r.firstSeen),
    shortTime(r.lastSeen),
    formatTop(r.topPrincipals.map((t) => ({ ...t, value: shortArn(t.value) }))),
    formatTop(r.topSourceIPs),
    r.rule.title,
  ]);
  const withHits = results.filter((r) => r.hits > 0);
  const high = withHits.filter((r) => r.rule.severity === 'high').length;
  const columns = ['severity', 'rule', 'hits', 'first seen (UTC)', 'last seen (UTC)', 'top principals', 'top source IPs', 'title'];
  if (Number.isFinite(width)) squeeze(columns, rows, width, [5, 6, 7]);
  const body = shown.length ? formatResult(table(columns, rows), 'table', width).replace(/\n[^\n]*rows?\n$/, '\n') : '';
  const hint = withHits.length ? '; `ctlake detect --rule ID` lists the events' : '';
  return `${body}${results.length} rules run, ${withHits.length} with hits (${high} high severity)${hint}\n`;
}

/**
 * Shortens the cells of the `flexible` columns (principals, IPs, title) until the table fits the
 * width, so the table formatter never has to cut the other columns (the rule id above all).
 */
function squeeze(columns: string[], rows: unknown[][], width: number, flexible: number[]): void {
  const len = (v: unknown) => String(v ?? '').length;
  const want = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => len(r[i]))));
  const fixed = want.reduce((a, w, i) => a + (flexible.includes(i) ? 0 : w), 0);
  const budget = width - (3 * columns.length + 1) - fixed;
  const caps = new Map(flexible.map((i) => [i, want[i]!]));
  // Take a character from the widest flexible column until the budget is met (or all are small).
  while ([...caps.values()].reduce((a, b) => a + b, 0) > budget) {
    const [i, w] = [...caps].sort((a, b) => b[1] - a[1])[0]!;
    if (w <= Math.max(columns[i]!.length, 12)) break;
    caps.set(i, w - 1);
  }
  for (const [i, cap] of caps) {
    for (const r of rows) if (len(r[i]) > cap) r[i] = `${String(r[i]).slice(0, cap - 1)}…`;
  }
}

function summaryJson(store: string, results: RuleResult[]): unknown {
  return {
    store,
    rules: results.map((r) => ({
      id: r.rule.id,
      title: r.rule.title,
      severity: r.rule.severity,
      mitre: r.rule.mitre ?? null,
      description: r.rule.description ?? null,
      remediation: r.rule.remediation ?? null,
      hits: r.hits,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
      topPrincipals: r.topPrincipals,
      topSourceIPs: r.topSourceIPs,
      ...(r.error ? { error: r.error.message } : {}),
    })),
    rulesRun: results.length,
    rulesWithHits: results.filter((r) => r.hits > 0).length,
    highSeverityWithHits: results.filter((r) => r.hits > 0 && r.rule.severity === 'high').length,
  };
}

function printRuleEvents(io: Io, rule: Rule, r: QueryResult, format: string, width: number): void {
  if (format === 'json') {
    const events = JSON.parse(formatResult(r, 'json')) as unknown[];
    const { sql: _sql, ...meta } = rule;
    io.stdout.write(`${JSON.stringify({ rule: meta, hits: events.length, truncated: r.truncated, events }, null, 2)}\n`);
    return;
  }
  if (format === 'table') {
    io.stdout.write(`${rule.id} [${rule.severity.toUpperCase()}] ${rule.title}${rule.mitre ? ` (MITRE ${rule.mitre})` : ''}\n`);
    if (rule.remediation) io.stdout.write(`remediation: ${rule.remediation}\n`);
  }
  io.stdout.write(formatResult(r, format as TextFormat, width));
}

function listRules(io: Io, rules: Rule[], format: string, width: number): void {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(sorted.map(({ sql: _sql, ...meta }) => meta), null, 2)}\n`);
    return;
  }
  const rows = sorted.map((r) => [r.id, r.severity, r.title, r.mitre ?? '', r.pattern ? 'yes' : '']);
  io.stdout.write(formatResult(table(['id', 'severity', 'title', 'mitre', 'pattern'], rows), 'table', width));
}
