// A tiny DSL for scripting the sample tree's story: each call names who did
// what, when and where, and supplies the request/response bodies; record.ts
// fills in everything generic. Scripted calls never get random errors - the
// outcome is part of the story.

import { compile, type Compiled } from './catalog.js';
import type { Ctx, Parts, Template } from './catalog-types.js';
import { buildRecord, type CloudTrailRecord } from './record.js';
import type { Rng } from './prng.js';
import type { Account, Actor, World } from './world.js';

export interface ScriptedEvent {
  account: string;
  region: string;
  t: number;
  record: CloudTrailRecord;
}

export interface Call {
  /** `03-01 09:30:12` within 2024 (UTC). */
  at: string;
  acct: Account;
  region: string;
  /** Actor name in the account's world (e.g. `alice`, `CloudFormationExecutionRole`). */
  as: string;
  api: Compiled;
  parts: Parts | ((c: Ctx) => Parts);
  error?: { code?: string; message?: string };
  /** Replace the generated userIdentity (anonymous or cross-account callers). */
  identity?: Record<string, unknown>;
  sourceIPAddress?: string;
  userAgent?: string;
  sharedEventID?: string;
  requestID?: string;
}

type ApiOpts = Omit<Template, 'source' | 'name' | 'w' | 'who' | 'f' | 'ro'> & { ro?: boolean };

/** Declare an API used by the story (it need not be in the random catalog). */
export function api(source: string, name: string, opts: ApiOpts = {}): Compiled {
  return compile({ source, name, w: 0, who: {}, ro: opts.ro ?? /^(Describe|Get|List|Head|Lookup)/.test(name), ...opts });
}

export const at = (s: string): number => {
  const ms = Date.parse(`2024-${s.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new Error(`bad story time ${s}`);
  return ms;
};

export class Script {
  readonly events: ScriptedEvent[] = [];

  constructor(
    readonly world: World,
    readonly rng: Rng,
  ) {}

  actor(acct: Account, name: string): Actor {
    const a = acct.byName.get(name);
    if (!a) throw new Error(`no actor ${name} in ${acct.id}`);
    return a;
  }

  call(k: Call): CloudTrailRecord {
    const t = at(k.at);
    const c: Ctx = { rng: this.rng, world: this.world, acct: k.acct, region: k.region, t, actor: this.actor(k.acct, k.as) };
    const parts = typeof k.parts === 'function' ? k.parts(c) : k.parts;
    const record = buildRecord(c, k.api, parts, {
      error: k.error ?? null,
      sharedEventID: k.sharedEventID,
      requestID: k.requestID,
    });
    if (k.identity) record.userIdentity = k.identity;
    if (k.sourceIPAddress) record.sourceIPAddress = k.sourceIPAddress;
    if (k.userAgent) record.userAgent = k.userAgent;
    this.events.push({ account: k.acct.id, region: k.region, t, record });
    return record;
  }

  /** The same call repeated `n` times, `everySec` apart (bursts, polling, data traffic). */
  repeat(n: number, everySec: number, k: Call): void {
    const t0 = at(k.at);
    for (let i = 0; i < n; i++) {
      const t = new Date(t0 + i * everySec * 1000).toISOString();
      this.call({ ...k, at: t.slice(5, 10) + ' ' + t.slice(11, 19) });
    }
  }
}
