-- id: cis-4.7
-- title: CIS 4.7: KMS customer key disabled or scheduled for deletion
-- severity: high
-- mitre: T1485 Data Destruction
-- description: DisableKey or ScheduleKeyDeletion on a KMS key: data encrypted under it becomes
--   unreadable (ransom, or destruction of evidence). CIS AWS Foundations Benchmark 4.7 metric
--   filter.
-- remediation: Cancel the deletion (CancelKeyDeletion) and re-enable the key (EnableKey) while the
--   waiting period runs; find out who called it.
-- pattern: {($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }
SELECT eventTime, eventID, eventName,
       coalesce(userIdentity.arn, userIdentity.invokedBy, userIdentity.principalId) AS principal,
       sourceIPAddress, awsRegion, errorCode
FROM $EDS_ID
WHERE eventSource = 'kms.amazonaws.com' AND eventName IN ('DisableKey', 'ScheduleKeyDeletion')
