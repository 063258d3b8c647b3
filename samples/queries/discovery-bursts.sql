-- title: Discovery bursts (many List/Describe/Get APIs)
-- description: Principals that called many different List*, Describe* and Get* APIs within one hour:
--   enumeration after a credential leak looks like this. Automation (Config, scanners) does too,
--   so check the principal.
-- tags: reconnaissance, discovery, threat-hunting
SELECT COALESCE(userIdentity.arn, userIdentity.principalId) AS principal,
       date_trunc('hour', eventTime) AS hour,
       COUNT(DISTINCT eventName) AS distinctApis,
       COUNT(DISTINCT eventSource) AS services,
       COUNT(*) AS calls,
       COUNT(errorCode) AS errors
FROM $EDS_ID
WHERE (eventName LIKE 'List%' OR eventName LIKE 'Describe%' OR eventName LIKE 'Get%')
  AND eventCategory = 'Management'
GROUP BY 1, 2
HAVING COUNT(DISTINCT eventName) >= 5
ORDER BY distinctApis DESC, calls DESC
