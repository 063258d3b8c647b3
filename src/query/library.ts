import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CtlakeError } from '../errors.js';

/**
 * Query files: the bundled sample library (samples/queries) and the user's saved queries (a plain
 * folder of `.sql` files). Both share one header, so a saved query is just a sample the user wrote:
 *
 *   -- title: Console logins without MFA
 *   -- description: Successful sign-ins ...
 *   --   (a "--" line indented by two or more spaces continues the field above)
 *   -- tags: identity, mfa
 *   SELECT ... FROM $EDS_ID ...
 *
 * Files are the storage on purpose: they diff, they go into git, and Lake's console can take
 * them by copy and paste. The name of a query is its file stem.
 */

export interface QueryHeader {
  title?: string;
  description?: string;
  tags: string[];
}

export interface QueryInfo extends QueryHeader {
  name: string;
  /** Title, or the name when the file has none. */
  title: string;
  path: string;
}

export interface QueryFile extends QueryInfo {
  /** The whole file (header included: comments are harmless to run, and line numbers stay true). */
  text: string;
  /** The SQL after the header. */
  body: string;
}

/** samples/queries beside src/ and dist/ (same depth from both). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/queries/', import.meta.url));

/** Saved queries live beside the store file unless --queries-dir says otherwise. */
export function defaultQueriesDir(dbPath: string): string {
  return join(dirname(dbPath), 'queries');
}

const HEADER_KEYS = ['title', 'description', 'tags'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

/**
 * Splits a query file into its header fields and the SQL body. The header is the leading run of
 * `-- key: value` lines (and their continuation lines); unknown keys are kept in `fields` so a file
 * written by another tool loses nothing. A blank line or any SQL ends the header.
 */
export function parseHeader(text: string): { header: QueryHeader; fields: Record<string, string>; body: string } {
  const fields: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  let last: string | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const kv = /^\s*--\s?([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    const more = /^\s*--\s{2,}(\S.*)$/.exec(line);
    if (more && last) fields[last] = `${fields[last]} ${more[1]!.trim()}`.trim();
    else if (kv) fields[(last = kv[1]!.toLowerCase())] = kv[2]!.trim();
    else break;
  }
  const header: QueryHeader = {
    title: fields.title || undefined,
    description: fields.description || undefined,
    tags: splitTags(fields.tags ?? ''),
  };
  return { header, fields, body: lines.slice(i).join('\n').trim() };
}

export function splitTags(s: string): string[] {
  return s
    .split(/[,\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The header block for a file (ends with a newline; empty fields are left out). */
export function formatHeader(h: QueryHeader, extra: Record<string, string> = {}): string {
  const out: string[] = [];
  const put = (k: string, v: string | undefined) => {
    if (v) out.push(`-- ${k}: ${v.replace(/\s*\r?\n\s*/g, ' ')}`);
  };
  put('title', h.title);
  put('description', h.description);
  put('tags', h.tags.join(', '));
  for (const [k, v] of Object.entries(extra)) if (!(HEADER_KEYS as readonly string[]).includes(k)) put(k, v);
  return out.length ? `${out.join('\n')}\n` : '';
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Query names are file stems: letters, digits, "-" and "_", so they can never leave the folder. */
export function validateName(name: string): string {
  const n = name.endsWith('.sql') ? name.slice(0, -4) : name;
  if (!NAME.test(n)) {
    throw new CtlakeError(
      'E_BAD_QUERY_NAME',
      `"${name}" is not a valid query name: use letters, digits, "-" and "_" (no "/", "\\", ".." or spaces; at most 100), e.g. failed-logins`,
    );
  }
  return n;
}

function readQuery(dir: string, name: string): QueryFile {
  const path = join(dir, `${name}.sql`);
  const text = readFileSync(path, 'utf8');
  const { header, body } = parseHeader(text);
  return { name, path, text, body, ...header, title: header.title ?? name };
}

function listDir(dir: string): QueryInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sql') && NAME.test(e.name.slice(0, -4)))
    .map((e) => {
      const { text: _text, body: _body, ...info } = readQuery(dir, e.name.slice(0, -4));
      return info;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function listSamples(dir = SAMPLES_DIR): QueryInfo[] {
  return listDir(dir);
}

export function loadSample(name: string, dir = SAMPLES_DIR): QueryFile {
  const n = validateName(name);
  if (!existsSync(join(dir, `${n}.sql`))) {
    throw new CtlakeError('E_NO_SUCH_QUERY', `no sample query named "${name}"; \`ctlake samples\` lists them`);
  }
  return readQuery(dir, n);
}

export function listSaved(dir: string): QueryInfo[] {
  return listDir(dir);
}

export function loadSaved(dir: string, name: string): QueryFile {
  const n = validateName(name);
  if (!existsSync(join(dir, `${n}.sql`))) {
    throw new CtlakeError('E_NO_SUCH_QUERY', `no saved query named "${name}" in ${dir}; \`ctlake saved list\` shows them (or pass --queries-dir)`);
  }
  return readQuery(dir, n);
}

export interface SaveOptions {
  title?: string;
  description?: string;
  tags?: string[];
  /** Replace an existing query of that name. */
  force?: boolean;
}

/**
 * Writes `dir/name.sql`. A header already in `sql` is kept, with any field given in `opts`
 * replacing its counterpart; without a title the name is used. Never overwrites without `force`.
 */
export function saveQuery(dir: string, name: string, sql: string, opts: SaveOptions = {}): QueryFile {
  const n = validateName(name);
  const { header, fields, body } = parseHeader(sql);
  if (!body.trim()) throw new CtlakeError('E_EMPTY_QUERY', `nothing to save as "${n}": the SQL is empty`);
  const merged: QueryHeader = {
    title: opts.title ?? header.title ?? n,
    description: opts.description ?? header.description,
    tags: opts.tags ?? header.tags,
  };
  const path = join(dir, `${n}.sql`);
  if (existsSync(path) && !opts.force) {
    throw new CtlakeError('E_QUERY_EXISTS', `a saved query named "${n}" already exists (${path}); pass --force to replace it, or pick another name`);
  }
  mkdirSync(dir, { recursive: true });
  const text = `${formatHeader(merged, fields)}${body}\n`;
  // Write-then-rename: a crash never leaves half a query behind; 'wx' on the temp file keeps two
  // savers from interleaving.
  const tmp = join(dir, `.${n}.sql.${process.pid}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    if (!opts.force && existsSync(path)) {
      throw new CtlakeError('E_QUERY_EXISTS', `a saved query named "${n}" already exists (${path}); pass --force to replace it`);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return readQuery(dir, n);
}

export function removeSaved(dir: string, name: string): void {
  const n = validateName(name);
  const path = join(dir, `${n}.sql`);
  if (!existsSync(path)) {
    throw new CtlakeError('E_NO_SUCH_QUERY', `no saved query named "${name}" in ${dir}; \`ctlake saved list\` shows them`);
  }
  rmSync(path);
}
