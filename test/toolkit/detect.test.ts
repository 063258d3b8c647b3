import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';
import { buildStore, datasets, ids, rawEvents, run, suiteTitle, type Rec } from './filter-raw-events.js';

/**
 * `ctlake detect` end to end: rule summaries and event lists against the same rules written as
 * JavaScript over the raw JSON, exit code 4 on high-severity hits, user rule folders, and the
 * CIS rules' SQL agreeing with their CloudWatch filter patterns (`ctlake filter`).
 */

const rp = (e: Rec, k: string): unknown => (e.requestParameters && typeof e.requestParameters === 'object' ? e.requestParameters[k] : undefined);
const text = (v: unknown) => (v == null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v));
const fromCloudTrail = (e: Rec, name: string) => e.eventSource === 'cloudtrail.amazonaws.com' && e.eventName === name;

/** The pack's rules, restated over raw events. */
const RULES: Record<string, { severity: string; match: (e: Rec) => boolean }> = {
  'ct-stop-logging': { severity: 'high', match: (e) => fromCloudTrail(e, 'StopLogging') },
  'ct-delete-trail': { severity: 'high', match: (e) => fromCloudTrail(e, 'DeleteTrail') },
  'ct-describe-trails': { severity: 'low', match: (e) => fromCloudTrail(e, 'DescribeTrails') },
  'ct-deregister-delegated-admin': { severity: 'high', match: (e) => e.eventName === 'DeregisterOrganizationDelegatedAdmin' },
  'ct-update-trail-weakened': {
    severity: 'medium',
    match: (e) =>
      fromCloudTrail(e, 'UpdateTrail') &&
      (['includeGlobalServiceEvents', 'isMultiRegionTrail', 'enableLogFileValidation'].some((k) => text(rp(e, k)) === 'false') || rp(e, 's3BucketName') != null || rp(e, 'kmsKeyId') != null),
  },
  'cis-4.3': {
    severity: 'high',
    match: (e) => e.userIdentity?.type === 'Root' && e.userIdentity?.invokedBy == null && typeof e.eventType === 'string' && e.eventType !== 'AwsServiceEvent',
  },
  'cis-4.7': { severity: 'high', match: (e) => e.eventSource === 'kms.amazonaws.com' && ['DisableKey', 'ScheduleKeyDeletion'].includes(e.eventName) },
  'ec2-security-group-open-to-world': {
    severity: 'high',
    match: (e) =>
      ['AuthorizeSecurityGroupIngress', 'ModifySecurityGroupRules'].includes(e.eventName) &&
      e.errorCode == null &&
      (/\/0"/.test(text(rp(e, 'ipPermissions')) ?? '') ||
        /\/0$/.test(text(rp(e, 'cidrIp')) ?? '') ||
        /\/0$/.test(text(rp(e, 'cidrIpv6')) ?? '') ||
        /\/0"/.test(text(rp(e, 'ModifySecurityGroupRulesRequest')) ?? '')),
  },
  'iam-access-key-for-other-user': {
    severity: 'high',
    match: (e) => {
      const target = text(rp(e, 'userName'));
      const type = e.userIdentity?.type;
      return e.eventName === 'CreateAccessKey' && e.errorCode == null && target !== undefined && ((type != null && type !== 'IAMUser') || (e.userIdentity?.userName ?? '') !== target);
    },
  },
  'iam-mfa-device-deactivated': { severity: 'medium', match: (e) => ['DeactivateMFADevice', 'DeleteVirtualMFADevice'].includes(e.eventName) && e.errorCode == null },
};

function top(values: string[]): { value: string; count: number }[] {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([value, count]) => ({ value, count }));
}

const iso = (t: string) => new Date(Date.parse(t)).toISOString();
const principal = (e: Rec) => e.userIdentity?.arn ?? e.userIdentity?.invokedBy ?? e.userIdentity?.principalId ?? '(none)';
const packRules = () => readdirSync(join(ROOT, 'samples/detections')).filter((f) => f.endsWith('.sql'));

