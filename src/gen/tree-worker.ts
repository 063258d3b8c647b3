// Worker thread for generateTree: builds, gzips (synchronously - the worker
// is the parallelism) and writes its share of the planned files, then reports
// its totals. Only used from compiled JS (dist/); see tree.ts.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipBytes } from './layout.js';
import { FileBuilder, type PlannedFile } from './tree-file.js';

export interface WorkerInput {
  out: string;
  seed: number;
  accounts: string[];
  regions: string[];
  files: PlannedFile[];
}

export interface WorkerResult {
  files: number;
  events: number;
  bytesJson: number;
  bytesGz: number;
}

const input = workerData as WorkerInput;
const builder = new FileBuilder(input.seed, input.accounts, input.regions);
const result: WorkerResult = { files: 0, events: 0, bytesJson: 0, bytesGz: 0 };
const made = new Set<string>();
for (const f of input.files) {
  const { dir, name, json } = builder.build(f);
  const abs = join(input.out, dir);
  if (!made.has(abs)) {
    mkdirSync(abs, { recursive: true });
    made.add(abs);
  }
  const gz = gzipBytes(json);
  writeFileSync(join(abs, name), gz);
  result.files++;
  result.events += f.events;
  result.bytesJson += Buffer.byteLength(json);
  result.bytesGz += gz.length;
}
parentPort?.postMessage(result);
