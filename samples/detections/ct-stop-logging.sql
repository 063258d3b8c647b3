-- id: ct-stop-logging
-- title: CloudTrail logging stopped (StopLogging)
-- severity: high
-- mitre: T1562.008 Impair Defenses: Disable or Modify Cloud Logs
-- description: StopLogging turns a trail off: nothing the caller does next is recorded by it. Attackers
--   call it right after gaining access. Failed attempts are listed too (errorCode), they show
--   intent.
-- remediation: Run StartLogging on the trail at once, find out who called StopLogging and why, and deny
--   cloudtrail:StopLogging to everyone but a break-glass role (SCP).
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventSource = 'cloudtrail.amazonaws.com' AND eventName = 'StopLogging'
