import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultQueriesDir,
  formatHeader,
  listSamples,
  listSaved,
  loadSample,
  loadSaved,
  parseHeader,
  removeSaved,
  saveQuery,
  SAMPLES_DIR,
  validateName,
} from '../../src/query/library.js';
import { tempDir } from '../helpers/cli.js';

/** The sample library's contents and the saved-query files: header, names, no silent overwrite. */

describe('parseHeader', () => {
  it('reads title, description (with continuation lines) and tags, and returns the SQL body', () => {
    const text = [
      '-- title: Failed logins',
      '-- description: Console sign-in failures',
      '--   grouped by user and IP.',
      '-- tags: identity, console,  brute-force',
      '-- author: someone',
      '',
      '-- a comment that belongs to the SQL',
      'SELECT 1',
    ].join('\n');
    const { header, fields, body } = parseHeader(text);
    expect(header).toEqual({ title: 'Failed logins', description: 'Console sign-in failures grouped by user and IP.', tags: ['identity', 'console', 'brute-force'] });
    expect(fields.author).toBe('someone');
    expect(body).toBe('-- a comment that belongs to the SQL\nSELECT 1');
  });

  it('treats a file without a header as all SQL', () => {
    expect(parseHeader('SELECT 1 -- title: no')).toEqual({ header: { tags: [] }, fields: {}, body: 'SELECT 1 -- title: no' });
  });

  it('round-trips through formatHeader', () => {
    const h = { title: 'T', description: 'D', tags: ['a', 'b'] };
    expect(parseHeader(`${formatHeader(h)}SELECT 2`).header).toEqual(h);
  });
});

describe('sample library', () => {
  const samples = listSamples();

  it('has at least 30 queries, each with a title, description and tags, named by its kebab-case file stem', () => {
    expect(samples.length).toBeGreaterThanOrEqual(30);
    for (const s of samples) {
      expect(s.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.title, s.name).not.toBe(s.name);
      expect(s.description, s.name).toBeTruthy();
      expect(s.tags.length, s.name).toBeGreaterThan(0);
      expect(s.path).toBe(join(SAMPLES_DIR, `${s.name}.sql`));
    }
  });

  it('every sample reads FROM $EDS_ID and is not tied to a recent time window', () => {
    for (const s of samples) {
      const { text, body } = loadSample(s.name);
      expect(text, s.name).toContain('FROM $EDS_ID');
      expect(body.toLowerCase(), s.name).not.toMatch(/current_(timestamp|date)|now\(\)|interval/);
    }
  });

  it('covers the investigations the issue lists', () => {
    const names = new Set(samples.map((s) => s.name));
    for (const n of [
      'top-apis-by-source',
      'manually-created-resources',
      'console-logins-without-mfa',
      'failed-console-logins',
      'root-account-usage',
      'access-denied-by-principal',
      'cloudtrail-tampering',
      'iam-policy-changes',
      'new-access-keys',
      'security-groups-open-to-world',
      'network-changes',
      'kms-key-deletion',
      's3-bucket-policy-changes',
      'activity-by-source-ip',
      'activity-by-access-key',
      'cross-account-assume-role',
      'top-errors',
      'events-by-region-and-service',
      'read-write-per-day',
      'top-s3-objects-read',
      'dynamodb-item-activity',
    ]) {
      expect(names.has(n), n).toBe(true);
    }
    expect(loadSample('top-apis-by-source').title).toBe('Top APIs aggregated by source');
    expect(loadSample('top-apis-by-source').body).toMatch(/eventSource, eventName, COUNT\(\*\) AS apiCount[\s\S]*GROUP BY eventSource, eventName[\s\S]*ORDER BY apiCount DESC/);
    const manual = loadSample('manually-created-resources');
    expect(manual.title).toBe('Investigate manually created resources');
    expect(manual.body).toContain("NOT LIKE 'AWSServiceRole%'");
    expect(manual.body).toContain("'%/aws-service-role/%'");
    expect(manual.body).toContain("'cloudformation.amazonaws.com'");
  });

  it('refuses unknown and malformed names with a next step', () => {
    expect(() => loadSample('no-such-sample')).toThrow(/no sample query named "no-such-sample"; `ctlake samples` lists them/);
    expect(() => loadSample('../detections/cis-4.03-root-account-usage')).toThrow(/not a valid query name/);
  });
});

