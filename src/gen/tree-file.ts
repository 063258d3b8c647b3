// Builds one planned log file. Shared by the in-process path and the worker
// threads: both rebuild the same world/catalog from the seed, and each file
// draws only from its own PRNG stream, so a file's bytes do not depend on
// which thread produced it or in what order.

import { Catalog } from './catalog.js';
import { WINDOW_MS, logFilePath } from './layout.js';
import { Rng } from './prng.js';
import { randomRecord } from './record.js';
import { buildWorld, type Account, type World } from './world.js';

export interface PlannedFile {
  account: string;
  region: string;
  /** Start of the 5-minute window; the file is stamped at its end (delivery). */
  start: number;
  events: number;
  id: string;
  seed: number;
}

export interface BuiltFile {
  dir: string;
  name: string;
  json: string;
}

export class FileBuilder {
  private readonly world: World;
  private readonly catalog: Catalog;
  private readonly accounts: Map<string, Account>;

  constructor(seed: number, accounts: readonly string[], regions: readonly string[]) {
    this.world = buildWorld(seed, accounts);
    this.catalog = new Catalog(this.world, regions);
    this.accounts = new Map(this.world.accounts.map((a) => [a.id, a]));
  }

  build(f: PlannedFile): BuiltFile {
    const rng = new Rng(f.seed);
    const acct = this.accounts.get(f.account);
    if (!acct) throw new Error(`unknown account ${f.account}`);
    const offsets = new Array<number>(f.events);
    for (let i = 0; i < f.events; i++) offsets[i] = rng.int(0, WINDOW_MS / 1000 - 1) * 1000;
    offsets.sort((a, b) => a - b);
    const records = offsets.map((off) => randomRecord(this.catalog, this.world, acct, f.region, f.start + off, rng));
    const { dir, name } = logFilePath(f.account, f.region, f.start + WINDOW_MS, f.id);
    // One stringify of the whole document: compact, no whitespace, like real deliveries.
    return { dir, name, json: JSON.stringify({ Records: records }) };
  }
}
