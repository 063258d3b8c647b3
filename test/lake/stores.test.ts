import { describe, expect, it } from 'vitest';
import { LakeSqlError, translateLake } from '../../src/query/lake/index.js';
import { isPlaceholder } from '../../src/query/lake/stores.js';

const A = { id: '5e2676f8-9fce-46ef-8142-3e36a94e6691', name: 'main' };
const B = { id: '0233062b-51c6-4d18-8dec-a8c90da840d9', name: 'other' };
const OTHER_UUID = '074365db-2079-4c18-ab83-e753897b74fe';

function err(sql: string, opts: Parameters<typeof translateLake>[1]): LakeSqlError {
  try {
    translateLake(sql, opts);
  } catch (e) {
    if (e instanceof LakeSqlError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('table references', () => {
  it('reads a bare UUID as one table name (not a number and a subtraction)', () => {
    expect(translateLake(`SELECT 1 FROM ${A.id}`, { stores: [A, B] }).sql).toBe(`SELECT 1 AS "_col0" FROM "${A.id}"`);
  });

  it('resolves a placeholder to the only store, or to defaultStore (by name or id)', () => {
    expect(translateLake('SELECT * FROM <EDS ID>', { stores: [A] }).sql).toBe(`SELECT * FROM "${A.id}" AS "<EDS ID>"`);
    expect(translateLake('SELECT * FROM eds e', { stores: [A, B], defaultStore: 'other' }).sql).toBe(`SELECT * FROM "${B.id}" e`);
    expect(translateLake('SELECT * FROM eds', { stores: [A, B], defaultStore: B.id }).stores).toEqual([B.id]);
  });

  it('asks which store a placeholder means when there are several', () => {
    const e = err('SELECT *\nFROM   $EDS_ID', { stores: [A, B] });
    expect(e.code).toBe('E_AMBIGUOUS_STORE');
    expect(e).toMatchObject({ line: 2, column: 8, token: '$EDS_ID' });
    expect(e.message).toContain('main (5e2676f8-9fce-46ef-8142-3e36a94e6691)');
    expect(e.message).toContain('--store');
  });

  it('names the available stores for an unknown UUID, unless there is only one store', () => {
    const e = err(`SELECT * FROM ${OTHER_UUID}`, { stores: [A, B] });
    expect(e.code).toBe('E_UNKNOWN_STORE');
    expect(e.message).toContain(OTHER_UUID);
    expect(e.message).toContain('other (0233062b-51c6-4d18-8dec-a8c90da840d9)');
    expect(translateLake(`SELECT * FROM ${OTHER_UUID} AS x`, { stores: [A] }).sql).toBe(`SELECT * FROM "${A.id}" AS x`);
  });

  it('refuses table names that are neither stores nor placeholders', () => {
    const e = err('SELECT * FROM events', { stores: [A] });
    expect(e.code).toBe('E_UNKNOWN_STORE');
    expect(e.column).toBe(15);
  });

  it('says to ingest first when there are no stores', () => {
    expect(err('SELECT * FROM eds', { stores: [] }).code).toBe('E_NO_STORE');
  });

  it('reports an unknown --store', () => {
    expect(err('SELECT * FROM eds', { stores: [A], defaultStore: 'nope' }).code).toBe('E_UNKNOWN_STORE');
  });

  it("reads a store named like a keyword (the default store is called 'default')", () => {
    const D = { id: 'd0000000-0000-4000-8000-000000000000', name: 'default' };
    expect(translateLake('SELECT count(*) AS n FROM default WHERE x = 1', { stores: [A, D] }).sql).toBe(`SELECT count(*) AS "n" FROM "${D.id}" AS "default" WHERE x = 1`);
  });

  it('resolves tables in joins, comma lists, subqueries and set operations', () => {
    const t = translateLake('SELECT 1 FROM eds1 a JOIN eds2 b ON a.x = b.x, (SELECT * FROM <EDS_ID>) c UNION SELECT 2 FROM {{x}}', { stores: [A] });
    expect(t.sql.match(new RegExp(A.id, 'g'))).toHaveLength(4);
  });

  it('keeps subtraction and comparisons outside FROM', () => {
    const t = translateLake('SELECT a-b, c < d AND e > f FROM eds WHERE x-1 > 0 AND a IS DISTINCT FROM b-c', { stores: [A] });
    expect(t.sql).toContain('a-b');
    expect(t.sql).toContain('c < d AND e > f');
    expect(t.sql).toContain('DISTINCT FROM b-c');
  });

  it('knows which names are placeholders', () => {
    for (const p of ['eds', 'EDS3', 'eds-ID', 'edsB', 'event_data_store_ID', 'config_event_data_store_ID', '<x>', '{{y}}', '$EDS_ID', 'EXAMPLEb529-4e8f9l3d-6m2z-lkp5sEXAMPLE', 'xxxx-xxxx-xx']) {
      expect(isPlaceholder(p), p).toBe(true);
    }
    for (const p of ['events', 'cloudtrail', 'feeds', 'default']) expect(isPlaceholder(p), p).toBe(false);
  });
});