describe('saved queries', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
  });
  afterEach(() => cleanup());

  it('defaults to queries/ beside the store file', () => {
    expect(defaultQueriesDir('/x/y/ctlake.duckdb')).toBe('/x/y/queries');
    expect(defaultQueriesDir('ctlake.duckdb')).toBe('queries');
  });

  it('saves, lists, loads and removes plain .sql files with a header', () => {
    const q = saveQuery(join(dir, 'queries'), 'failed-logins', "SELECT * FROM $EDS_ID WHERE errorCode = 'x'", { title: 'Failed logins', tags: ['identity'] });
    expect(q.path).toBe(join(dir, 'queries', 'failed-logins.sql'));
    expect(readFileSync(q.path, 'utf8')).toBe("-- title: Failed logins\n-- tags: identity\nSELECT * FROM $EDS_ID WHERE errorCode = 'x'\n");
    saveQuery(join(dir, 'queries'), 'a_first', 'SELECT 1');
    expect(listSaved(join(dir, 'queries')).map((x) => [x.name, x.title])).toEqual([
      ['a_first', 'a_first'],
      ['failed-logins', 'Failed logins'],
    ]);
    expect(loadSaved(join(dir, 'queries'), 'failed-logins').body).toBe("SELECT * FROM $EDS_ID WHERE errorCode = 'x'");
    removeSaved(join(dir, 'queries'), 'a_first');
    expect(readdirSync(join(dir, 'queries'))).toEqual(['failed-logins.sql']);
    expect(() => removeSaved(join(dir, 'queries'), 'a_first')).toThrow(/no saved query named "a_first"/);
  });

  it('keeps a header already in the SQL, letting explicit options win', () => {
    const text = '-- title: From file\n-- description: kept\n-- tags: a\nSELECT 1';
    const q = saveQuery(dir, 'x', text, { tags: ['b', 'c'] });
    expect(q).toMatchObject({ title: 'From file', description: 'kept', tags: ['b', 'c'], body: 'SELECT 1' });
  });

  it('never overwrites without force', () => {
    saveQuery(dir, 'q', 'SELECT 1');
    expect(() => saveQuery(dir, 'q', 'SELECT 2')).toThrow(/already exists .*pass --force to replace it/);
    expect(loadSaved(dir, 'q').body).toBe('SELECT 1');
    saveQuery(dir, 'q', 'SELECT 2', { force: true });
    expect(loadSaved(dir, 'q').body).toBe('SELECT 2');
    expect(readdirSync(dir)).toEqual(['q.sql']); // no temp files left
  });

  it('validates names: no path separators, no "..", kebab/snake/alnum only', () => {
    for (const bad of ['../evil', 'a/b', 'a\\b', '..', '.hidden', 'has space', '', 'x'.repeat(101), 'semi;colon', 'dot.name']) {
      expect(() => saveQuery(dir, bad, 'SELECT 1'), bad).toThrow(/not a valid query name/);
    }
    expect(readdirSync(dir)).toEqual([]);
    for (const good of ['a', 'kebab-case', 'snake_case', 'Mixed123']) expect(validateName(good)).toBe(good);
    expect(validateName('with-ext.sql')).toBe('with-ext');
  });

  it('refuses empty SQL and lists nothing for a missing folder', () => {
    expect(() => saveQuery(dir, 'empty', '-- title: only a header\n')).toThrow(/the SQL is empty/);
    expect(listSaved(join(dir, 'nope'))).toEqual([]);
    expect(existsSync(join(dir, 'empty.sql'))).toBe(false);
  });

  it('ignores files that are not query files', () => {
    writeFileSync(join(dir, 'notes.txt'), 'x');
    writeFileSync(join(dir, 'bad name.sql'), 'SELECT 1');
    saveQuery(dir, 'ok', 'SELECT 1');
    expect(listSaved(dir).map((q) => q.name)).toEqual(['ok']);
  });
});
