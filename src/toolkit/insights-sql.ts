import { CtlakeError } from '../errors.js';
import type { QuerySession } from '../query/session.js';
import type { InsightType } from './insights-run.js';

/** SQL pieces shared by the Insights queries: which events count, and how they are keyed. */

/** Insights events never feed the rates they describe. */
export const NOT_INSIGHT = `coalesce(eventCategory, '') <> 'Insight' AND coalesce(fileKind, '') <> 'CloudTrail-Insight'`;
/** Management events; records older than eventVersion 1.06 have no managementEvent field. */
export const MANAGEMENT = `coalesce(managementEvent, eventType IN ('AwsApiCall', 'AwsConsoleAction')) AND coalesce(eventCategory, 'Management') = 'Management'`;
export const FILTER: Record<InsightType, string> = {
  ApiCallRateInsight: `readOnly = false AND ${MANAGEMENT}`,
  ApiErrorRateInsight: `nullif(errorCode, '') IS NOT NULL AND ${MANAGEMENT}`,
};
export const ACCOUNT = 'coalesce(recipientAccountId, pathAccountId)';
export const REGION = 'coalesce(awsRegion, pathRegion)';
export const MINUTE = 'CAST(floor(epoch(eventTime) / 60) AS BIGINT)';

export async function query(session: QuerySession, sql: string): Promise<unknown[][]> {
  const r = await session.run(sql, { dialect: 'duckdb' });
  if (r.error) throw new CtlakeError(r.error.code, `insights query failed: ${r.error.message}`, r.error.detail);
  return r.rows;
}
