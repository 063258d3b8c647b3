// Compiles the template lists into lookup tables: which APIs are logged in a
// region (global services only in us-east-1) and which actors of an account
// may plausibly call each API. Built once per run; drawing is then O(log n).

import { COMPUTE_TEMPLATES } from './catalog-compute.js';
import { IDENTITY_TEMPLATES } from './catalog-identity.js';
import { STORAGE_TEMPLATES } from './catalog-storage.js';
import type { Template } from './catalog-types.js';
import { Rng, Weighted } from './prng.js';
import type { Account, Actor, World } from './world.js';

export interface Compiled extends Template {
  idx: number;
  /** IAM action prefix / SDK service id, e.g. `ec2`, `cloudwatch`. */
  prefix: string;
  /** aws-cli command for userAgent, e.g. `ec2.describe-instances`. */
  command: string;
  baseVersion: string;
}

export const ALL_TEMPLATES: readonly Template[] = [...IDENTITY_TEMPLATES, ...COMPUTE_TEMPLATES, ...STORAGE_TEMPLATES];

const PREFIX_OVERRIDES: Record<string, string> = { monitoring: 'cloudwatch', 'elasticloadbalancing': 'elasticloadbalancing' };

/** eventVersion differs per service in real trails; keep a stable per-service default. */
const VERSIONS: Record<string, string> = { iam: '1.08', sts: '1.08', kms: '1.08', ec2: '1.09', ssm: '1.09', signin: '1.09', cloudformation: '1.09' };

const kebab = (name: string): string =>
  name
    .replace(/\d{8}(v\d)?$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

export function compile(t: Template, idx = -1): Compiled {
  const first = t.source.split('.')[0] as string;
  const prefix = PREFIX_OVERRIDES[first] ?? first;
  return { ...t, idx, prefix, command: `${prefix}.${kebab(t.name)}`, baseVersion: t.eventVersion ?? VERSIONS[first] ?? '1.10' };
}

function eligible(a: Actor, t: Template): boolean {
  if (t.only) return t.only.includes(a.name);
  if (!(t.who[a.cls] ?? 0)) return false;
  if (a.roOnly && !t.ro) return false;
  if (a.sources && !a.sources.includes(t.source)) return false;
  // The cross-account auditor and AWS services never sign in to the console.
  if (t.eventType === 'AwsConsoleSignIn' && (a.kind === 'AWSAccount' || a.kind === 'AWSService')) return false;
  return true;
}

export class Catalog {
  readonly templates: Compiled[];
  private readonly byRegion = new Map<string, Weighted<Compiled>>();
  /** actorTables[accountIndex][templateIdx] */
  private readonly actorTables: Weighted<Actor>[][];
  private readonly accountIndex = new Map<string, number>();

  constructor(world: World, regions: readonly string[], templates: readonly Template[] = ALL_TEMPLATES) {
    this.templates = templates.map(compile);
    for (const r of regions) {
      this.byRegion.set(r, new Weighted(this.templates.filter((t) => !t.global || r === 'us-east-1').map((t) => [t, t.w] as const)));
    }
    world.accounts.forEach((acct, i) => this.accountIndex.set(acct.id, i));
    this.actorTables = world.accounts.map((acct) => this.templates.map((t) => this.actorTable(acct, t)));
  }

  private actorTable(acct: Account, t: Compiled): Weighted<Actor> {
    // `who` gives each actor class a share of the calls; split a class's share
    // among its eligible actors by their own weights.
    const ok = acct.actors.filter((a) => eligible(a, t));
    const classTotal = new Map<string, number>();
    for (const a of ok) classTotal.set(a.cls, (classTotal.get(a.cls) ?? 0) + a.w);
    const entries: [Actor, number][] = ok.map((a) => [a, ((t.who[a.cls] ?? 1) * a.w) / (classTotal.get(a.cls) ?? 1)]);
    // Every API needs some caller; fall back to the account's human users.
    if (entries.length === 0) for (const a of acct.actors) if (a.cls === 'h' && a.kind === 'IAMUser') entries.push([a, 1]);
    return new Weighted(entries);
  }

  template(rng: Rng, region: string): Compiled {
    const table = this.byRegion.get(region);
    if (!table) throw new Error(`region ${region} not in catalog`);
    return table.draw(rng);
  }

  actor(rng: Rng, account: string, t: Compiled): Actor {
    const tables = this.actorTables[this.accountIndex.get(account) ?? -1];
    if (!tables) throw new Error(`account ${account} not in world`);
    return (tables[t.idx] as Weighted<Actor>).draw(rng);
  }

  find(source: string, name: string): Compiled {
    const t = this.templates.find((x) => x.source === source && x.name === name);
    if (!t) throw new Error(`no template ${source} ${name}`);
    return t;
  }
}
