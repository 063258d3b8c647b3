-- title: Activity by source IP
-- description: Every source IP address with its call count, principals, accounts, error count and
--   first/last seen. Add a WHERE sourceIPAddress = '...' to follow one address.
-- tags: network, overview, investigation
SELECT sourceIPAddress,
       COUNT(*) AS calls,
       COUNT(DISTINCT COALESCE(userIdentity.arn, userIdentity.principalId)) AS principals,
       COUNT(DISTINCT recipientAccountId) AS accounts,
       COUNT(DISTINCT eventName) AS distinctApis,
       COUNT(errorCode) AS errors,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE sourceIPAddress IS NOT NULL
GROUP BY sourceIPAddress
ORDER BY calls DESC
