import { sqlError } from './errors.js';
import { tokenize, type Dialect, type Token } from './tokenizer.js';
import { buildTree, firstToken, isGroup, isOp, isTok, isWord, splitAt, type Node } from './tree.js';

/**
 * Lake runs queries only: SELECT (with WITH, UNION, VALUES, EXPLAIN). Everything that writes,
 * attaches, installs, loads, changes settings or reads files is refused here, before DuckDB
 * sees it. This is one layer of several: the query session also opens the store read-only and
 * turns DuckDB's external access off.
 *
 * `dialect` says whose lexical rules apply: 'lake' for what the user typed, 'duckdb' for text
 * DuckDB will parse as is (`--dialect duckdb`, or our own translation), where E'..' strings,
 * $$..$$ strings and nested comments could otherwise hide a second statement.
 */

const WHY: Record<string, string> = {
  INSERT: 'writes data', UPDATE: 'writes data', DELETE: 'writes data', MERGE: 'writes data', TRUNCATE: 'writes data',
  UPSERT: 'writes data', CREATE: 'changes the schema', DROP: 'changes the schema', ALTER: 'changes the schema',
  COMMENT: 'changes the schema', COPY: 'reads or writes files', EXPORT: 'writes files', IMPORT: 'reads files',
  ATTACH: 'attaches a database', DETACH: 'detaches a database', USE: 'switches the database', INSTALL: 'installs an extension',
  LOAD: 'loads an extension', FORCE: 'installs an extension', UPDATE_EXTENSIONS: 'updates extensions', PRAGMA: 'changes settings',
  SET: 'changes settings', RESET: 'changes settings', CALL: 'calls a procedure', CHECKPOINT: 'writes the database',
  VACUUM: 'writes the database', ANALYZE: 'writes statistics', BEGIN: 'starts a transaction', START: 'starts a transaction',
  COMMIT: 'ends a transaction', ROLLBACK: 'ends a transaction', ABORT: 'ends a transaction', END: 'ends a transaction',
  PREPARE: 'prepares a statement', EXECUTE: 'executes a statement', DEALLOCATE: 'drops a prepared statement',
  GRANT: 'changes permissions', REVOKE: 'changes permissions', DESCRIBE: 'is not a query', SHOW: 'is not a query',
  SUMMARIZE: 'is not a query', PIVOT: 'is not a Lake query', UNPIVOT: 'is not a Lake query', SECRET: 'manages secrets',
};

/** Table functions and scalar functions that reach outside the store (files, URLs, other databases, the environment). */
const OUTSIDE =
  /^(read_\w+|\w+_scan|\w+_attach|parquet_\w+|sniff_csv|glob|query|query_table|getenv|load_aws_credentials|st_read\w*|iceberg_\w+|delta_\w+|sqlite_\w+|postgres_\w+|mysql_\w+|duckdb_secrets|which_secret|pragma_\w+|write_\w+)$/i;

const NESTED_STATEMENT = new Set(
  'INSERT UPDATE DELETE MERGE TRUNCATE CREATE DROP ALTER COPY EXPORT IMPORT ATTACH DETACH INSTALL LOAD PRAGMA CALL CHECKPOINT VACUUM GRANT REVOKE'.split(' '),
);

const ALLOWED = 'only SELECT queries can run (with WITH, UNION, VALUES or EXPLAIN), as in CloudTrail Lake';

export function checkReadOnly(sql: string, dialect: Dialect = 'lake'): void {
  const tokens = tokenize(sql, dialect);
  const tree = buildTree(tokens, sql);
  const stmts = splitAt(tree, ';').parts.filter((p) => p.length > 0);
  if (stmts.length > 1) {
    const t = firstToken(stmts[1]![0]!);
    throw sqlError(sql, t.start, 'E_MULTIPLE_STATEMENTS', 'only one statement can run at a time: remove everything after the first ;', t.text);
  }
  const stmt = stmts[0];
  if (!stmt) return;
  checkStatement(stmt, sql, dialect);
  checkNodes(stmt, sql, dialect);
}

