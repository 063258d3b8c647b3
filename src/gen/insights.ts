// CloudTrail Insights events. They live in their own prefix
// (AWSLogs/<account>/CloudTrail-Insight/<region>/...) and have a different
// record shape: no userIdentity, an insightDetails block, and a Start/End
// pair linked by sharedEventID.

import { isoSeconds } from './layout.js';
import type { Rng } from './prng.js';

export interface Attribution {
  attribute: 'userIdentityArn' | 'userAgent' | 'errorCode';
  insight: { value: string; average: number }[];
  baseline: { value: string; average: number }[];
}

export interface InsightSpec {
  account: string;
  region: string;
  eventSource: string;
  eventName: string;
  /** Epoch ms when the unusual activity started / ended. */
  start: number;
  end: number;
  /** Calls per minute over the baseline (7 days) and during the insight. */
  baselineAverage: number;
  insightAverage: number;
  attributions: Attribution[];
}

function insightRecord(s: InsightSpec, state: 'Start' | 'End', sharedEventID: string, rng: Rng): Record<string, unknown> {
  const durationMin = Math.max(1, Math.round((s.end - s.start) / 60_000));
  return {
    eventVersion: '1.08',
    eventTime: isoSeconds(state === 'Start' ? s.start : s.end),
    awsRegion: s.region,
    eventID: rng.uuid(),
    eventType: 'AwsCloudTrailInsight',
    recipientAccountId: s.account,
    sharedEventID,
    insightDetails: {
      state,
      eventSource: s.eventSource,
      eventName: s.eventName,
      insightType: 'ApiCallRateInsight',
      insightContext: {
        statistics: {
          baseline: { average: s.baselineAverage },
          insight: { average: s.insightAverage },
          // Present on both events: minutes of unusual activity, and the
          // (at least 7-day) baseline window that preceded it.
          insightDuration: durationMin,
          baselineDuration: 10080,
        },
        attributions: s.attributions,
      },
    },
    eventCategory: 'Insight',
  };
}

/** The Start and End events of one insight, in time order. */
export function insightPair(s: InsightSpec, rng: Rng): Record<string, unknown>[] {
  const shared = rng.uuid();
  return [insightRecord(s, 'Start', shared, rng), insightRecord(s, 'End', shared, rng)];
}
