-- title: Calls from offensive-security and scripting tools
-- description: User agents of penetration-testing distributions and tools (Kali, Parrot, Pacu,
--   ScoutSuite, Prowler, CloudMapper...) and of raw HTTP clients. Legitimate audits use some of them;
--   confirm who ran them.
-- tags: reconnaissance, user-agent, threat-hunting
SELECT userAgent,
       COALESCE(userIdentity.arn, userIdentity.principalId) AS principal,
       COUNT(*) AS calls,
       COUNT(DISTINCT eventName) AS distinctApis,
       MIN(eventTime) AS firstSeen,
       MAX(eventTime) AS lastSeen
FROM $EDS_ID
WHERE lower(userAgent) LIKE '%kali%'
   OR lower(userAgent) LIKE '%parrot%'
   OR lower(userAgent) LIKE '%pentoo%'
   OR lower(userAgent) LIKE '%pacu%'
   OR lower(userAgent) LIKE '%scoutsuite%'
   OR lower(userAgent) LIKE '%prowler%'
   OR lower(userAgent) LIKE '%cloudmapper%'
   OR lower(userAgent) LIKE '%stratus-red-team%'
   OR lower(userAgent) LIKE 'curl/%'
   OR lower(userAgent) LIKE 'python-requests/%'
   OR lower(userAgent) LIKE 'go-http-client/%'
GROUP BY 1, 2
ORDER BY calls DESC
