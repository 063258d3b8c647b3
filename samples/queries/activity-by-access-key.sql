-- title: Activity by access key ID
-- description: Every access key ID seen, whose it is, what it did and from how many IPs. Long-term keys
--   (AKIA...) used from many IPs, or at all after a rotation, deserve a look. Add a
--   WHERE userIdentity.accessKeyId = 'AKIA...' to follow one key.
-- tags: identity, credentials, investigation
SELECT userIdentity.accessKeyId AS accessKeyId,
       MAX(COALESCE(userIdentity.arn, userIdentity.principalId)) AS principal,
       COUNT(*) AS calls,
       COUNT(DISTINCT eventName) AS distinctApis,
       COUNT(DISTINCT sourceIPAddress) AS sourceIps,
       COUNT(errorCode) AS errors,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE userIdentity.accessKeyId IS NOT NULL
  AND userIdentity.accessKeyId <> ''
GROUP BY userIdentity.accessKeyId
ORDER BY calls DESC
