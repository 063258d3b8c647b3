-- title: Role sessions by issuing role
-- description: Activity of assumed-role sessions grouped by the role that issued them, with session
--   count, source identities and MFA. Shows which roles people and workloads actually use.
-- tags: identity, sts, roles, aggregation
SELECT userIdentity.sessionContext.sessionIssuer.arn AS issuerRole,
       COUNT(*) AS calls,
       COUNT(DISTINCT userIdentity.principalId) AS sessions,
       COUNT(DISTINCT userIdentity.sessionContext.sourceIdentity) AS sourceIdentities,
       SUM(CASE WHEN userIdentity.sessionContext.attributes.mfaAuthenticated = 'true' THEN 1 ELSE 0 END) AS callsWithMfa,
       COUNT(DISTINCT sourceIPAddress) AS sourceIps,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE userIdentity.type = 'AssumedRole'
GROUP BY 1
ORDER BY calls DESC
