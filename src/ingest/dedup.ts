import { duplicateRemovalMemoryLimit, type Db } from '../store/duckdb.js';
import { quoteString } from '../store/schema.js';

/**
 * Duplicate removal for one batch, inside its transaction, after the plain bulk insert (much
 * cheaper than deduplicating while inserting, which drags every column along).
 *
 * A duplicate is a record delivered twice: same eventID, same eventTime and the same text
 * (eventJson, which both readers print the same way). The copy kept is the one stored first:
 * from an earlier batch or run, else from the batch's first file. Only narrow columns are read
 * to find candidates (eventID and eventTime pairs seen twice); the text of candidates alone is
 * read, and compared by its 64-bit hash (partitioning by the text itself kept every candidate's
 * text in memory: 10 s and 1 GB for a batch of a million duplicates, against 3 s by hash; a wrong
 * match would need two events with the same eventID and eventTime whose hashes collide). A reused
 * eventID with other content is two events. Stored rows are probed against a hash table of the
 * batch's keys, not the other way round: the store grows, the batch does not, and the hash table
 * is what takes memory.
 */

/** SQL predicate on a fileId column that holds for exactly the rows of the batch's files. */
export type BatchPredicate = (column: string) => string;

/**
 * A range when nothing but the batch's own files can lie in it (every id in the range is a file
 * of this batch, loaded or not), else the explicit list: a re-decoded file loaded after its batch
 * committed has an id among that batch's ids.
 */
export function batchPredicate(loadedIds: number[], batchIds: Set<number>): BatchPredicate {
  const lo = Math.min(...loadedIds);
  const hi = Math.max(...loadedIds);
  let clean = true;
  for (let id = lo; id <= hi && clean; id++) clean = batchIds.has(id);
  if (clean) return (c) => `${c} BETWEEN ${lo} AND ${hi}`;
  const list = loadedIds.join(', ');
  return (c) => `${c} IN (${list})`;
}

/** The batch's eventTime span (DuckDB's text for TIMESTAMP literals), or null when it has no rows. */
async function batchSpan(db: Db, inBatch: BatchPredicate): Promise<{ min: string; max: string } | null> {
  const [span] = await db.all<{ lo: unknown; hi: unknown }>(
    `SELECT strftime(min(eventTime), '%Y-%m-%d %H:%M:%S.%f') AS lo, strftime(max(eventTime), '%Y-%m-%d %H:%M:%S.%f') AS hi FROM events WHERE ${inBatch('fileId')}`,
  );
  return span?.lo != null && span.hi != null ? { min: String(span.lo), max: String(span.hi) } : null;
}

/** Rows of the store outside the batch, within the batch's time span (row groups outside it are skipped). */
function storedSql(storeId: string, inBatch: BatchPredicate, span: { min: string; max: string }, alias: string): string {
  return `${alias}.storeId = ${quoteString(storeId)} AND NOT (${inBatch(`${alias}.fileId`)}) AND ${alias}.eventTime BETWEEN TIMESTAMP ${quoteString(span.min)} AND TIMESTAMP ${quoteString(span.max)}`;
}

const sameKey = (a: string, b: string) => `${a}.eventID IS NOT DISTINCT FROM ${b}.eventID AND ${a}.eventTime = ${b}.eventTime`;

/**
 * Removes the batch's duplicates. The usual case, none (no key repeats within the batch, none is
 * stored already), costs one read of two narrow columns; only otherwise is any event text read.
 */
export async function deleteDuplicates(db: Db, storeId: string, inBatch: BatchPredicate): Promise<void> {
  const span = await batchSpan(db, inBatch);
  if (!span) return;
  const batch = `SELECT eventID, eventTime FROM events WHERE ${inBatch('fileId')}`;
  const keys = `SELECT eventID, eventTime FROM (${batch}) GROUP BY ALL HAVING count(*) > 1
    UNION
    SELECT o.eventID, o.eventTime FROM events o SEMI JOIN (${batch}) b ON ${sameKey('o', 'b')}
     WHERE ${storedSql(storeId, inBatch, span, 'o')}`;
  const [probe] = await db.all<{ any: boolean }>(`SELECT EXISTS (${keys}) AS "any"`);
  if (!probe?.any) return;
  await db.withMemoryLimit(duplicateRemovalMemoryLimit(), () => db.run(`DELETE FROM events WHERE rowid IN (
  SELECT rid FROM (
    SELECT e.rowid AS rid, ${inBatch('e.fileId')} AS fresh,
           row_number() OVER (PARTITION BY e.eventID, e.eventTime, hash(e.eventJson) ORDER BY ${inBatch('e.fileId')}, e.fileId, e.rowid) AS copy
      FROM events e SEMI JOIN (${keys}) k ON ${sameKey('k', 'e')}
     WHERE e.storeId = ${quoteString(storeId)} AND e.eventTime BETWEEN TIMESTAMP ${quoteString(span.min)} AND TIMESTAMP ${quoteString(span.max)}
  ) WHERE fresh AND copy > 1
)`));
}
