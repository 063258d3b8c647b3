/**
 * Worker-thread entry for the decode stage. Receives an init message, then FileTasks; answers
 * each with its DecodeResult. Decoding is CPU-bound (gunzip, scan, SHA-256), so two of these
 * keep both cores busy while DuckDB loads the previous batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeZips, decodeFile, type DecodeContext } from './decode-file.js';
import type { FileTask } from './types.js';

interface Init {
  tmpDir: string;
  limits: DecodeContext['limits'];
  knownShas: string[];
}

const init = workerData as Init;
const ctx: DecodeContext = { tmpDir: init.tmpDir, limits: init.limits, knownShas: new Set(init.knownShas) };

parentPort!.on('message', (msg: { task?: FileTask; close?: true }) => {
  if (msg.close) {
    void closeZips().then(() => parentPort!.close());
    return;
  }
  if (msg.task) void decodeFile(msg.task, ctx).then((r) => parentPort!.postMessage(r));
});
