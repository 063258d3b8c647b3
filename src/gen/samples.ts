// generateSamples: the small demo tree committed under samples/AWSLogs.
//
// Scripted story events (story.ts) are mixed with bursts of background noise
// drawn from the random catalog, then bucketed into one file per account,
// region and 5-minute window - the way CloudTrail batches deliveries. Noise is
// limited to reads, data events and routine writes so that the story's
// security-relevant events (console logins, SG changes, key deletion...) stay
// exactly as scripted and tests can count them.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TEMPLATES, Catalog } from './catalog.js';
import { insightPair } from './insights.js';
import { WINDOW_MS, gzipBytes, logFilePath, parseDay, wrapRecords } from './layout.js';
import { Rng } from './prng.js';
import { randomRecord } from './record.js';
import { userAgentOf } from './identity.js';
import { writeStory } from './story.js';
import { Script, at, type ScriptedEvent } from './story-kit.js';
import type { TreeStats } from './tree.js';
import { buildWorld, type Account } from './world.js';

export const SAMPLE_ACCOUNTS = ['111122223333', '444455556666'] as const;
export const SAMPLE_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
export const SAMPLE_DAYS = ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05'] as const;
const SAMPLE_SEED = 20240301;

export interface SampleStats extends TreeStats {
  insightFiles: number;
  insightEvents: number;
}

const ROUTINE_WRITES = new Set(['CreateTags', 'UpdateInstanceInformation', 'CreateLogStream', 'PutEvaluations', 'SendMessage', 'DeleteMessage']);
const NOISE_TEMPLATES = ALL_TEMPLATES.filter(
  (t) => t.source !== 'signin.amazonaws.com' && (t.ro || t.data || ROUTINE_WRITES.has(t.name)) && t.eventType !== 'AwsServiceEvent',
);

function noise(rng: Rng, catalog: Catalog, sc: Script, accounts: Account[]): ScriptedEvent[] {
  const out: ScriptedEvent[] = [];
  for (const day of SAMPLE_DAYS) {
    const dayMs = parseDay(day);
    for (const acct of accounts) {
      for (const region of SAMPLE_REGIONS) {
        // Busier primary region; the security account is quieter.
        const bursts = (region === 'us-east-1' ? 2 : 1) + (rng.chance(0.3) ? 1 : 0) - (acct === accounts[1] && rng.chance(0.4) ? 1 : 0);
        for (let b = 0; b < bursts; b++) {
          // Working hours only, so no window straddles midnight.
          const start = dayMs + rng.int(7, 20) * 3600_000 + rng.int(0, 11) * WINDOW_MS;
          const n = rng.int(4, 11);
          for (let i = 0; i < n; i++) {
            const t = start + rng.int(0, 299) * 1000;
            out.push({ account: acct.id, region, t, record: randomRecord(catalog, sc.world, acct, region, t, rng) });
          }
        }
      }
    }
  }
  return out;
}

/** Group into delivery files: one per account, region and 5-minute window, events in time order. */
function bucketize(events: ScriptedEvent[]): Map<string, ScriptedEvent[]> {
  const files = new Map<string, ScriptedEvent[]>();
  for (const e of events) {
    const w = Math.floor(e.t / WINDOW_MS) * WINDOW_MS;
    const key = `${e.account}|${e.region}|${String(w).padStart(15, '0')}`;
    let list = files.get(key);
    if (!list) files.set(key, (list = []));
    list.push(e);
  }
  for (const list of files.values()) list.sort((x, y) => x.t - y.t);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Write the demo tree to `<out>/AWSLogs`, replacing any previous one (only
 * that sub-directory is touched). Deterministic: same output every run.
 */
export async function generateSamples(out = 'samples'): Promise<SampleStats> {
  const world = buildWorld(SAMPLE_SEED, SAMPLE_ACCOUNTS);
  const [A, B] = world.accounts as [Account, Account];
  const rng = new Rng(SAMPLE_SEED);
  const sc = new Script(world, rng.fork(1));
  writeStory(sc, A, B);
  const catalog = new Catalog(world, SAMPLE_REGIONS, NOISE_TEMPLATES);
  const all = sc.events.concat(noise(rng.fork(2), catalog, sc, world.accounts));

  rmSync(join(out, 'AWSLogs'), { recursive: true, force: true });
  const stats: SampleStats = { files: 0, events: 0, bytesJson: 0, bytesGz: 0, insightFiles: 0, insightEvents: 0 };
  const write = (dir: string, name: string, records: unknown[]): void => {
    const json = wrapRecords(records.map((r) => JSON.stringify(r)));
    const gz = gzipBytes(json);
    mkdirSync(join(out, dir), { recursive: true });
    writeFileSync(join(out, dir, name), gz);
    stats.files++;
    stats.events += records.length;
    stats.bytesJson += Buffer.byteLength(json);
    stats.bytesGz += gz.length;
  };

  const ids = rng.fork(3);
  for (const [key, list] of bucketize(all)) {
    const [account, region, w] = key.split('|') as [string, string, string];
    const { dir, name } = logFilePath(account, region, Number(w) + WINDOW_MS, ids.alnum(16));
    write(dir, name, list.map((e) => e.record));
  }

  // The RunInstances burst on 03-03 (story.ts) as CloudTrail Insights saw it.
  const erin = A.byName.get('erin');
  const asg = A.byName.get('AWSServiceRoleForAutoScaling');
  if (!erin || !asg) throw new Error('sample world lacks erin / AWSServiceRoleForAutoScaling');
  const pair = insightPair(
    {
      account: A.id,
      region: 'us-east-1',
      eventSource: 'ec2.amazonaws.com',
      eventName: 'RunInstances',
      start: at('03-03 14:04:00'),
      end: at('03-03 14:10:00'),
      baselineAverage: 0.0019841269841,
      insightAverage: 2.4,
      attributions: [
        { attribute: 'userIdentityArn', insight: [{ value: `arn:aws:iam::${A.id}:user/erin`, average: 2.4 }], baseline: [{ value: `arn:aws:sts::${A.id}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling`, average: 0.0019841269841 }] },
        { attribute: 'userAgent', insight: [{ value: userAgentOf(erin, 'ec2', 'ec2.run-instances', false), average: 2.4 }], baseline: [{ value: 'autoscaling.amazonaws.com', average: 0.0019841269841 }] },
        { attribute: 'errorCode', insight: [{ value: 'null', average: 2.4 }], baseline: [{ value: 'null', average: 0.0019841269841 }] },
      ],
    },
    rng.fork(4),
  );
  const ins = logFilePath(A.id, 'us-east-1', at('03-03 14:15:00'), ids.alnum(16), 'CloudTrail-Insight');
  write(ins.dir, ins.name, pair);
  stats.insightFiles = 1;
  stats.insightEvents = pair.length;
  return stats;
}

