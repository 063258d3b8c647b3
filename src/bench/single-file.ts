import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, createGzip } from 'node:zlib';
import fg from 'fast-glob';
import { generateTree } from '../gen/index.js';

/**
 * A tree holding one huge log file (for the bounded-memory check): generated events are
 * streamed into a single `{"Records":[...]}` gzip, never held in memory at once.
 */
export async function writeSingleFile(out: string, events: number): Promise<void> {
  const parts = join(out, '.parts');
  await generateTree({ out: parts, events, seed: 2 });
  const day = join(out, 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01');
  mkdirSync(day, { recursive: true });
  const gz = createGzip({ level: 6 });
  const done = new Promise<void>((ok, fail) => gz.pipe(createWriteStream(join(day, '111122223333_CloudTrail_us-east-1_20240301T0000Z_huge0000000000.json.gz'))).on('finish', ok).on('error', fail));
  const write = (s: string) => (gz.write(s) ? Promise.resolve() : new Promise<void>((ok) => gz.once('drain', () => ok())));
  await write('{"Records":[');
  let first = true;
  for (const f of fg.sync('**/*.json.gz', { cwd: parts, absolute: true }).sort()) {
    const text = gunzipSync(readFileSync(f)).toString('utf8');
    const inner = text.slice(text.indexOf('[') + 1, text.lastIndexOf(']'));
    if (!inner) continue;
    await write(first ? inner : `,${inner}`);
    first = false;
  }
  await write(']}');
  gz.end();
  await done;
  rmSync(parts, { recursive: true, force: true });
}
