-- id: cis-4.6
-- title: CIS 4.6: Console authentication failures
-- severity: low
-- mitre: T1110 Brute Force
-- description: Failed console sign-ins ("Failed authentication"): password guessing shows up as bursts
--   per user or source IP. CIS AWS Foundations Benchmark 4.6 metric filter.
-- remediation: Look for many failures from one IP or against one user; lock or reset the targeted users,
--   enforce MFA.
-- pattern: { ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName = 'ConsoleLogin' AND errorMessage = 'Failed authentication'
