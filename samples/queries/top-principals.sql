-- title: Most active principals
-- description: Who makes the calls: each principal's identity type, call count, error count, services
--   touched, source IPs and time span.
-- tags: identity, overview, aggregation
SELECT COALESCE(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       MAX(userIdentity.type) AS identityType,
       COUNT(*) AS calls,
       COUNT(errorCode) AS errors,
       COUNT(DISTINCT eventSource) AS services,
       COUNT(DISTINCT sourceIPAddress) AS sourceIps,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE eventCategory <> 'Insight'
GROUP BY 1
ORDER BY calls DESC