function refuse(sql: string, t: Token, reason: string): never {
  throw sqlError(sql, t.start, 'E_NOT_READ_ONLY', reason, t.text);
}

function checkStatement(nodes: Node[], sql: string, dialect: Dialect): void {
  let i = 0;
  let head = nodes[i];
  while (isGroup(head, '(')) {
    // `(SELECT ...) UNION (SELECT ...)`: the first operand decides.
    return checkStatement(head.items, sql, dialect);
  }
  if (!isTok(head)) return;
  if (isWord(head, 'EXPLAIN')) {
    i++;
    if (isWord(nodes[i], 'ANALYZE', 'ANALYSE')) i++;
    if (isGroup(nodes[i], '(') && !isStatementStart(nodes[i + 1])) i++; // Trino's EXPLAIN (TYPE ...) options
    const rest = nodes.slice(i);
    if (rest.length === 0) refuse(sql, head, 'EXPLAIN needs a query to explain');
    return checkStatement(rest, sql, dialect);
  }
  if (isWord(head, 'WITH')) {
    // Skip the CTE definitions: the statement they belong to must be a query too.
    i++;
    if (isWord(nodes[i], 'RECURSIVE')) i++;
    while (i < nodes.length) {
      i++; // name
      if (isGroup(nodes[i], '(')) i++;
      if (isWord(nodes[i], 'AS')) i++;
      while (isWord(nodes[i], 'NOT', 'MATERIALIZED')) i++;
      if (isGroup(nodes[i], '(')) i++;
      if (isOp(nodes[i], ',')) i++;
      else break;
    }
    head = nodes[i];
    if (!head) return;
    if (isGroup(head, '(')) return checkStatement([head], sql, dialect);
    if (!isTok(head)) return;
  }
  if (isWord(head, 'SELECT', 'VALUES', 'TABLE') || (dialect === 'duckdb' && isWord(head, 'FROM'))) return;
  const why = head.kind === 'word' ? WHY[head.upper] : undefined;
  refuse(sql, head, why ? `${head.upper} ${why}: ${ALLOWED}` : `${ALLOWED}; this statement starts with ${head.text}`);
}

function isStatementStart(n: Node | undefined): boolean {
  return isWord(n, 'SELECT', 'WITH', 'VALUES', 'TABLE', 'FROM') || isGroup(n, '(');
}

/** Inside the query: no statements in brackets, no file readers, no `FROM 'file.csv'`. */
function checkNodes(nodes: Node[], sql: string, dialect: Dialect): void {
  nodes.forEach((n, i) => {
    if (n.kind === 'group') {
      // A statement in brackets (a data-modifying CTE, say). `(load > 5)` is a column, not LOAD.
      const first = n.items[0];
      const second = n.items[1];
      if (isWord(first) && NESTED_STATEMENT.has(first.upper) && second && !isOp(second)) {
        refuse(sql, first, `${first.upper} ${WHY[first.upper]}: ${ALLOWED}`);
      }
      return checkNodes(n.items, sql, dialect);
    }
    const next = nodes[i + 1];
    if ((n.kind === 'word' || n.kind === 'qident') && isGroup(next, '(')) {
      const name = n.kind === 'qident' ? n.text.slice(1, -1) : n.text;
      if (OUTSIDE.test(name)) refuse(sql, n, `${name}() reads outside the event data stores: Lake queries can only read event data stores`);
    }
    if (n.tablePos && ['string', 'estring', 'dstring'].includes(n.kind)) {
      refuse(sql, n, `FROM ${n.text} would read a file or URL: Lake queries can only read event data stores`);
    }
    // DuckDB reads `FROM "data.csv"` as a file. In Lake SQL a quoted name may be a store's name,
    // so this is checked on the DuckDB text (translateLake checks its output too).
    if (dialect === 'duckdb' && n.tablePos && n.kind === 'qident' && /[./\\:]/.test(n.text) && !isOp(next, '.')) {
      refuse(sql, n, `FROM ${n.text} looks like a file or URL: Lake queries can only read event data stores`);
    }
  });
}