for (const ds of datasets()) {
  describe.skipIf(ds.skip)(suiteTitle('detect', ds), () => {
    const t = tempDir();
    const db = join(t.dir, 'store.duckdb');
    let raw: Rec[];
    let summary: { rules: Rec[]; highSeverityWithHits: number };
    let code: number;
    beforeAll(async () => {
      raw = rawEvents(ds.root);
      await buildStore(ds.root, db);
      const r = run(db, ['detect', '--format', 'json'], raw.some((e) => Object.values(RULES).some((x) => x.severity === 'high' && x.match(e))) ? 4 : 0);
      summary = JSON.parse(r.stdout);
      code = r.code;
    });
    afterAll(() => t.cleanup());

    it('runs the whole pack and summarises each rule as the raw events say', () => {
      expect(summary.rules.map((r) => r.id).sort()).toEqual(packRules().map((f) => /^-- id: (.+)$/m.exec(readFileSync(join(ROOT, 'samples/detections', f), 'utf8'))![1]).sort());
      expect(summary.rules.every((r) => !r.error)).toBe(true);
      for (const [id, rule] of Object.entries(RULES)) {
        const got = summary.rules.find((r) => r.id === id)!;
        const hits = raw.filter(rule.match);
        const times = hits.map((e) => iso(e.eventTime)).sort();
        expect(got.severity, id).toBe(rule.severity);
        expect({ hits: got.hits, firstSeen: got.firstSeen, lastSeen: got.lastSeen }, id).toEqual({ hits: hits.length, firstSeen: times[0] ?? null, lastSeen: times.at(-1) ?? null });
        expect(got.topPrincipals, id).toEqual(top(hits.map(principal)));
        expect(got.topSourceIPs, id).toEqual(top(hits.map((e) => e.sourceIPAddress ?? '(none)')));
      }
    });

    it('exits 4 exactly when a high-severity rule has hits', () => {
      const high = summary.rules.filter((r) => r.severity === 'high' && r.hits > 0).length;
      expect(summary.highSeverityWithHits).toBe(high);
      expect(code).toBe(high ? 4 : 0);
      expect(run(db, ['detect'], code).stdout).toMatch(new RegExp(`${summary.rules.length} rules run, \\d+ with hits \\(${high} high severity\\)`));
    });

    it('--rule ID lists the events the rule matches', () => {
      for (const id of ['ct-stop-logging', 'iam-access-key-for-other-user', 'ct-update-trail-weakened']) {
        const want = raw.filter(RULES[id]!.match);
        const r = run(db, ['detect', '--rule', id, '--format', 'json'], want.length && RULES[id]!.severity === 'high' ? 4 : 0);
        const out = JSON.parse(r.stdout) as { rule: Rec; events: Rec[] };
        expect(out.rule.id).toBe(id);
        expect(ids(out.events), id).toEqual(ids(want));
      }
    });

    it('the CIS rules match the same events as their CloudWatch filter patterns', () => {
      const withPattern = packRules()
        .map((f) => readFileSync(join(ROOT, 'samples/detections', f), 'utf8'))
        .map((s) => ({ id: /^-- id: (.+)$/m.exec(s)![1]!, pattern: /^-- pattern: (.+)$/m.exec(s)?.[1] }))
        .filter((r) => r.pattern);
      expect(withPattern.filter((r) => r.id.startsWith('cis-4.')).length).toBe(15);
      for (const { id, pattern } of withPattern) {
        const sev = summary.rules.find((r) => r.id === id)!;
        const bySql = JSON.parse(run(db, ['detect', '--rule', id, '--format', 'json'], sev.severity === 'high' && sev.hits ? 4 : 0).stdout).events as Rec[];
        const byPattern = JSON.parse(run(db, ['filter', pattern!, '--format', 'json']).stdout) as Rec[];
        expect(ids(bySql), `${id}: ${pattern}`).toEqual(ids(byPattern));
        expect(bySql.length).toBe(sev.hits);
      }
    });

    it('takes user rules from --rules, and reports broken ones', () => {
      const dir = join(t.dir, `rules-${ds.name.replace(/\W/g, '')}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'console.sql'),
        '-- id: my-console-logins\n-- title: Console sign-ins\n-- severity: low\n' +
          "SELECT eventTime, eventID, userIdentity.arn AS principal, sourceIPAddress FROM $EDS_ID WHERE eventName = 'ConsoleLogin';\n",
      );
      const out = JSON.parse(run(db, ['detect', '--no-builtin', '--rules', dir, '--format', 'json']).stdout);
      const logins = raw.filter((e) => e.eventName === 'ConsoleLogin');
      expect(out.rules.map((r: Rec) => [r.id, r.hits])).toEqual([['my-console-logins', logins.length]]);

      writeFileSync(join(dir, 'broken.sql'), "-- id: broken\n-- title: Broken\n-- severity: medium\nSELECT eventTime FROM $EDS_ID WHERE eventName = 'x'\n");
      const r = run(db, ['detect', '--no-builtin', '--rules', dir], 1);
      expect(r.stderr).toMatch(/rule broken \(.*broken\.sql\) must select eventID, principal, sourceIPAddress/);

      writeFileSync(join(dir, 'broken.sql'), '-- id: broken\n-- title: Broken\nSELECT 1 FROM $EDS_ID\n');
      expect(run(db, ['detect', '--no-builtin', '--rules', dir], 1).stderr).toMatch(/broken\.sql: "-- severity:" must be high, medium or low/);
      expect(run(db, ['detect', '--rule', 'no-such-rule'], 2).stderr).toMatch(/no rule with id "no-such-rule"/);
    });
  });
}

describe('detect --list', () => {
  it('lists the pack without a store', () => {
    const t = tempDir();
    const r = run(join(t.dir, 'none.duckdb'), ['detect', '--list', '--format', 'json']);
    t.cleanup();
    const rules = JSON.parse(r.stdout) as Rec[];
    expect(rules.length).toBe(packRules().length);
    for (const id of ['ct-stop-logging', 'ct-delete-trail', 'ct-update-trail-weakened', 'ct-describe-trails', 'ct-deregister-delegated-admin']) {
      expect(rules.find((x) => x.id === id), id).toBeDefined();
    }
    expect(Object.fromEntries(rules.filter((x) => x.id.startsWith('ct-')).map((x) => [x.id, x.severity]))).toEqual({
      'ct-stop-logging': 'high',
      'ct-delete-trail': 'high',
      'ct-update-trail-weakened': 'medium',
      'ct-describe-trails': 'low',
      'ct-deregister-delegated-admin': 'high',
    });
  });
});
