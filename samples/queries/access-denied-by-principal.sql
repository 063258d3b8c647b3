-- title: Access denied by principal
-- description: Refused calls (AccessDenied, UnauthorizedOperation and friends) per principal, with how
--   many distinct APIs were refused. A principal refused on many different APIs is probing what
--   its credentials can do.
-- tags: identity, errors, reconnaissance, cis
SELECT COALESCE(userIdentity.arn, userIdentity.principalId) AS principal,
       COUNT(*) AS deniedCalls,
       COUNT(DISTINCT eventName) AS distinctApis,
       COUNT(DISTINCT sourceIPAddress) AS sourceIps,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE errorCode LIKE '%AccessDenied%'
   OR errorCode LIKE '%UnauthorizedOperation%'
   OR errorCode LIKE '%Unauthorized%'
   OR errorCode = 'Forbidden'
GROUP BY 1
ORDER BY deniedCalls DESC
