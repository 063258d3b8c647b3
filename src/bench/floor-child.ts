/** Benchmark floor (a), Node flavour: gunzip a share of the files to nothing, in one thread. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

let bytes = 0;
for (const f of process.argv.slice(2)) bytes += gunzipSync(readFileSync(f)).length;
process.stdout.write(`${bytes}\n`);
