-- id: cis-4.5
-- title: CIS 4.5: CloudTrail configuration changes
-- severity: medium
-- mitre: T1562.008 Impair Defenses: Disable or Modify Cloud Logs
-- description: Trails created, updated, deleted, started or stopped. The ct-* rules single out the
--   dangerous ones. CIS AWS Foundations Benchmark 4.5 metric filter.
-- remediation: Check each change was planned; make sure every trail is logging (aws cloudtrail get-
--   trail-status).
-- pattern: { ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventName IN ('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging')
