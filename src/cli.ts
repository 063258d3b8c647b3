#!/usr/bin/env node
import { main } from './cli/main.js';

const io = { stdout: process.stdout, stderr: process.stderr, exitCode: 0 };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
