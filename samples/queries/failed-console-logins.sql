-- title: Failed console logins
-- description: Console sign-in failures grouped by user name and source IP. Many failures from one
--   IP across several user names suggest password spraying; many for one user, guessing.
-- tags: identity, console, brute-force, cis
SELECT COALESCE(userIdentity.userName, element_at(additionalEventData, 'UserName'), userIdentity.principalId) AS userName,
       sourceIPAddress,
       COUNT(*) AS failures,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen,
       MAX(errorMessage) AS sampleError
FROM $EDS_ID
WHERE eventName = 'ConsoleLogin'
  AND (element_at(responseElements, 'ConsoleLogin') = 'Failure' OR errorMessage IS NOT NULL)
GROUP BY 1, 2
ORDER BY failures DESC
